import { MESSAGE_TYPES, type MessageTypeName } from './message-types';
import type { SessionMessage } from './messages';

/** Why the gate held a message back. */
export type GateRefusalReason = 'no-control' | 'wrong-direction';

/** One message the gate held back. */
export interface GateRefusal {
  /** The message type. */
  type: MessageTypeName;
  /** Why. */
  reason: GateRefusalReason;
  /** Clock reading, ms since epoch. */
  at: number;
}

/** The message may be acted on. */
export interface GatePass {
  /** Always `true`. */
  pass: true;
}

/** The message must be dropped (and was recorded). */
export interface GateBlock {
  /** Always `false`. */
  pass: false;
  /** Why. */
  reason: GateRefusalReason;
}

/** Outcome of {@link PermissionGate.admit}. */
export type GateDecision = GatePass | GateBlock;

/** Options of {@link createPermissionGate}. */
export interface PermissionGateOptions {
  /** Clock in ms since epoch. @default Date.now */
  clock?: () => number;
  /** Most refusals kept in `refusals` (the oldest are dropped; `refusalCount` keeps counting). @default 100 */
  maxRecordedRefusals?: number;
  /** Called for every refusal. */
  onRefusal?: (refusal: GateRefusal) => void;
}

/**
 * The guest's gate on messages from the viewer: input (`pointer`, `key`) passes only while the
 * customer has granted control, and messages only the guest may send are refused outright.
 * Control starts refused; only the guest's own UI calls `grant()`.
 */
export interface PermissionGate {
  /** Whether control is currently granted. */
  readonly controlGranted: boolean;
  /** The customer granted control. */
  grant(): void;
  /** The customer took control back (or the session moved on); input is refused from now on. */
  revoke(): void;
  /**
   * Decides whether a decoded message from the viewer may be acted on. A `control-revoke` from
   * the viewer (handing control back) is admitted and revokes.
   * @param message - a message decoded from the viewer
   * @returns pass, or the refusal reason (also recorded)
   */
  admit(message: SessionMessage): GateDecision;
  /** The most recent refusals, oldest first. */
  readonly refusals: readonly GateRefusal[];
  /** How many messages were refused in total. */
  readonly refusalCount: number;
}

/**
 * Creates the guest's permission gate, with control not granted.
 *
 * @param options - see {@link PermissionGateOptions}
 * @returns a new gate
 *
 * @example
 * ```ts
 * const gate = createPermissionGate();
 * const message = decodeMessage(bytes);
 * if (gate.admit(message).pass) apply(message);
 * ```
 */
export function createPermissionGate(options: PermissionGateOptions = {}): PermissionGate {
  const clock = options.clock ?? Date.now;
  const maxRecorded = Math.max(0, options.maxRecordedRefusals ?? 100);
  const refusals: GateRefusal[] = [];
  let refusalCount = 0;
  let controlGranted = false;

  const refuse = (type: MessageTypeName, reason: GateRefusalReason): GateDecision => {
    const refusal: GateRefusal = { type, reason, at: clock() };
    refusalCount++;
    refusals.push(refusal);
    if (refusals.length > maxRecorded) refusals.shift();
    options.onRefusal?.(refusal);
    return { pass: false, reason };
  };

  return {
    get controlGranted() {
      return controlGranted;
    },
    get refusals() {
      return refusals;
    },
    get refusalCount() {
      return refusalCount;
    },
    grant() {
      controlGranted = true;
    },
    revoke() {
      controlGranted = false;
    },
    admit(message) {
      const type = message?.type;
      const entry = Object.hasOwn(MESSAGE_TYPES, type) ? MESSAGE_TYPES[type] : undefined;
      if (entry === undefined) return refuse(type, 'wrong-direction');
      if (entry.direction === 'guest→viewer') return refuse(type, 'wrong-direction');
      if (entry.input && !controlGranted) return refuse(type, 'no-control');
      if (type === 'control-revoke') controlGranted = false;
      return { pass: true };
    },
  };
}
