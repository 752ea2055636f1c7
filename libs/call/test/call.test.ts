import { createViewerHandshake } from '@fernhilfe/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heavyRuns } from '../../../scripts/fast-check-runs';
import { type CallEnded, CallErrorCode, encodeMessage, type KeyMessage, type PointerMessage } from '../src/index';
import { consented, createCallPair, manualTimers, settle } from './call-pair';

describe('support call', () => {
  it('runs handshake, consent, frames, control and end between guest and viewer', async () => {
    const { guest, viewer } = createCallPair();
    const guestStates: string[] = [];
    guest.on('state', (s) => guestStates.push(s));
    const viewerCodes: string[] = [];
    viewer.on('security-code', (code) => viewerCodes.push(code));
    const consents: boolean[] = [];
    viewer.on('consent', (granted) => consents.push(granted));

    guest.start();
    await settle();
    expect(guest.securityCode).toMatch(/^\d{3} \d{3}$/);
    expect(viewerCodes).toEqual([guest.securityCode]);
    expect(guest.state).toBe('awaiting-consent');
    expect(guest.canSendFrame).toBe(false);

    await guest.confirm();
    await settle();
    expect(consents).toEqual([true]);
    expect(viewer.state).toBe('active-view');
    expect(viewer.guest).toEqual({ screen: { width: 1280, height: 800 }, canControl: true });

    const update = new Uint8Array(200_000).map((_, i) => (i * 31) & 0xff);
    const frames: Uint8Array[] = [];
    viewer.on('frame', (frame) => frames.push(frame.data));
    let rooms = 0;
    guest.on('room-to-send', () => rooms++);
    await guest.sendFrame(update);
    await settle();
    expect(frames).toHaveLength(1);
    expect(frames[0]).toEqual(update);
    expect(rooms).toBeGreaterThan(0);

    const requests: unknown[] = [];
    guest.on('control-requested', (v) => requests.push(v));
    await viewer.requestControl();
    await settle();
    expect(requests).toHaveLength(1);
    await guest.answerControlRequest(true);
    await settle();
    expect(viewer.controlGranted).toBe(true);
    expect(guest.state).toBe('active-control');

    const inputs: Array<PointerMessage | KeyMessage> = [];
    guest.on('input', (event) => inputs.push(event));
    expect(viewer.sendKey({ down: true, modifiers: 0, code: 'KeyA', key: 'a' })).toBe(true);
    expect(viewer.sendPointer({ x: 10, y: 20, buttons: 1, wheelX: 0, wheelY: 0 })).toBe(true);
    await settle();
    expect(inputs.map((i) => i.type)).toEqual(['key', 'pointer']);

    const controlChanges: boolean[] = [];
    viewer.on('control', (on) => controlChanges.push(on));
    await guest.revokeControl();
    await settle();
    expect(controlChanges).toEqual([false]);
    expect(viewer.sendPointer({ x: 1, y: 1, buttons: 0, wheelX: 0, wheelY: 0 })).toBe(false);

    const ended: CallEnded[] = [];
    viewer.on('ended', (e) => ended.push(e));
    await guest.end('guest-ended');
    await settle();
    expect(ended).toEqual([{ reason: 'guest-ended', by: 'guest' }]);
    expect(guest.state).toBe('ended');
    expect(guestStates).toEqual([
      'handshaking',
      'awaiting-consent',
      'active-view',
      'active-control',
      'active-view',
      'ended',
    ]);
  });

  it('refused consent ends both sides as consent-refused and nothing can be sent', async () => {
    const { guest, viewer } = createCallPair();
    guest.start();
    await settle();
    const consents: boolean[] = [];
    viewer.on('consent', (granted) => consents.push(granted));
    await guest.refuse();
    await settle();
    expect(consents).toEqual([false]);
    expect(viewer.endReason).toBe('consent-refused');
    expect(guest.endReason).toBe('consent-refused');
    await expect(guest.sendFrame(new Uint8Array(4))).rejects.toMatchObject({ code: CallErrorCode.STATE });
  });

  it('no frame can be sent before the customer confirms', async () => {
    const { guest } = createCallPair();
    guest.start();
    await settle();
    expect(guest.canSendFrame).toBe(false);
    await expect(guest.sendFrame(new Uint8Array(4))).rejects.toMatchObject({ code: CallErrorCode.STATE });
  });

  it('limits frames in flight until the viewer acknowledges', async () => {
    const pair = createCallPair({ maxFramesInFlight: 2 }, { autoAck: false });
    await consented(pair);
    const seen: number[] = [];
    pair.viewer.on('frame', (f) => seen.push(f.frameId));
    const a = await pair.guest.sendFrame(new Uint8Array([1]));
    await pair.guest.sendFrame(new Uint8Array([2]));
    expect(pair.guest.canSendFrame).toBe(false);
    await settle();
    expect(seen).toHaveLength(2);
    await pair.viewer.ackFrame(a);
    await settle();
    expect(pair.guest.canSendFrame).toBe(true);
  });

  it('stamps each frame with when its last chunk arrived and the time spent opening its chunks', async () => {
    const pair = createCallPair();
    await consented(pair);
    const received: Array<{ arrivedAt: number; openMs: number; bytes: number }> = [];
    pair.viewer.on('frame', (f) => received.push({ arrivedAt: f.arrivedAt, openMs: f.openMs, bytes: f.data.length }));
    const clock = () => performance.timeOrigin + performance.now();
    const before = clock();
    await pair.guest.sendFrame(new Uint8Array(1_000_000).fill(7)); // many chunks
    await pair.guest.sendFrame(new Uint8Array(10));
    await settle();
    const after = clock();
    expect(received.map((f) => f.bytes)).toEqual([1_000_000, 10]);
    for (const frame of received) {
      expect(frame.arrivedAt).toBeGreaterThanOrEqual(before);
      expect(frame.arrivedAt).toBeLessThanOrEqual(after);
      expect(frame.openMs).toBeGreaterThanOrEqual(0);
      expect(frame.openMs).toBeLessThanOrEqual(after - before);
    }
    // Opening a megabyte of chunks takes measurable time (a comparison with the small frame
    // could flake on a busy machine, where a preemption may land inside the small one).
    expect(received[0]!.openMs).toBeGreaterThan(0);
    expect(received[1]!.arrivedAt).toBeGreaterThanOrEqual(received[0]!.arrivedAt);
  });

  it('the security-code mismatch button ends both sides with that reason', async () => {
    const { guest, viewer } = createCallPair();
    guest.start();
    await settle();
    await viewer.end('security-code-mismatch');
    await settle();
    expect(guest.endReason).toBe('security-code-mismatch');
    expect(viewer.endReason).toBe('security-code-mismatch');
  });

  it('consent not given in time ends the call as expired', async () => {
    const timers = manualTimers();
    const { guest, viewer } = createCallPair({ timers });
    guest.start();
    await settle();
    expect(timers.pending).toBe(1);
    timers.fire();
    await settle();
    expect(guest.endReason).toBe('expired');
    expect(viewer.endReason).toBe('expired');
  });

  it('an altered frame ends the call as protocol-error on the receiving side', async () => {
    const pair = await consented();
    const ended: CallEnded[] = [];
    pair.viewer.on('ended', (e) => ended.push(e));
    pair.wire.tamper = (bytes, from) => {
      if (from === 'guest') bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
      return bytes;
    };
    await pair.guest.sendFrame(new Uint8Array(100));
    await settle();
    expect(ended).toHaveLength(1);
    expect(ended[0]?.reason).toBe('protocol-error');
    expect(ended[0]?.error).toMatchObject({ code: 'CRYPTO_DECRYPT_FAILED' });
  });

  it('a dropped message is detected by the next one', async () => {
    const pair = await consented();
    let drop = true;
    pair.wire.tamper = (bytes, from) => {
      if (from === 'guest' && drop) {
        drop = false;
        return undefined;
      }
      return bytes;
    };
    await pair.guest.sendFrame(new Uint8Array(10));
    await pair.guest.sendCursor({ shapeId: 1, x: 5, y: 5 });
    await settle();
    expect(pair.viewer.endReason).toBe('protocol-error');
  });

  it('a side cannot state an end reason that belongs to the other side', async () => {
    const { guest, viewer, wire } = createCallPair();
    guest.start();
    await settle();
    await expect(viewer.end('consent-refused')).rejects.toMatchObject({ code: CallErrorCode.STATE });
    await expect(guest.end('agent-ended')).rejects.toMatchObject({ code: CallErrorCode.STATE });
    expect(guest.state).toBe('awaiting-consent');
    // A rogue viewer that sends the foreign reason anyway is recorded as protocol-error.
    wire.tamper = (bytes) => bytes;
    const rogue = createCallPair();
    rogue.guest.start();
    await settle();
    const link = (rogue.viewer as unknown as { link: { send(m: unknown): Promise<void> } }).link;
    await link.send({ type: 'end', reason: 'consent-refused' });
    await settle();
    expect(rogue.guest.endReason).toBe('protocol-error');
  });

  it('sends the guest hello (screen size) only after the customer confirmed', async () => {
    const { guest, viewer } = createCallPair();
    guest.start();
    await settle();
    expect(viewer.securityCode).toBe(guest.securityCode);
    expect(viewer.guest).toBeUndefined();
    await guest.confirm();
    await settle();
    expect(viewer.guest?.screen).toEqual({ width: 1280, height: 800 });
  });

  it('a handshake that never completes ends as peer-lost', async () => {
    const timers = manualTimers();
    const { guest, wire } = createCallPair({ timers });
    wire.tamper = () => undefined;
    guest.start();
    await settle();
    expect(guest.state).toBe('handshaking');
    timers.fire();
    await settle();
    expect(guest.endReason).toBe('peer-lost');
  });

  it('a revoke crossing a new control request on the wire does not end the call', async () => {
    const pair = await consented();
    await pair.viewer.requestControl();
    await settle();
    await pair.guest.answerControlRequest(true);
    await settle();
    expect(pair.viewer.controlGranted).toBe(true);
    const held: Array<{ bytes: Uint8Array; from: 'guest' | 'viewer' }> = [];
    pair.wire.tamper = (bytes, from) => {
      held.push({ bytes, from });
      return undefined;
    };
    const deliver = (from: 'guest' | 'viewer') => {
      for (const message of held.filter((m) => m.from === from)) {
        held.splice(held.indexOf(message), 1);
        (from === 'guest' ? pair.viewer : pair.guest).receive(message.bytes);
      }
    };
    // The agent gives control back and asks again at once; the customer takes it back meanwhile.
    await pair.viewer.releaseControl();
    await pair.viewer.requestControl();
    await pair.guest.revokeControl();
    await settle();
    deliver('guest'); // the customer's revoke cancels the viewer's fresh request
    deliver('viewer'); // the guest sees: revoke, then the new request
    await pair.guest.answerControlRequest(true);
    await settle();
    deliver('guest'); // a grant the viewer no longer expects
    await settle();
    pair.wire.tamper = undefined;
    deliver('viewer');
    await settle();
    expect(pair.viewer.state).toBe('active-view');
    expect(pair.guest.state).toBe('active-view');
    expect(pair.guest.controlGranted).toBe(false);
  });

  it('losing the transport ends the call as peer-lost', async () => {
    const pair = await consented();
    pair.viewer.transportLost();
    expect(pair.viewer.endReason).toBe('peer-lost');
  });

  it('losing the transport ends the call with the reason the relay gave', async () => {
    const pair = await consented();
    pair.guest.transportLost('relay-shutdown');
    expect(pair.guest.endReason).toBe('relay-shutdown');
  });

  it('a relay reason the state does not allow ends the call as peer-lost', async () => {
    const pair = await consented();
    pair.guest.transportLost('consent-refused');
    expect(pair.guest.endReason).toBe('peer-lost');
  });

  it('measures round-trip time with ping and pong', async () => {
    const pair = await consented();
    const rtts: number[] = [];
    pair.viewer.on('rtt', (ms) => rtts.push(ms));
    pair.viewer.ping();
    await settle();
    expect(rtts).toHaveLength(1);
    expect(pair.viewer.stats.rttMs).toBeGreaterThanOrEqual(0);
  });
});

