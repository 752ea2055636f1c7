import { describe, expect, it } from 'vitest';
import {
  createLifecycle,
  type LifecycleChange,
  SessionError,
  SessionErrorCode,
  SessionTransitionError,
} from '../../src/index';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createLifecycle', () => {
  it('walks the happy path, recording every step', () => {
    const clock = fakeClock();
    const seen: LifecycleChange[] = [];
    const life = createLifecycle({ clock: clock.now, onTransition: (change) => seen.push(change) });
    expect(life.state).toBe('created');
    for (const to of [
      'waiting',
      'joined',
      'handshaking',
      'awaiting-consent',
      'active-view',
      'active-control',
    ] as const) {
      life.transition(to);
    }
    life.end('guest-window-closed');
    expect(life.state).toBe('ended');
    expect(life.isLive).toBe(false);
    expect(life.endReason).toBe('guest-window-closed');
    expect(life.history).toHaveLength(7);
    expect(seen).toEqual(life.history);
    expect(() => life.end('agent-ended')).toThrow(SessionTransitionError);
    expect(() => life.transition('ended')).toThrow(SessionTransitionError);
  });

  it('times out waiting for a guest after 10 minutes by default', () => {
    const clock = fakeClock();
    const life = createLifecycle({ clock: clock.now });
    life.transition('waiting');
    expect(life.deadline).toBe(clock.now() + 600_000);
    clock.advance(599_999);
    expect(life.expireIfDue()).toBe(false);
    clock.advance(1);
    expect(life.expireIfDue()).toBe(true);
    expect(life.endReason).toBe('expired');
    expect(life.deadline).toBeUndefined();
  });

  it('times out consent after the configured time', () => {
    const clock = fakeClock();
    const life = createLifecycle({ clock: clock.now, timeouts: { consentMs: 5_000 }, initialState: 'handshaking' });
    expect(life.deadline).toBeUndefined();
    life.transition('awaiting-consent');
    clock.advance(5_000);
    expect(life.expireIfDue()).toBe(true);
    expect(life.state).toBe('ended');
  });

  it('clears the deadline once past a timed state', () => {
    const clock = fakeClock();
    const life = createLifecycle({ clock: clock.now, initialState: 'awaiting-consent' });
    expect(life.deadline).toBe(clock.now() + 120_000);
    life.transition('active-view');
    clock.advance(10_000_000);
    expect(life.expireIfDue()).toBe(false);
  });

  it('rejects illegal steps with a typed error and keeps its state', () => {
    const life = createLifecycle();
    expect(() => life.transition('active-control')).toThrow(SessionTransitionError);
    expect(() => life.end('consent-refused')).toThrow(
      expect.objectContaining({ code: SessionErrorCode.ILLEGAL_END_REASON }),
    );
    expect(life.state).toBe('created');
  });

  it('rejects non-positive timeouts', () => {
    expect(() => createLifecycle({ timeouts: { waitingForGuestMs: 0 } })).toThrow(SessionError);
  });
});
