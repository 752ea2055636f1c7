import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_MODIFIERS, POINTER_BUTTONS, type ViewerCall } from '@fernhilfe/call';
import { startDesktopSession } from '@fernhilfe/desktop';
import { createGuestClient } from '@fernhilfe/transport';
import { openX11Desktop, type X11Desktop } from '@fernhilfe/x11';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeOnUsKeyboard } from '../../../scripts/us-keyboard';
import { paintRoot, waitFor } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { AGENT, startRelay, type TestRelay } from './support/relay';
import { waitForSameScreen } from './support/screen';
import { type PairedViewer, startViewer } from './support/viewer';
import { mouseLocation, startLineXterm } from './support/xterm';

function sendText(call: ViewerCall, text: string): void {
  for (const step of typeOnUsKeyboard(text)) {
    const { code, key, shiftKey } = step.event;
    call.sendKey({ down: step.type === 'down', code, key, modifiers: shiftKey ? KEY_MODIFIERS.shift : 0 });
  }
  call.sendKey({ down: true, code: 'Enter', key: 'Enter', modifiers: 0 });
  call.sendKey({ down: false, code: 'Enter', key: 'Enter', modifiers: 0 });
}

const move = (call: ViewerCall, x: number, y: number, buttons = 0) =>
  call.sendPointer({ x, y, buttons, wheelX: 0, wheelY: 0 });

/**
 * Makes the viewer believe it holds control although the customer never granted it: a
 * viewer that ignores the protocol. The guest must refuse its input on its own.
 */
/** The audit records of one session, once the relay wrote its end. */
async function auditOf(relay: TestRelay, sessionId: string): Promise<Array<Record<string, unknown>>> {
  const records = () =>
    relay.audit.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.sessionId === sessionId);
  await waitFor('the session-ended record', async () => records().some((r) => r.type === 'session-ended') || undefined);
  return records();
}

function forceViewerControl(call: ViewerCall, on: boolean): void {
  const life = (call as unknown as { life: { transition(to: string): void } }).life;
  life.transition(on ? 'active-control' : 'active-view');
}

