import { describe, expect, it } from 'vitest';
import type { ViewerConnectionInit } from '../src/connection/viewer-connection';
import { ViewerError } from '../src/errors';
import type { CursorUpdate, Framebuffer, Rect } from '../src/render/framebuffer';
import type { ViewerState } from '../src/state/viewer-state';
import { createViewerController } from '../src/viewer-controller';
import { createFakeRelay } from './fakes/fake-connection';
import { createFakeDecoder, encodeFakeUpdate, patternRect } from './fakes/fake-decoder';

function setup(token = 'agent-token') {
  let now = 1_000;
  const relay = createFakeRelay(() => now);
  const frames: { framebuffer: Framebuffer; rects: readonly Rect[] }[] = [];
  const cursors: CursorUpdate[] = [];
  const states: ViewerState[] = [];
  let resets = 0;
  const controller = createViewerController({
    relayUrl: 'ws://relay.test/relay',
    getToken: async () => token,
    connect: relay.connect,
    createDecoder: createFakeDecoder,
    limits: { maxWidth: 4096, maxHeight: 4096 },
    now: () => now,
    screen: {
      frame: (framebuffer, rects) => frames.push({ framebuffer, rects }),
      cursor: (update) => cursors.push(update),
      reset: () => {
        resets++;
      },
    },
    onStateChange: (state) => states.push(state),
  });
  const tick = (ms: number) => {
    now += ms;
  };
  const goLive = async () => {
    await controller.createSession();
    relay.customerJoins();
    relay.showCode('482913');
    relay.consent();
  };
  return { relay, controller, frames, cursors, states, tick, goLive, resets: () => resets };
}

const key = {
  code: 'KeyA',
  key: 'a',
  down: true,
  repeat: false,
  modifiers: { ctrl: false, alt: false, shift: false, meta: false },
};
const pointer = { x: 1, y: 2, buttons: 1, wheelX: 0, wheelY: 0 };

