import { describe, expect, it } from 'vitest';
import type { CreatedSession } from '../src/connection/viewer-connection';
import { stepsOf } from '../src/state/steps';
import {
  canEnd,
  INITIAL_VIEWER_STATE,
  isControlOn,
  reduceViewerState,
  type ViewerEvent,
  type ViewerState,
} from '../src/state/viewer-state';

const session: CreatedSession = { sessionId: 's1', number: '12345678', expiresAt: 1_000_000 };
const run = (...events: ViewerEvent[]) => events.reduce(reduceViewerState, INITIAL_VIEWER_STATE);
const live = (): ViewerState =>
  run(
    { type: 'create-started' },
    { type: 'created', session },
    { type: 'paired' },
    { type: 'security-code', code: '123456' },
    { type: 'consent', at: 5 },
  );
const statuses = (state: ViewerState) => stepsOf(state).map((step) => step.status);

describe('reduceViewerState', () => {
  it('keeps who the customer is told is asking, from the relay', () => {
    const shownAs = { agentName: 'Erika Muster', org: 'Stadtwerke' };
    const paired = run({ type: 'create-started' }, { type: 'created', session }, { type: 'paired', shownAs });
    expect(paired).toMatchObject({ phase: 'connected', shownAs });
    expect(reduceViewerState(paired, { type: 'security-code', code: '123456' }).shownAs).toEqual(shownAs);
    expect(run({ type: 'create-started' }, { type: 'created', session }, { type: 'paired' }).shownAs).toBeUndefined();
  });

  it('walks a whole call in order', () => {
    expect(run({ type: 'create-started' }).phase).toBe('creating');
    expect(run({ type: 'create-started' }, { type: 'created', session }).phase).toBe('waiting');
    const state = live();
    expect(state).toMatchObject({ phase: 'live-view', securityCode: '123456', liveSince: 5, session });
    const requested = reduceViewerState(state, { type: 'control-requested' });
    expect(requested.controlRequested).toBe(true);
    const granted = reduceViewerState(requested, { type: 'control', change: 'granted' });
    expect(granted.phase).toBe('live-control');
    expect(isControlOn(granted)).toBe(true);
    const released = reduceViewerState(granted, { type: 'control-released' });
    expect(released.phase).toBe('live-view');
    const ended = reduceViewerState(released, { type: 'ended', reason: 'guest-ended', at: 9 });
    expect(ended).toMatchObject({ phase: 'ended', endReason: 'guest-ended', endedAt: 9 });
    expect(canEnd(ended)).toBe(false);
  });

  it('ignores events out of order and keeps the same object', () => {
    const waiting = run({ type: 'create-started' }, { type: 'created', session });
    expect(reduceViewerState(waiting, { type: 'consent', at: 1 })).toBe(waiting);
    expect(reduceViewerState(waiting, { type: 'control', change: 'granted' })).toBe(waiting);
    expect(reduceViewerState(INITIAL_VIEWER_STATE, { type: 'paired' })).toBe(INITIAL_VIEWER_STATE);
    const ended = reduceViewerState(waiting, { type: 'ended', reason: 'expired', at: 1 });
    expect(reduceViewerState(ended, { type: 'ended', reason: 'peer-lost', at: 2 })).toBe(ended);
    expect(reduceViewerState(ended, { type: 'paired' })).toBe(ended);
  });

  it('goes straight to the code when the relay reports no separate pairing', () => {
    const state = run({ type: 'create-started' }, { type: 'created', session }, { type: 'security-code', code: '1' });
    expect(state.phase).toBe('awaiting-consent');
  });

  it('notes a refused request and a revoked grant', () => {
    const refused = reduceViewerState(reduceViewerState(live(), { type: 'control-requested' }), {
      type: 'control',
      change: 'refused',
    });
    expect(refused).toMatchObject({ phase: 'live-view', controlRequested: false, notice: 'control-refused' });
    const granted = reduceViewerState(live(), { type: 'control', change: 'granted' });
    const revoked = reduceViewerState(granted, { type: 'control', change: 'revoked' });
    expect(revoked).toMatchObject({ phase: 'live-view', notice: 'control-revoked' });
    expect(reduceViewerState(revoked, { type: 'control-requested' }).notice).toBeUndefined();
  });

  it('keeps why input is blocked only while control is on', () => {
    const granted = reduceViewerState(live(), { type: 'control', change: 'granted' });
    const blocked = reduceViewerState(granted, { type: 'input-blocked', reason: 'elevated-window' });
    expect(blocked.inputBlocked).toBe('elevated-window');
    expect(reduceViewerState(blocked, { type: 'input-blocked', reason: 'elevated-window' })).toBe(blocked);
    expect(reduceViewerState(blocked, { type: 'input-blocked', reason: 'secure-desktop' }).inputBlocked).toBe(
      'secure-desktop',
    );
    expect(reduceViewerState(live(), { type: 'input-blocked', reason: 'secure-desktop' }).inputBlocked).toBeUndefined();
    expect(reduceViewerState(blocked, { type: 'control', change: 'revoked' }).inputBlocked).toBeUndefined();
    expect(reduceViewerState(blocked, { type: 'control-released' }).inputBlocked).toBeUndefined();
    expect(reduceViewerState(blocked, { type: 'ended', reason: 'guest-ended', at: 1 }).inputBlocked).toBeUndefined();
  });

  it('returns to idle with the error when creating fails, and starts afresh after an end', () => {
    const failed = run({ type: 'create-started' }, { type: 'create-failed', code: 'VIEWER_TOKEN_REJECTED' });
    expect(failed).toMatchObject({ phase: 'idle', error: 'VIEWER_TOKEN_REJECTED' });
    const ended = reduceViewerState(live(), { type: 'ended', reason: 'agent-ended', at: 1 });
    expect(reduceViewerState(ended, { type: 'create-started' })).toEqual({
      phase: 'creating',
      controlRequested: false,
    });
  });
});

describe('stepsOf', () => {
  it('marks the current step of each phase', () => {
    expect(statuses(INITIAL_VIEWER_STATE)).toEqual(Array(7).fill('pending'));
    const waiting = run({ type: 'create-started' }, { type: 'created', session });
    expect(statuses(waiting)).toEqual(['current', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
    const code = reduceViewerState(reduceViewerState(waiting, { type: 'paired' }), {
      type: 'security-code',
      code: '1',
    });
    expect(statuses(code)).toEqual(['done', 'done', 'done', 'current', 'pending', 'pending', 'pending']);
    const control = reduceViewerState(live(), { type: 'control', change: 'granted' });
    expect(statuses(control)).toEqual(['done', 'done', 'done', 'done', 'done', 'current', 'pending']);
  });

  it('shows which steps an ended session reached', () => {
    const afterCode = run(
      { type: 'create-started' },
      { type: 'created', session },
      { type: 'security-code', code: '1' },
      { type: 'ended', reason: 'consent-refused', at: 1 },
    );
    expect(statuses(afterCode)).toEqual(['done', 'done', 'done', 'skipped', 'skipped', 'skipped', 'current']);
    const afterLive = reduceViewerState(live(), { type: 'ended', reason: 'guest-ended', at: 1 });
    expect(statuses(afterLive)).toEqual(['done', 'done', 'done', 'done', 'done', 'skipped', 'current']);
  });
});