describe('the guest enforces control, whatever the viewer sends', () => {
  /** A viewer that ignores the rules: its own handshake, then raw input messages. */
  async function rogueViewer() {
    const toGuest: Uint8Array[] = [];
    const { createGuestCall } = await import('../src/index');
    let viewerSend: (b: Uint8Array) => void = () => undefined;
    const handshake = createViewerHandshake({ sessionId: 's' });
    const guest = createGuestCall({
      sessionId: 's',
      screen: { width: 100, height: 100 },
      canControl: true,
      send: (bytes) => viewerSend(bytes),
    });
    let channel: ReturnType<typeof handshake.finish>['channel'] | undefined;
    viewerSend = (bytes) => {
      if (handshake.step === 'ready') toGuest.push(handshake.start(bytes));
      else if (handshake.step === 'hello-sent') channel = handshake.finish(bytes).channel;
    };
    guest.start();
    for (const m of toGuest.splice(0)) guest.receive(m);
    if (channel === undefined) throw new Error('handshake did not finish');
    const secure = channel;
    return { guest, inject: (m: Parameters<typeof encodeMessage>[0]) => guest.receive(secure.seal(encodeMessage(m))) };
  }

  it('input before consent, before grant and after revoke is refused and never emitted', async () => {
    const { guest, inject } = await rogueViewer();
    const applied: unknown[] = [];
    const refused: unknown[] = [];
    guest.on('input', (e) => applied.push(e));
    guest.on('input-refused', (e) => refused.push(e));
    const key = { type: 'key', down: true, modifiers: 0, code: 'KeyX', key: 'x' } as const;
    inject(key);
    await guest.confirm();
    inject(key);
    inject({ type: 'control-request' });
    await guest.answerControlRequest(true);
    inject(key);
    await guest.revokeControl();
    inject(key);
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(3);
    expect(guest.state).toBe('active-view');
  });

  it('an input-blocked message from the viewer ends the call as protocol-error', async () => {
    const { guest, inject } = await rogueViewer();
    await guest.confirm();
    inject({ type: 'input-blocked', reason: 'secure-desktop' });
    expect(guest.endReason).toBe('protocol-error');
  });

  it('property: whatever messages arrive, input is emitted only while control is granted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('key', 'pointer', 'request', 'revoke', 'grant-yes', 'grant-no', 'guest-revoke'), {
          maxLength: 30,
        }),
        async (steps) => {
          const { guest, inject } = await rogueViewer();
          await guest.confirm();
          let violations = 0;
          guest.on('input', () => {
            if (!guest.controlGranted) violations++;
          });
          for (const step of steps) {
            if (step === 'key') inject({ type: 'key', down: true, modifiers: 0, code: 'KeyA', key: 'a' });
            if (step === 'pointer') inject({ type: 'pointer', x: 1, y: 1, buttons: 0, wheelX: 0, wheelY: 0 });
            if (step === 'request') inject({ type: 'control-request' });
            if (step === 'revoke') inject({ type: 'control-revoke' });
            if (step === 'grant-yes' || step === 'grant-no') {
              await guest.answerControlRequest(step === 'grant-yes').catch(() => undefined);
            }
            if (step === 'guest-revoke') await guest.revokeControl();
          }
          expect(violations).toBe(0);
          expect(guest.state === 'active-view' || guest.state === 'active-control').toBe(true);
        },
      ),
      { numRuns: heavyRuns(2) },
    );
  });
});
