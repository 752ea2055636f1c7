import type { CallEnded, ViewerCall } from '@fernhilfe/call';
import { createDecoder } from '@fernhilfe/codec';
import { dammCheckDigit } from '@fernhilfe/session';
import { RelayRejectedError, TransportErrorCode } from '@fernhilfe/transport';
import { afterEach, describe, expect, it } from 'vitest';
import { GuestPage, type GuestPageDeps } from '../../src/web/guest-page';
import type { ScreenShare } from '../../src/web/screen-share';
import { FakeChannel, FakeShare, pairWithViewerCall, until } from './fakes';

const NUMBER = `4830192${dammCheckDigit('4830192')}`;
const PEER = { sessionId: 's-1', org: 'Stadtwerke Fernhilfe', agentName: 'Frau Weber' };

interface Rig {
  page: GuestPage;
  channel: FakeChannel;
  viewer: ViewerCall;
  viewerEnded: Promise<CallEnded>;
  joins: string[];
  share: FakeShare;
  decoder: ReturnType<typeof createDecoder>;
}

const rigs: Rig[] = [];
afterEach(() => {
  for (const rig of rigs.splice(0)) rig.page.pageClosing();
});

function rig(overrides: Partial<GuestPageDeps> = {}): Rig {
  const { channel, viewer } = pairWithViewerCall(PEER);
  const viewerEnded = new Promise<CallEnded>((resolve) => viewer.on('ended', resolve));
  const decoder = createDecoder();
  viewer.on('frame', (frame) => decoder.decode(frame.data));
  const share = new FakeShare(64, 48, [200, 30, 90]);
  const joins: string[] = [];
  const page = new GuestPage({
    join: async (digits) => {
      joins.push(digits);
      return channel;
    },
    shareScreen: async () => share,
    screenSize: () => ({ width: 64, height: 48 }),
    ...overrides,
  });
  const made = { page, channel, viewer, viewerEnded, joins, share, decoder };
  rigs.push(made);
  return made;
}

async function toConfirm(r: Rig): Promise<void> {
  r.page.type(`${NUMBER.slice(0, 4)} ${NUMBER.slice(4)}`);
  await r.page.start();
  await until('security code', () => r.page.state.step === 'confirm');
}

