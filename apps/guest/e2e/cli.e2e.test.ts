import { dammCheckDigit } from '@fernhilfe/session';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startTinyproxy } from '../../../scripts/tinyproxy';
import { waitFor } from '../../../scripts/x11-draw';
import { startXvfb, type Xvfb } from '../../../scripts/xvfb';
import { type GuestProcess, spawnGuest } from './support/guest-process';
import { AGENT, selfSignedCertificate, startRelay, type TestRelay } from './support/relay';
import { type PairedViewer, startViewer } from './support/viewer';

/** The number with its last digit changed: the check digit then catches it. */
function withTypo(number: string): string {
  const body = number.slice(0, 7);
  const wrong = (Number(number[7]) + 1) % 10;
  if (dammCheckDigit(body) === wrong) throw new Error('unreachable: Damm has one valid check digit');
  return `${body.slice(0, 4)} ${body.slice(4)}${wrong}`;
}

describe('fernhilfe-guest CLI (real process, real relay, real X display)', () => {
  let xvfb: Xvfb;
  let relay: TestRelay;
  const running: GuestProcess[] = [];

  beforeAll(async () => {
    xvfb = await startXvfb('640x480x24');
    relay = await startRelay();
  });
  afterEach(() => {
    for (const guest of running.splice(0)) guest.kill();
  });
  afterAll(async () => {
    await relay?.relay.close();
    await xvfb?.stop();
  });

  const guest = (args: string[], env: Record<string, string | undefined> = {}) => {
    const started = spawnGuest(['--relay', relay.url, '--display', xvfb.display, '--lang', 'en', ...args], env);
    running.push(started);
    return started;
  };

  async function consent(process: GuestProcess, viewer: PairedViewer) {
    await process.waitFor(/Security code: {2}\d{3} \d{3}/);
    expect(process.output).toContain(await viewer.securityCode);
    expect(process.output).toContain(`${AGENT.displayName} from ${AGENT.org} would like to see your screen`);
    expect(process.output).toContain('Your agent will read you this code — only continue if it matches.');
    expect(process.output).toContain('No files');
    process.type('y');
    expect(await viewer.consent).toBe(true);
    await process.waitFor(/Screen shared/);
  }

  it('--help prints the options and exits 0', async () => {
    const help = guest(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output).toMatch(/--relay URL[\s\S]*--proxy URL[\s\S]*--ca FILE/);
  });

  it('catches a typo before going on the network, runs a session with a control request, and asks again after "q"', async () => {
    const viewerSide = await startViewer(relay.url);
    const process = guest([]);
    await process.waitFor(/Session number: /);
    const connectionsBefore = relay.relay.stats().connections;
    process.type(withTypo(viewerSide.number));
    await process.waitFor(/probably a typo/);
    expect(relay.relay.stats().connections).toBe(connectionsBefore);

    process.type(viewerSide.number);
    const viewer = await viewerSide.paired;
    await consent(process, viewer);
    await waitFor('the first frame', async () => (viewer.frames > 0 ? true : undefined));

    const granted = viewer.nextControl();
    await viewer.call.requestControl();
    await process.waitFor(/asks to control your mouse and keyboard/);
    process.type('y');
    expect(await granted).toBe(true);
    await process.waitFor(/Control: GRANTED/);
    const revoked = viewer.nextControl();
    process.type('t');
    expect(await revoked).toBe(false);

    process.type('q');
    expect(await viewer.ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
    await process.waitFor(/You ended the session/);
    await process.waitFor(/Session number: /, 2);
    process.child.stdin?.end();
    expect(await process.exited).toBe(0);
  });

  for (const [signal, reason] of [
    ['SIGINT', 'guest-ended'],
    ['SIGTERM', 'guest-window-closed'],
    ['SIGHUP', 'guest-window-closed'],
  ] as const) {
    it(`${signal} during a session ends it as ${reason} and the process exits 0`, async () => {
      const viewerSide = await startViewer(relay.url);
      const process = guest(['--number', viewerSide.number]);
      const viewer = await viewerSide.paired;
      await consent(process, viewer);
      process.child.kill(signal);
      expect(await viewer.ended).toMatchObject({ reason, by: 'guest' });
      expect(await process.exited).toBe(0);
      expect(process.output).toContain('Goodbye');
    });
  }

  it('closing stdin (terminal gone) ends the session as guest-window-closed; a killed guest is peer-lost for the viewer', async () => {
    const first = await startViewer(relay.url);
    const closing = guest(['--number', first.number]);
    const firstViewer = await first.paired;
    await consent(closing, firstViewer);
    closing.child.stdin?.end();
    expect(await firstViewer.ended).toMatchObject({ reason: 'guest-window-closed', by: 'guest' });
    expect(await closing.exited).toBe(0);

    const second = await startViewer(relay.url);
    const killed = guest(['--number', second.number]);
    const secondViewer = await second.paired;
    await consent(killed, secondViewer);
    killed.child.kill('SIGKILL');
    expect(await secondViewer.ended).toMatchObject({ reason: 'peer-lost', by: 'transport' });
    expect((await secondViewer.channel.ended).reason).toBe('peer-lost');
  });

  it('--ca trusts a self-hosted relay over wss; without it the customer hears about the certificate', async () => {
    const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const tls = selfSignedCertificate();
    const tlsRelay = await startRelay(tls);
    const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-guest-ca-'));
    try {
      const caFile = join(dir, 'relay-ca.pem');
      writeFileSync(caFile, tls.cert);
      const untrusted = await startViewer(tlsRelay.url, { ca: tls.cert });
      const refused = guest(['--relay', tlsRelay.url, '--number', untrusted.number], { NODE_EXTRA_CA_CERTS: '' });
      await refused.waitFor(/cannot be trusted \(certificate\)/);
      refused.child.kill('SIGINT');
      untrusted.cancel();

      const viewerSide = await startViewer(tlsRelay.url, { ca: tls.cert });
      const trusted = guest(['--relay', tlsRelay.url, '--ca', caFile, '--number', viewerSide.number]);
      const viewer = await viewerSide.paired;
      await consent(trusted, viewer);
      trusted.child.kill('SIGINT');
      expect((await viewer.ended).reason).toBe('guest-ended');
      expect(await trusted.exited).toBe(0);
    } finally {
      await tlsRelay.relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reaches the relay through tinyproxy with Basic auth, asking for the credentials (and again after a wrong password)', async () => {
    let proxy: RunningProxy | undefined;
    try {
      proxy = await startTinyproxy({ username: 'kunde', password: 'geheim-42' });
      const viewerSide = await startViewer(relay.url);
      const process = guest(['--number', viewerSide.number, '--proxy', proxy.url]);
      await process.waitFor(/asks you to log in/);
      await process.waitFor(/User name/);
      process.type('kunde');
      await process.waitFor(/Password \(not shown\)/);
      process.type('falsch');
      await process.waitFor(/did not work/);
      await process.waitFor(/User name/, 2);
      process.type('kunde');
      await process.waitFor(/Password \(not shown\)/, 2);
      process.type('geheim-42');
      const viewer = await viewerSide.paired;
      await consent(process, viewer);
      expect(process.output).not.toContain('geheim-42');
      process.child.kill('SIGINT');
      expect((await viewer.ended).reason).toBe('guest-ended');
      expect(await process.exited).toBe(0);
    } finally {
      await proxy?.stop();
    }
  });
});