describe('Node guest ⇄ relay ⇄ headless viewer on a real X display', () => {
  let xvfb: Xvfb;
  let relay: TestRelay;
  let desktop: X11Desktop;
  let dir: string;

  beforeAll(async () => {
    xvfb = await startXvfb('800x600x24');
    relay = await startRelay();
    desktop = await openX11Desktop({ display: xvfb.display });
    dir = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-e2e-'));
  });
  afterAll(async () => {
    await desktop?.close();
    await relay?.relay.close();
    await xvfb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function pair(viewerOptions: { autoAck?: boolean } = {}) {
    const viewerSide = await startViewer(relay.url, viewerOptions);
    const channel = await createGuestClient({ url: relay.url, number: viewerSide.number, proxy: false });
    const session = startDesktopSession({ channel, desktop });
    const code = new Promise<string>((resolve) => session.on('security-code', resolve));
    const viewer: PairedViewer = await viewerSide.paired;
    return { session, viewer, code: await code };
  }

  it('shows who asks and the same code on both sides, captures nothing before "Ja", then the viewer sees the screen', async () => {
    await paintRoot(desktop.connection, [
      { x: 0, y: 0, width: 800, height: 600, color: 0x204060 },
      { x: 100, y: 120, width: 200, height: 90, color: 0xff8000 },
    ]);
    const { session, viewer, code } = await pair();
    expect(session.peer).toMatchObject({ org: AGENT.org, agentName: AGENT.displayName });
    expect(code).toMatch(/^\d{3} \d{3}$/);
    expect(await viewer.securityCode).toBe(code);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desktop.captureCount).toBe(0);
    expect(viewer.frames).toBe(0);

    await session.confirm();
    expect(await viewer.consent).toBe(true);
    // The guest's hello (screen, capabilities) comes only after consent (libs/session, 2150ef0).
    expect(await viewer.guest).toEqual({ screen: { width: 800, height: 600 }, canControl: true });
    await waitForSameScreen(xvfb, () => viewer.decoder.framebuffer);
    expect(desktop.captureCount).toBeGreaterThan(0);

    await paintRoot(desktop.connection, [{ x: 400, y: 300, width: 120, height: 60, color: 0x30c050 }]);
    await waitForSameScreen(xvfb, () => viewer.decoder.framebuffer);
    await waitFor('a cursor message', async () => viewer.cursors.length > 0 || undefined);

    const ended = await session.end('guest-ended');
    expect(ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
    expect(await viewer.ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
  });

  it('refuses and does not apply input before the grant and after the customer takes control back', async () => {
    const xterm = await startLineXterm(xvfb, dir, 'gate');
    const { session, viewer } = await pair();
    const refused: string[] = [];
    session.on('input-refused', (refusal) => refused.push(refusal.type));
    await session.confirm();
    await viewer.consent;

    // A rogue viewer types without a grant: nothing reaches the desktop.
    forceViewerControl(viewer.call, true);
    move(viewer.call, 700, 500);
    sendText(viewer.call, 'echo rogue');
    await waitFor('the refusals', async () => (refused.length >= 3 ? true : undefined));
    await desktop.sync();
    expect(await mouseLocation(xvfb)).not.toEqual({ x: 700, y: 500 });
    forceViewerControl(viewer.call, false);

    // The customer first says "Nein" to a request: the viewer hears so, nothing changes.
    const firstRequest = new Promise((resolve) => session.on('control-requested', resolve));
    const refusedAnswer = viewer.nextControl();
    await viewer.call.requestControl();
    await firstRequest;
    await session.answerControlRequest(false);
    expect(await refusedAnswer).toBe(false);

    // The customer grants control: the pointer lands where sent and a typed line arrives.
    const requested = new Promise((resolve) => session.on('control-requested', resolve));
    const granted = viewer.nextControl();
    await viewer.call.requestControl();
    await requested;
    await session.answerControlRequest(true);
    expect(await granted).toBe(true);
    move(viewer.call, 123, 45);
    await waitFor('the pointer move', async () => {
      const at = await mouseLocation(xvfb);
      return at.x === 123 && at.y === 45 ? true : undefined;
    });
    move(viewer.call, 200, 60, POINTER_BUTTONS.left);
    move(viewer.call, 200, 60, 0);
    sendText(viewer.call, 'Hallo Welt_42!');
    expect(await waitFor('the typed line', async () => xterm.typed())).toBe('Hallo Welt_42!');
    expect(desktop.keyboard?.pressedKeycodes).toEqual([]);

    // The customer takes control back while the viewer keeps typing: refused, not applied.
    const xterm2 = await startLineXterm(xvfb, dir, 'after-revoke');
    move(viewer.call, 100, 60);
    await desktop.sync();
    const before = refused.length;
    viewer.call.sendKey({ down: true, code: 'ShiftLeft', key: 'Shift', modifiers: KEY_MODIFIERS.shift });
    const revoked = viewer.nextControl();
    const revoking = session.revokeControl(); // the gate closes at once, the message is on its way
    sendText(viewer.call, 'echo late'); // crosses the revoke on the wire
    await revoking;
    expect(await revoked).toBe(false);
    await waitFor('the late input to be refused', async () => (refused.length > before ? true : undefined));
    await desktop.sync();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(xterm2.typed()).toBeUndefined();
    expect(desktop.keyboard?.pressedKeycodes).toEqual([]);
    expect(desktop.pointer?.pressedButtons).toEqual([]);

    await session.end('guest-ended');
    expect((await viewer.ended).reason).toBe('guest-ended');

    // The relay's audit log holds what the customer allowed, as the guest reported it, in order.
    const records = await auditOf(relay, session.peer.sessionId);
    expect(records.map((record) => record.type)).toEqual([
      'session-created',
      'guest-joined',
      'consent-granted',
      'control-revoked', // the refused request
      'control-granted',
      'control-revoked',
      'session-ended',
    ]);
    expect(records[2]).toMatchObject({ scopes: ['view'], guestAddress: '127.0.0.1', agent: { org: AGENT.org } });
    expect(records[6]).toMatchObject({ reason: 'guest-ended' });
    expect((await relay.audit.verify()).ok).toBe(true);
  });

  it('reports the customer closing the connection as guest-window-closed, and a vanished viewer as peer-lost', async () => {
    const first = await pair();
    await first.session.confirm();
    await first.viewer.consent;
    await first.session.end('guest-window-closed');
    expect(await first.viewer.ended).toMatchObject({ reason: 'guest-window-closed', by: 'guest' });

    const second = await pair();
    await second.session.confirm();
    second.viewer.channel.close();
    const ended = await second.session.ended;
    expect(['peer-lost', 'agent-ended']).toContain(ended.reason);
  });

  it('flow control: a viewer that does not acknowledge gets at most two frames, and capture waits for room', async () => {
    const { session, viewer } = await pair({ autoAck: false });
    const capturesAtStart = desktop.captureCount;
    await session.confirm();
    await viewer.consent;
    for (let i = 0; i < 20; i++) {
      // Below the xterms of the earlier test: drawing on the root under a window changes nothing.
      await paintRoot(desktop.connection, [{ x: i * 20, y: 520, width: 20, height: 20, color: 0x010101 * (i * 10) }]);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await waitFor('two frames', async () => (viewer.frames >= 2 ? true : undefined));
    const capturesWhenFull = desktop.captureCount;
    expect(capturesWhenFull - capturesAtStart).toBeLessThanOrEqual(3); // 2 frames, maybe 1 capture that found nothing new
    for (let i = 0; i < 5; i++) {
      await paintRoot(desktop.connection, [{ x: i * 30, y: 560, width: 30, height: 30, color: 0xc0c000 }]);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(viewer.frames).toBe(2);
    expect(desktop.captureCount).toBe(capturesWhenFull);

    for (const frameId of viewer.frameIds) await viewer.call.ackFrame(frameId);
    await waitFor('the frame after the acks', async () => (viewer.frames >= 3 ? true : undefined));
    for (const frameId of viewer.frameIds.slice(2)) await viewer.call.ackFrame(frameId);
    await waitForSameScreen(xvfb, () => viewer.decoder.framebuffer);
    await session.end('guest-ended');
  });

  it('the customer saying "Nein" ends the session as consent-refused without a capture', async () => {
    const count = desktop.captureCount;
    const { session, viewer } = await pair();
    const ended = await session.refuse();
    expect(ended.reason).toBe('consent-refused');
    expect(await viewer.consent).toBe(false);
    expect((await viewer.ended).reason).toBe('consent-refused');
    expect(desktop.captureCount).toBe(count);
    const records = await auditOf(relay, session.peer.sessionId);
    expect(records.map((record) => record.type)).toEqual([
      'session-created',
      'guest-joined',
      'consent-refused',
      'session-ended',
    ]);
    expect((await relay.audit.verify()).ok).toBe(true);
  });
});