describe('GuestPage', () => {
  it('catches a typo while typing and never joins with it', async () => {
    const r = rig();
    r.page.type(`${NUMBER.slice(0, 7)}${(Number(NUMBER[7]) + 1) % 10}`);
    expect(r.page.state).toMatchObject({ step: 'enter', check: { status: 'invalid', problem: { kind: 'typo' } } });
    await r.page.start();
    expect(r.page.state.step).toBe('enter');
    r.page.type('1234');
    await r.page.start();
    expect(r.page.state).toMatchObject({ check: { problem: { kind: 'too-short', count: 4 } } });
    expect(r.joins).toEqual([]);
  });

  it('shows who asks and the same security code as the viewer, and captures nothing before Ja', async () => {
    const r = rig();
    await toConfirm(r);
    const state = r.page.state;
    expect(state).toMatchObject({ step: 'confirm', agent: { org: PEER.org, agentName: PEER.agentName } });
    expect(state.step === 'confirm' && state.code).toBe(r.viewer.securityCode);
    expect(r.joins).toEqual([NUMBER]);
    expect(r.share.grabs).toBe(0);
  });

  it('after Ja sends the screen; the viewer decodes the same pixels and learns the guest is view only', async () => {
    const r = rig();
    const guestInfo = new Promise((resolve) => r.viewer.on('guest', resolve));
    await toConfirm(r);
    await r.page.confirm();
    expect(r.page.state.step).toBe('live');
    await until('first frame', () => r.decoder.framebuffer.width === 64);
    expect([...r.decoder.framebuffer.data.subarray(0, 4)]).toEqual([200, 30, 90, 255]);
    expect(await guestInfo).toMatchObject({ canControl: false });
    r.share.paint(80, 40, [1, 2, 3]);
    await until('resized frame', () => r.decoder.framebuffer.width === 80);
    expect([...r.decoder.framebuffer.data.subarray(-4)]).toEqual([1, 2, 3, 255]);
  });

  it('tells the viewer it is view only, so control cannot even be requested', async () => {
    const r = rig();
    await toConfirm(r);
    await r.page.confirm();
    await until('hello', () => r.viewer.guest !== undefined);
    expect(r.viewer.guest?.canControl).toBe(false);
    await expect(r.viewer.requestControl()).rejects.toMatchObject({ code: 'CALL_STATE' });
    expect(r.page.state.step).toBe('live');
  });

  it('Nein refuses consent: the viewer sees consent-refused, nothing was captured', async () => {
    const r = rig();
    await toConfirm(r);
    await r.page.refuse();
    expect((await r.viewerEnded).reason).toBe('consent-refused');
    expect(r.page.state).toEqual({ step: 'ended', outcome: { cause: 'consent-refused', shared: false } });
    expect(r.share.grabs).toBe(0);
    expect(r.channel.closes).toEqual(['consent-refused']);
  });

  it('reports the consent to the relay once Ja is committed, nothing before', async () => {
    const r = rig();
    await toConfirm(r);
    expect(r.channel.reports).toEqual([]);
    await r.page.confirm();
    expect(r.channel.reports).toEqual([{ event: 'consent', granted: true, scopes: ['view'], closesBefore: 0 }]);
  });

  it('reports Nein to the relay before the channel closes', async () => {
    const r = rig();
    await toConfirm(r);
    await r.page.refuse();
    await r.viewerEnded;
    expect(r.channel.reports).toEqual([{ event: 'consent', granted: false, closesBefore: 0 }]);
  });

  it('a failing report does not disturb the session', async () => {
    const r = rig();
    r.channel.failReports = true;
    await toConfirm(r);
    await r.page.confirm();
    expect(r.page.state.step).toBe('live');
    await until('first frame', () => r.decoder.framebuffer.width === 64);
  });

  it('cancelling the browser picker refuses consent and says so', async () => {
    const r = rig({
      shareScreen: () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
    });
    await toConfirm(r);
    await r.page.confirm();
    expect((await r.viewerEnded).reason).toBe('consent-refused');
    expect(r.page.state).toEqual({ step: 'ended', outcome: { cause: 'picker-cancelled', shared: false } });
  });

  it('stopping the share in the browser ends the call as guest-ended', async () => {
    const r = rig();
    await toConfirm(r);
    await r.page.confirm();
    await until('first frame', () => r.decoder.framebuffer.width > 0);
    r.share.endFromBrowser();
    expect((await r.viewerEnded).reason).toBe('guest-ended');
    await until('ended', () => r.page.state.step === 'ended');
    expect(r.page.state).toEqual({ step: 'ended', outcome: { cause: 'stopped-sharing', shared: true } });
    expect(r.share.stopped).toBe(true);
  });

  it('Beenden ends with guest-ended; the start screen comes back after the end screen', async () => {
    const r = rig();
    await toConfirm(r);
    await r.page.confirm();
    await r.page.end();
    expect((await r.viewerEnded).reason).toBe('guest-ended');
    expect(r.page.state).toMatchObject({ step: 'ended', outcome: { cause: 'guest-ended' } });
    expect(r.channel.closes).toEqual(['guest-ended']);
    r.page.back();
    expect(r.page.state).toMatchObject({ step: 'enter', input: '' });
  });

  it('shows the agent’s end', async () => {
    const r = rig();
    await toConfirm(r);
    await r.page.confirm();
    await r.viewer.end('agent-ended');
    await until('ended', () => r.page.state.step === 'ended');
    expect(r.page.state).toMatchObject({ step: 'ended', outcome: { cause: 'agent-ended' } });
    expect(r.share.stopped).toBe(true);
  });

  it('closing the tab ends the call as guest-window-closed', async () => {
    const r = rig();
    await toConfirm(r);
    await r.page.confirm();
    r.page.pageClosing();
    expect((await r.viewerEnded).reason).toBe('guest-window-closed');
    await until('closed', () => r.channel.closes.length > 0);
    expect(r.channel.closes[0]).toBe('guest-window-closed');
  });

  it('a lost connection ends the call as peer-lost', async () => {
    const r = rig();
    await toConfirm(r);
    r.channel.drop('peer-lost');
    await until('ended', () => r.page.state.step === 'ended');
    expect(r.page.state).toMatchObject({ outcome: { cause: 'peer-lost', shared: false } });
  });

  it('explains a refused join on the start screen, keeping the number', async () => {
    const r = rig({
      join: () => Promise.reject(new RelayRejectedError(TransportErrorCode.RATE_LIMITED, 'x', 30_000)),
    });
    r.page.type(NUMBER);
    await r.page.start();
    expect(r.page.state).toMatchObject({
      step: 'enter',
      input: NUMBER,
      failure: { kind: 'rate-limited', retryAfterSeconds: 30 },
    });
  });

  it('cancel while connecting returns to the start screen', async () => {
    let release: (channel: FakeChannel) => void = () => undefined;
    const channel = new FakeChannel(PEER);
    const r = rig({ join: () => new Promise((resolve) => (release = resolve)) });
    r.page.type(NUMBER);
    const started = r.page.start();
    expect(r.page.state.step).toBe('connecting');
    r.page.cancel();
    expect(r.page.state.step).toBe('enter');
    release(channel);
    await started;
    expect(channel.closes).toEqual(['guest-ended']);
    expect(r.page.state.step).toBe('enter');
  });

  it('an agent that ends while the picker is open gets nothing', async () => {
    let resolveShare: (share: ScreenShare) => void = () => undefined;
    const share = new FakeShare(8, 8, [0, 0, 0]);
    const r = rig({ shareScreen: () => new Promise((resolve) => (resolveShare = resolve)) });
    await toConfirm(r);
    const confirming = r.page.confirm();
    await r.viewer.end('agent-ended');
    await until('ended', () => r.page.state.step === 'ended');
    resolveShare(share);
    await confirming;
    expect(share.stopped).toBe(true);
    expect(share.grabs).toBe(0);
  });
});
