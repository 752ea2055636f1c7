import type { EndReason, SessionState } from '../lifecycle/states';

/** Who created a session, as the relay knows them (shown to the guest before consent). */
export interface AgentIdentity {
  /** Stable agent id in the helpdesk. */
  id: string;
  /** Organisation the agent works for. */
  org: string;
  /** Display name shown to the customer. */
  name?: string;
}

/** A session as the registry keeps it. Records are snapshots: mutate through the registry only. */
export interface SessionRecord {
  /** Opaque, unguessable session id (128 bits, hex). Not the session number. */
  readonly id: string;
  /** The 8-digit session number (ASCII digits). */
  readonly number: string;
  /** `waiting`, `joined` or `ended`: the part of the lifecycle the relay can see. */
  readonly state: SessionState;
  /** The agent who created the session. */
  readonly agent: AgentIdentity;
  /** Creation time, ms since epoch. */
  readonly createdAt: number;
  /** When the number stops being claimable if no guest joined, ms since epoch. */
  readonly expiresAt: number;
  /** When a guest claimed the number, ms since epoch. */
  readonly joinedAt?: number;
  /** When the session ended, ms since epoch. */
  readonly endedAt?: number;
  /** Why the session ended. */
  readonly endReason?: EndReason;
  /** Id of the relay node that hosts the session (the agent's node), in a cluster; absent on a single relay. */
  readonly host?: string;
}

/** What {@link SessionRegistry.create} needs. */
export interface CreateSessionInput {
  /** The agent creating the session. */
  agent: AgentIdentity;
}

/** Why a claim failed: `unknown` (never issued, or retired long ago), `expired` (timed out or ended before a guest joined), `taken` (already claimed: numbers are single use). */
export type ClaimFailure = 'unknown' | 'expired' | 'taken';

/** A successful claim: the guest joined. */
export interface ClaimSuccess {
  /** Always `true`. */
  ok: true;
  /** The session, now `joined`. */
  session: SessionRecord;
}

/** A failed claim. */
export interface ClaimRefusal {
  /** Always `false`. */
  ok: false;
  /** Why the number cannot be claimed. */
  reason: ClaimFailure;
}

/** Result of {@link SessionRegistry.claimByNumber}. */
export type ClaimResult = ClaimSuccess | ClaimRefusal;

/**
 * Where the relay keeps sessions. Every method is asynchronous and self-contained (no
 * synchronous read-then-write across calls), so a shared store such as Redis can implement it
 * with one atomic operation per method.
 */
export interface SessionRegistry {
  /**
   * Creates a session in state `waiting` with a fresh number that is neither live nor retired.
   * @param input - the agent
   * @returns the new session
   * @throws {@link SessionError} `SESSION_REGISTRY_FULL` at the live-session limit,
   *   {@link SessionNumberError} `SESSION_NUMBER_SPACE_EXHAUSTED` if no free number is found
   */
  create(input: CreateSessionInput): Promise<SessionRecord>;
  /**
   * Claims a number for a guest: succeeds once, atomically, and burns the number.
   * @param number - 8 ASCII digits (parse user input with {@link parseSessionNumber} first)
   * @returns the joined session, or why the claim failed
   */
  claimByNumber(number: string): Promise<ClaimResult>;
  /**
   * Looks a session up by id (ended sessions stay visible until their number is forgotten).
   * @param id - session id
   * @returns the session, or `undefined`
   */
  get(id: string): Promise<SessionRecord | undefined>;
  /**
   * Ends a session. Idempotent: ending an ended session returns it unchanged (first reason wins).
   * @param id - session id
   * @param reason - why
   * @returns the ended session, or `undefined` for an unknown id
   */
  end(id: string, reason: EndReason): Promise<SessionRecord | undefined>;
  /**
   * Lists every session not yet ended.
   * @returns live sessions, oldest first
   */
  listLive(): Promise<SessionRecord[]>;
  /**
   * Ends every waiting session past its deadline with `expired` and forgets numbers retired
   * longer ago than the retention.
   * @param now - current time in ms since epoch (defaults to the registry's clock)
   * @returns the sessions that expired in this call
   */
  expire(now?: number): Promise<SessionRecord[]>;
}
