import { describe, expect, it } from 'vitest';
import type { InputBlockedReason } from '../src/index';
import { CallErrorCode } from '../src/index';
import { consented, settle } from './call-pair';

type Pair = Awaited<ReturnType<typeof consented>>;

/** The agent asks for control and the customer grants it. */
async function grantControl({ guest, viewer }: Pair) {
  await viewer.requestControl();
  await settle();
  await guest.answerControlRequest(true);
  await settle();
}

/** A consented pair recording the viewer's `input-blocked` events; with control granted unless `control` is false. */
async function recordingPair(control = true) {
  const pair = await consented();
  if (control) await grantControl(pair);
  const blocked: InputBlockedReason[] = [];
  pair.viewer.on('input-blocked', (reason) => blocked.push(reason));
  return { ...pair, blocked };
}

describe('input-blocked: the agent is told when the desktop refuses input', () => {
  it('reaches the viewer with its reason while control is granted', async () => {
    const { guest, viewer, blocked } = await recordingPair();
    await guest.reportInputBlocked('elevated-window');
    await settle();
    await guest.reportInputBlocked('secure-desktop');
    await settle();
    expect(blocked).toEqual(['elevated-window', 'secure-desktop']);
    expect(viewer.state).toBe('active-control');
  });

  it('sends the same reason twice in a row only once, again after the other reason', async () => {
    const { guest, wire, blocked } = await recordingPair();
    await guest.reportInputBlocked('secure-desktop');
    await settle();
    const sent = wire.sent.guest;
    await guest.reportInputBlocked('secure-desktop');
    await settle();
    expect(wire.sent.guest).toBe(sent);
    await guest.reportInputBlocked('elevated-window');
    await guest.reportInputBlocked('secure-desktop');
    await settle();
    expect(blocked).toEqual(['secure-desktop', 'elevated-window', 'secure-desktop']);
  });

  it('sends nothing without control, and the same reason again once control is granted anew', async () => {
    const pair = await recordingPair(false);
    const { guest, wire, blocked } = pair;
    const sent = wire.sent.guest;
    await guest.reportInputBlocked('elevated-window');
    await settle();
    expect(wire.sent.guest).toBe(sent);

    await grantControl(pair);
    await guest.reportInputBlocked('elevated-window');
    await settle();
    await guest.revokeControl();
    await settle();
    const afterRevoke = wire.sent.guest;
    await guest.reportInputBlocked('secure-desktop');
    await settle();
    expect(wire.sent.guest).toBe(afterRevoke);

    await grantControl(pair);
    await guest.reportInputBlocked('elevated-window');
    await settle();
    expect(blocked).toEqual(['elevated-window', 'elevated-window']);
  });

  it('is ignored by a viewer that has just given control back (the messages crossed)', async () => {
    const { guest, viewer, blocked } = await recordingPair();
    await viewer.releaseControl();
    await guest.reportInputBlocked('secure-desktop'); // the guest has not yet seen the release
    await settle();
    expect(blocked).toEqual([]);
    expect(viewer.state).toBe('active-view');
    expect(guest.state).toBe('active-view');
  });

  it('rejects an unknown reason with SESSION_INVALID_ARGUMENT and sends nothing', async () => {
    const { guest, wire } = await recordingPair();
    const sent = wire.sent.guest;
    await expect(guest.reportInputBlocked('uac' as InputBlockedReason)).rejects.toMatchObject({
      code: CallErrorCode.INVALID_ARGUMENT,
    });
    expect(wire.sent.guest).toBe(sent);
  });
});
