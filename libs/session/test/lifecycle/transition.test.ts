import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canEndWith,
  canTransition,
  END_REASONS,
  SESSION_STATES,
  SessionErrorCode,
  SessionTransitionError,
  TRANSITIONS,
  transition,
} from '../../src/index';

const state = fc.constantFrom(...SESSION_STATES);
const reason = fc.option(fc.constantFrom(...END_REASONS), { nil: undefined });

describe('transition table', () => {
  it('accepts exactly the steps listed in the table (all pairs, all reasons)', () => {
    for (const from of SESSION_STATES) {
      for (const to of SESSION_STATES) {
        for (const why of [undefined, ...END_REASONS]) {
          const legal =
            canTransition(from, to) &&
            (to === 'ended' ? why !== undefined && canEndWith(from, why) : why === undefined);
          if (legal) {
            expect(transition(from, to, why)).toBe(to);
          } else {
            expect(() => transition(from, to, why)).toThrow(SessionTransitionError);
          }
        }
      }
    }
  });

  it('never accepts a step outside the table (property)', () => {
    fc.assert(
      fc.property(state, state, reason, (from, to, why) => {
        const listed = (TRANSITIONS[from] as readonly string[]).includes(to);
        try {
          transition(from, to, why);
          expect(listed).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(SessionTransitionError);
          const code = (error as SessionTransitionError).code;
          expect(code).toBe(listed ? SessionErrorCode.ILLEGAL_END_REASON : SessionErrorCode.ILLEGAL_TRANSITION);
        }
      }),
    );
  });

  it('follows the happy path and nothing leaves ended', () => {
    const path = [
      'created',
      'waiting',
      'joined',
      'handshaking',
      'awaiting-consent',
      'active-view',
      'active-control',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(transition(path[i - 1]!, path[i]!)).toBe(path[i]);
    expect(transition('active-control', 'active-view')).toBe('active-view');
    expect(TRANSITIONS.ended).toEqual([]);
    expect(() => transition('waiting', 'active-view')).toThrow(SessionTransitionError);
  });

  it('ties end reasons to the states they can happen in', () => {
    expect(canEndWith('awaiting-consent', 'consent-refused')).toBe(true);
    expect(canEndWith('active-view', 'consent-refused')).toBe(false);
    expect(canEndWith('waiting', 'expired')).toBe(true);
    expect(canEndWith('active-control', 'expired')).toBe(false);
    expect(canEndWith('handshaking', 'security-code-mismatch')).toBe(true);
    for (const from of SESSION_STATES.filter((s) => s !== 'ended')) expect(canEndWith(from, 'interrupted')).toBe(true);
    expect(canEndWith('ended', 'agent-ended')).toBe(false);
  });
});