describe('viewer controller', () => {
  it('creates a session with the token and follows the call', async () => {
    const { relay, controller, states, goLive } = setup();
    await goLive();
    expect(relay.sent.tokens).toEqual(['agent-token']);
    expect(states.map((state) => state.phase)).toEqual([
      'creating',
      'waiting',
      'connected',
      'awaiting-consent',
      'live-view',
    ]);
    expect(controller.state.session?.number).toBe('12345678');
    expect(controller.state.securityCode).toBe('482913');
  });

  it('decodes screen updates into the sink and counts them', async () => {
    const { relay, controller, frames, goLive, tick } = setup();
    await goLive();
    const update = encodeFakeUpdate(8, 4, [patternRect({ x: 0, y: 0, width: 8, height: 4 }, 1)]);
    relay.screen(update);
    relay.rtt(17);
    tick(500);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.rects).toEqual([{ x: 0, y: 0, width: 8, height: 4 }]);
    expect(frames[0]?.framebuffer.width).toBe(8);
    const stats = controller.stats;
    expect(stats).toMatchObject({ totalFrames: 1, totalBytes: update.byteLength, roundTripMs: 17, durationMs: 500 });
  });

  it('drops screen and cursor messages before consent', async () => {
    const { relay, controller, frames, cursors } = setup();
    await controller.createSession();
    relay.screen(encodeFakeUpdate(1, 1, [patternRect({ x: 0, y: 0, width: 1, height: 1 }, 0)]));
    relay.cursor({ x: 1, y: 1, visible: true });
    expect(frames).toHaveLength(0);
    expect(cursors).toHaveLength(0);
  });

  it('ends the session as protocol-error when an update cannot be decoded', async () => {
    const { relay, controller, goLive } = setup();
    await goLive();
    relay.screen(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0]));
    expect(controller.state).toMatchObject({
      phase: 'ended',
      endReason: 'protocol-error',
      error: 'VIEWER_DECODE_FAILED',
    });
    expect(relay.sent.ends).toEqual(['protocol-error']);
  });

  it('forwards input only while control is granted', async () => {
    const { relay, controller, goLive } = setup();
    await goLive();
    controller.sendKey(key);
    controller.sendPointer(pointer);
    controller.sendKeyCombo('ctrl-alt-del');
    expect(relay.sent.keys).toHaveLength(0);
    expect(relay.sent.pointer).toHaveLength(0);

    controller.requestControl();
    controller.requestControl();
    expect(relay.sent.controlRequests).toBe(1);
    relay.control('granted');
    controller.sendKey(key);
    controller.sendPointer(pointer);
    controller.sendKeyCombo('ctrl-alt-del');
    expect(relay.sent.keys).toHaveLength(7);
    expect(relay.sent.pointer).toEqual([pointer]);

    relay.control('revoked');
    expect(controller.state).toMatchObject({ phase: 'live-view', notice: 'control-revoked' });
    controller.sendKey(key);
    expect(relay.sent.keys).toHaveLength(7);
  });

  it('gives control back', async () => {
    const { relay, controller, goLive } = setup();
    await goLive();
    controller.requestControl();
    relay.control('granted');
    controller.releaseControl();
    expect(relay.sent.controlReleases).toBe(1);
    expect(controller.state.phase).toBe('live-view');
  });

  it('rejects control requests outside a live session with a typed error', async () => {
    const { controller } = setup();
    expect(() => controller.requestControl()).toThrow(ViewerError);
    try {
      controller.releaseControl();
    } catch (error) {
      expect((error as ViewerError).code).toBe('VIEWER_INVALID_STATE');
    }
  });

  it('ends as security-code-mismatch when the agent rejects the code', async () => {
    const { relay, controller } = setup();
    await controller.createSession();
    relay.customerJoins();
    relay.showCode('111111');
    controller.rejectSecurityCode();
    expect(controller.state).toMatchObject({ phase: 'ended', endReason: 'security-code-mismatch' });
    expect(relay.sent.ends).toEqual(['security-code-mismatch']);
  });

  it('ends as agent-ended, and reports guest-side ends with their reason', async () => {
    const first = setup();
    await first.goLive();
    first.controller.end();
    expect(first.controller.state.endReason).toBe('agent-ended');
    expect(first.relay.sent.ends).toEqual(['agent-ended']);

    const second = setup();
    await second.goLive();
    second.relay.guestEnds('guest-window-closed');
    expect(second.controller.state).toMatchObject({ phase: 'ended', endReason: 'guest-window-closed' });
    second.controller.end();
    expect(second.relay.sent.ends).toEqual([]);
  });

  it('returns to idle with the error code when the relay refuses, and can start again', async () => {
    const { relay, controller, resets } = setup();
    relay.failNextCreate('VIEWER_RATE_LIMITED');
    await expect(controller.createSession()).rejects.toMatchObject({ code: 'VIEWER_RATE_LIMITED' });
    expect(controller.state).toMatchObject({ phase: 'idle', error: 'VIEWER_RATE_LIMITED' });
    await controller.createSession();
    expect(controller.state.phase).toBe('waiting');
    expect(controller.state.error).toBeUndefined();
    expect(resets()).toBe(2);
  });

  it('reports a rejected token', async () => {
    const { relay, controller } = setup('bad');
    relay.rejectToken('bad');
    await expect(controller.createSession()).rejects.toMatchObject({
      name: 'ViewerError',
      code: 'VIEWER_TOKEN_REJECTED',
    });
    expect(controller.state.error).toBe('VIEWER_TOKEN_REJECTED');
  });

  it('refuses a second session while one runs', async () => {
    const { controller, goLive } = setup();
    await goLive();
    await expect(controller.createSession()).rejects.toMatchObject({ code: 'VIEWER_INVALID_STATE' });
  });

  it('ignores late events of an earlier session', async () => {
    const relay = createFakeRelay();
    const inits: ViewerConnectionInit[] = [];
    const controller = createViewerController({
      relayUrl: 'ws://relay.test/relay',
      getToken: () => 't',
      connect: (init) => {
        inits.push(init);
        return relay.connect(init);
      },
      createDecoder: createFakeDecoder,
      limits: { maxWidth: 64, maxHeight: 64 },
      now: () => 0,
      screen: { frame: () => {}, cursor: () => {}, reset: () => {} },
      onStateChange: () => {},
    });
    await controller.createSession();
    controller.end();
    await controller.createSession();
    inits[0]?.events.paired({});
    inits[0]?.events.ended('peer-lost');
    expect(controller.state.phase).toBe('waiting');
    inits[1]?.events.paired({ org: 'Stadtwerke', agentName: 'Erika Muster' });
    expect(controller.state.phase).toBe('connected');
    expect(controller.state.shownAs).toEqual({ org: 'Stadtwerke', agentName: 'Erika Muster' });
  });

  it('passes cursor updates through while live', async () => {
    const { relay, cursors, goLive } = setup();
    await goLive();
    relay.cursor({ x: 3, y: 4, visible: true });
    expect(cursors).toEqual([{ x: 3, y: 4, visible: true }]);
  });
});
