import { SessionError, SessionErrorCode } from '../errors';
import { DEFAULT_LIFECYCLE_TIMEOUTS } from '../lifecycle/lifecycle';
import { type EndReason, isEndReason } from '../lifecycle/states';
import { transition } from '../lifecycle/transition';
import { generateSessionNumber, type RandomSource } from '../number/session-number';
import type { ClaimResult, CreateSessionInput, SessionRecord, SessionRegistry } from './registry';

/** Options of {@link createMemoryRegistry}. */
export interface MemoryRegistryOptions {
  /**
   * Clock in milliseconds since the epoch.
   * @default Date.now
   */
  clock?: () => number;
  /**
   * How long a new number waits for a guest.
   * @default 600_000 (10 min)
   */
  waitingForGuestMs?: number;
  /**
   * How long a used or expired number stays reserved (never reissued) after its session ended.
   * @default 86_400_000 (24 h)
   */
  retainRetiredMs?: number;
  /**
   * Most sessions live at once; `create` beyond it fails with `SESSION_REGISTRY_FULL`.
   * @default 10_000
   */
  maxLiveSessions?: number;
  /**
   * Random source for numbers and ids.
   * @default globalThis.crypto.getRandomValues
   */
  random?: RandomSource;
}

const SWEEP_EVERY_CREATES = 256;

interface Entry {
  record: SessionRecord;
  /** When the number may be forgotten (set once the session ended). */
  forgetAt?: number;
}

function randomId(random: RandomSource): string {
  const words = new Uint32Array(4);
  random(words);
  return Array.from(words, (word) => word.toString(16).padStart(8, '0')).join('');
}

/**
 * An in-memory {@link SessionRegistry} for a single relay process. Numbers of ended sessions are
 * kept for `retainRetiredMs` (24 h) so they are never reissued in that time and a late claim
 * still says `taken` or `expired` instead of `unknown`.
 *
 * @param options - see {@link MemoryRegistryOptions}
 * @returns a new, empty registry
 *
 * @example
 * ```ts
 * const registry = createMemoryRegistry();
 * const session = await registry.create({ agent: { id: 'a1', org: 'Stadtwerke' } });
 * const claim = await registry.claimByNumber(session.number); // { ok: true, session }
 * ```
 */
export function createMemoryRegistry(options: MemoryRegistryOptions = {}): SessionRegistry {
  const clock = options.clock ?? Date.now;
  const waitingMs = options.waitingForGuestMs ?? DEFAULT_LIFECYCLE_TIMEOUTS.waitingForGuestMs;
  const retainMs = options.retainRetiredMs ?? 86_400_000;
  const maxLive = options.maxLiveSessions ?? 10_000;
  const random = options.random ?? ((array: Uint32Array) => globalThis.crypto.getRandomValues(array));
  const byNumber = new Map<string, Entry>();
  const byId = new Map<string, Entry>();
  let liveCount = 0;
  let createsSinceSweep = 0;

  const finish = (entry: Entry, reason: EndReason, now: number): SessionRecord => {
    const { record } = entry;
    // The relay sees only waiting → joined → ended; reasons such as consent-refused come from the
    // peers' finer lifecycle, so only the reason's spelling is checked here.
    if (!isEndReason(reason)) throw new SessionError(SessionErrorCode.INVALID_ARGUMENT, 'unknown end reason');
    entry.record = { ...record, state: 'ended', endedAt: now, endReason: reason };
    entry.forgetAt = now + retainMs;
    liveCount--;
    return entry.record;
  };

  const sweep = (now: number): SessionRecord[] => {
    const expired: SessionRecord[] = [];
    for (const [number, entry] of byNumber) {
      if (entry.record.state === 'waiting' && now >= entry.record.expiresAt) {
        expired.push(finish(entry, 'expired', now));
      } else if (entry.forgetAt !== undefined && now >= entry.forgetAt) {
        byNumber.delete(number);
        byId.delete(entry.record.id);
      }
    }
    return expired;
  };

  return {
    async create(input: CreateSessionInput) {
      const now = clock();
      // A full sweep is O(numbers kept); do it when it can free room, and now and then so
      // memory stays bounded even if the owner never calls expire().
      if (liveCount >= maxLive || ++createsSinceSweep >= SWEEP_EVERY_CREATES) {
        createsSinceSweep = 0;
        sweep(now);
      }
      if (liveCount >= maxLive) {
        throw new SessionError(SessionErrorCode.REGISTRY_FULL, `registry holds ${liveCount} live sessions`);
      }
      const number = await generateSessionNumber({ random, isTaken: (candidate) => byNumber.has(candidate) });
      // `isTaken` and the insert below run without an await in between, so the number stays ours.
      const record: SessionRecord = {
        id: randomId(random),
        number,
        state: transition('created', 'waiting'),
        agent: { ...input.agent },
        createdAt: now,
        expiresAt: now + waitingMs,
      };
      const entry: Entry = { record };
      byNumber.set(number, entry);
      byId.set(record.id, entry);
      liveCount++;
      return record;
    },

    async claimByNumber(number: string): Promise<ClaimResult> {
      const now = clock();
      const entry = byNumber.get(number);
      if (entry === undefined || (entry.forgetAt !== undefined && now >= entry.forgetAt)) {
        return { ok: false, reason: 'unknown' };
      }
      const { record } = entry;
      if (record.state === 'waiting' && now >= record.expiresAt) finish(entry, 'expired', now);
      if (entry.record.state !== 'waiting') {
        return { ok: false, reason: entry.record.joinedAt === undefined ? 'expired' : 'taken' };
      }
      entry.record = { ...record, state: transition(record.state, 'joined'), joinedAt: now };
      return { ok: true, session: entry.record };
    },

    async get(id: string) {
      return byId.get(id)?.record;
    },

    async end(id: string, reason: EndReason) {
      const entry = byId.get(id);
      if (entry === undefined) return undefined;
      if (entry.record.state === 'ended') return entry.record;
      return finish(entry, reason, clock());
    },

    async listLive() {
      return [...byId.values()].map((entry) => entry.record).filter((record) => record.state !== 'ended');
    },

    async expire(now?: number) {
      return sweep(now ?? clock());
    },
  };
}
