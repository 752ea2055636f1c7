import { attachCall, createGuestCall, type GuestCall, type KeyMessage } from '@fernhilfe/call';
import { createEncoder } from '@fernhilfe/codec';
import { createMemoryRegistry } from '@fernhilfe/session';
import { createGuestClient, type PairedChannel } from '@fernhilfe/transport';
import { createRelay, type Relay } from '@fernhilfe/transport/relay';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndReason } from '../src/connection/end-reasons';
import { createRelayConnection } from '../src/connection/relay-connection';
import type { ViewerConnection, ViewerConnectionEvents } from '../src/connection/viewer-connection';
import { ViewerErrorCode } from '../src/errors';

const TOKEN = 'test-agent-token-0123456789';

type Recorded = { name: keyof ViewerConnectionEvents; value: unknown };

function recorder() {
  const seen: Recorded[] = [];
  const waiters: Array<() => void> = [];
  const push = (name: keyof ViewerConnectionEvents) => (value: unknown) => {
    seen.push({ name, value });
    for (const wake of waiters.splice(0)) wake();
  };
  const events: ViewerConnectionEvents = {
    paired: push('paired'),
    securityCode: push('securityCode'),
    consent: () => push('consent')(undefined),
    screenUpdate: push('screenUpdate'),
    cursor: push('cursor'),
    control: push('control'),
    inputBlocked: push('inputBlocked'),
    rtt: push('rtt'),
    ended: push('ended'),
    error: push('error'),
  };
  const next = async (name: keyof ViewerConnectionEvents, timeoutMs = 20_000): Promise<unknown> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = seen.find((event) => event.name === name);
      if (hit) return hit.value;
      if (Date.now() > deadline) throw new Error(`no ${name} event; saw ${seen.map((e) => e.name).join(', ')}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return { events, seen, next, names: () => seen.map((event) => event.name) };
}

let relay: Relay | undefined;
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await relay?.close();
  relay = undefined;
});

async function startRelay(waitingForGuestMs?: number): Promise<string> {
  relay = await createRelay({
    port: 0,
    host: '127.0.0.1',
    agentTokens: [{ token: TOKEN, agentId: 'a1', displayName: 'Erika Muster', org: 'Stadtwerke' }],
    ...(waitingForGuestMs === undefined
      ? {}
      : { registry: createMemoryRegistry({ waitingForGuestMs }), expirySweepMs: 100 }),
    onError: () => {},
  });
  return `ws://127.0.0.1:${relay.address?.port}/relay`;
}

/** The guest side: joins, answers the handshake and hands the call to the test. */
async function joinAsGuest(
  url: string,
  number: string,
): Promise<{ call: GuestCall; channel: PairedChannel; code: Promise<string> }> {
  const channel = await createGuestClient({ url, number });
  const { call } = attachCall('guest', channel, (send) =>
    createGuestCall({ sessionId: channel.peer.sessionId, screen: { width: 64, height: 32 }, canControl: true, send }),
  );
  const code = new Promise<string>((resolve) => call.on('security-code', resolve));
  call.start();
  cleanups.push(() => channel.close());
  return { call, channel, code };
}

async function connect(url: string, token: string | (() => Promise<string>) = TOKEN) {
  const seen = recorder();
  const connection: ViewerConnection = createRelayConnection({
    relayUrl: url,
    getToken: typeof token === 'string' ? () => token : token,
    events: seen.events,
  });
  cleanups.push(() => connection.end('agent-ended'));
  return { connection, seen };
}

function frame(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return createEncoder({ width, height }).keyframe({ width, height, stride: width * 4, data, format: 'rgba' });
}

describe('createRelayConnection over a real relay', () => {
  it('runs a whole call: code, consent, frames, cursor, control, input, rtt, guest end', async () => {
    const url = await startRelay();
    const { connection, seen } = await connect(url);
    const session = await connection.createSession();
    expect(session.number).toMatch(/^\d{8}$/);
    expect(session.expiresAt).toBeGreaterThan(Date.now());

    const guest = await joinAsGuest(url, session.number);
    expect(await seen.next('paired')).toEqual({ org: 'Stadtwerke', agentName: 'Erika Muster' });
    const guestCode = await guest.code;
    expect(await seen.next('securityCode')).toBe(guestCode);

    await guest.call.confirm();
    await seen.next('consent');
    await guest.call.sendFrame(frame(64, 32, [10, 20, 30]));
    const bytes = (await seen.next('screenUpdate')) as Uint8Array;
    expect(bytes.byteLength).toBeGreaterThan(0);
    await guest.call.sendCursor({
      shapeId: 1,
      x: 5,
      y: 6,
      image: { width: 1, height: 1, hotspotX: 0, hotspotY: 0, rgba: new Uint8Array([0, 0, 0, 255]) },
    });
    expect(await seen.next('cursor')).toMatchObject({ x: 5, y: 6, visible: true });
    expect(await seen.next('rtt')).toBeGreaterThanOrEqual(0);

    const requested = new Promise<void>((resolve) => guest.call.on('control-requested', () => resolve()));
    connection.requestControl();
    await requested;
    await guest.call.answerControlRequest(true);
    expect(await seen.next('control')).toBe('granted');
    await guest.call.reportInputBlocked('secure-desktop');
    expect(await seen.next('inputBlocked')).toBe('secure-desktop');

    const input: KeyMessage[] = [];
    guest.call.on('input', (event) => event.type === 'key' && input.push(event));
    connection.sendKey({
      code: 'KeyA',
      key: 'A',
      down: true,
      repeat: false,
      modifiers: { ctrl: false, alt: false, shift: true, meta: false },
    });
    await expect.poll(() => input.length).toBe(1);
    expect(input[0]).toMatchObject({ code: 'KeyA', key: 'A', down: true });

    await guest.call.end('guest-ended');
    expect(await seen.next('ended')).toBe('guest-ended');
    expect(seen.names().filter((name) => name === 'ended')).toHaveLength(1);
    expect(seen.names().slice(0, 3)).toEqual(['paired', 'securityCode', 'consent']);
  });

  it('ends as security-code-mismatch on both sides', async () => {
    const url = await startRelay();
    const { connection, seen } = await connect(url);
    const session = await connection.createSession();
    const guest = await joinAsGuest(url, session.number);
    await seen.next('securityCode');
    const guestEnded = new Promise<EndReason>((resolve) => guest.call.on('ended', ({ reason }) => resolve(reason)));
    connection.end('security-code-mismatch');
    expect(await seen.next('ended')).toBe('security-code-mismatch');
    expect(await guestEnded).toBe('security-code-mismatch');
  });

  it('reports a refused consent as ended(consent-refused)', async () => {
    const url = await startRelay();
    const { connection, seen } = await connect(url);
    const guest = await joinAsGuest(url, (await connection.createSession()).number);
    await seen.next('securityCode');
    await guest.call.refuse();
    expect(await seen.next('ended')).toBe('consent-refused');
    expect(seen.names()).not.toContain('consent');
  });

  it('reports a control refusal and a revoke', async () => {
    const url = await startRelay();
    const { connection, seen } = await connect(url);
    const guest = await joinAsGuest(url, (await connection.createSession()).number);
    await seen.next('securityCode');
    await guest.call.confirm();
    await seen.next('consent');
    const asked = () =>
      new Promise<void>((resolve) => {
        const off = guest.call.on('control-requested', () => {
          off();
          resolve();
        });
      });
    let request = asked();
    connection.requestControl();
    await request;
    await guest.call.answerControlRequest(false);
    await expect.poll(() => seen.seen.filter((e) => e.name === 'control').map((e) => e.value)).toEqual(['refused']);
    request = asked();
    connection.requestControl();
    await request;
    await guest.call.answerControlRequest(true);
    await expect.poll(() => seen.seen.filter((e) => e.name === 'control').length).toBe(2);
    await guest.call.revokeControl();
    await expect
      .poll(() => seen.seen.filter((e) => e.name === 'control').map((e) => e.value))
      .toEqual(['refused', 'granted', 'revoked']);
  });

  it('ends the guest with agent-ended when the agent ends', async () => {
    const url = await startRelay();
    const { connection, seen } = await connect(url);
    const guest = await joinAsGuest(url, (await connection.createSession()).number);
    await seen.next('securityCode');
    await guest.call.confirm();
    await seen.next('consent');
    const guestEnded = new Promise<EndReason>((resolve) => guest.call.on('ended', ({ reason }) => resolve(reason)));
    connection.end('agent-ended');
    expect(await guestEnded).toBe('agent-ended');
    expect(await seen.next('ended')).toBe('agent-ended');
  });

  it('shows a dropped guest as a lost connection', async () => {
    const url = await startRelay();
    const { connection, seen } = await connect(url);
    const guest = await joinAsGuest(url, (await connection.createSession()).number);
    await seen.next('securityCode');
    guest.channel.close('guest-window-closed');
    expect(await seen.next('ended')).toBe('guest-window-closed');
  });

  it('maps a rejected token, an unreachable relay, a failing token source and an expired number', async () => {
    const url = await startRelay(300);
    const rejected = await connect(url, 'wrong-token-0123456789');
    await expect(rejected.connection.createSession()).rejects.toMatchObject({ code: ViewerErrorCode.TOKEN_REJECTED });

    const unreachable = await connect('ws://127.0.0.1:1/relay');
    await expect(unreachable.connection.createSession()).rejects.toMatchObject({
      code: ViewerErrorCode.RELAY_UNREACHABLE,
    });

    const failing = await connect(url, () => Promise.reject(new Error('helpdesk answered 500')));
    await expect(failing.connection.createSession()).rejects.toMatchObject({
      code: ViewerErrorCode.TOKEN_UNAVAILABLE,
    });
    const empty = await connect(url, '');
    await expect(empty.connection.createSession()).rejects.toMatchObject({ code: ViewerErrorCode.TOKEN_UNAVAILABLE });

    const expiring = await connect(url);
    await expiring.connection.createSession();
    expect(await expiring.seen.next('ended')).toBe('expired');
    expect(await expiring.seen.next('error')).toMatchObject({ code: ViewerErrorCode.EXPIRED });
  });
});
