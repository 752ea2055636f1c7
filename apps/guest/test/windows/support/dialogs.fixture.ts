// Walks through every Windows dialog under wine; the test drives them with xdotool and reads
// these JSON lines. Arguments: the language (de|en), the walk (full|short), and a directory
// where the test creates gate files to let the walk go on (wine programs have no stdin).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SharingStatus } from '@fernhilfe/desktop';
import type { DialogLanguage } from '../../../src/windows/dialog-text';
import { createWindowsCustomerUi } from '../../../src/windows/windows-customer-ui';

const [language, walk, gates] = process.argv.slice(2) as [DialogLanguage, 'full' | 'short', string];
const ui = createWindowsCustomerUi({ language });
const never = new AbortController().signal;
const offer = { org: 'Beispiel GmbH', agentName: 'Anna Berger', securityCode: '482 913' }; // as the session reports it (two groups)
const sharing: SharingStatus = { org: offer.org, agentName: offer.agentName, controlGranted: false };

function print(step: string, value: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ step, ...value }));
}

/** Resolves when the test created the gate file. */
async function gate(name: string): Promise<void> {
  while (!existsSync(join(gates, name))) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Asks, and aborts the question when the test creates the gate file. */
async function abortable<T>(name: string, ask: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  void gate(name).then(() => controller.abort());
  return ask(controller.signal);
}

/** Prints that the dialog is shown (it is built synchronously by the call), then its answer. */
async function step(name: string, pending: Promise<unknown>): Promise<void> {
  print(name, { ready: true });
  print(name, { result: (await pending) ?? null });
}

async function full(): Promise<void> {
  await step('number', ui.askNumber(undefined, never));
  await step('number-typo', ui.askNumber({ kind: 'number-problem', problem: 'typo' }, never));
  const notice = { kind: 'join-problem', problem: 'rate-limited', retryAfterMs: 30_000 } as const;
  await step(
    'number-abort',
    abortable('abort-number', (signal) => ui.askNumber(notice, signal)),
  );
  ui.showProgress({ kind: 'connecting', relay: 'support.example.com' });
  print('progress', { ready: true });
  await gate('progress-seen');
  const proxy = ui.askProxyCredentials({ proxy: 'proxy.example.com:3128', attempt: 2 }, never);
  await step(
    'proxy',
    proxy.then(
      (credentials) =>
        credentials && { username: credentials.username, passwordMatches: credentials.password === 'Geheim!9' },
    ),
  );
  await step('proxy-cancel', ui.askProxyCredentials({ proxy: 'proxy.example.com:3128', attempt: 1 }, never));
  for (const name of ['consent-yes', 'consent-no', 'consent-close']) await step(name, ui.askConsent(offer, never));
  ui.showProgress({ kind: 'handshake' });
  print('progress-close', { ready: true });
  await gate('progress-closed');
  await step('consent-after-close', ui.askConsent(offer, never));
  ui.showSharing(sharing);
  await step('status-end', ui.nextSharingCommand(never));
  await step('control-yes', ui.askControl(offer, never));
  ui.showSharing({ ...sharing, controlGranted: true });
  await step('status-take-back', ui.nextSharingCommand(never));
  ui.showSharing(sharing);
  await step('control-no', ui.askControl(offer, never));
  await step(
    'control-abort',
    abortable('abort-control', (signal) => ui.askControl(offer, signal)),
  );
  await step('status-close', ui.nextSharingCommand(never));
}

async function short(): Promise<void> {
  await step('number', ui.askNumber(undefined, never));
  await step('consent-yes', ui.askConsent(offer, never));
  ui.showSharing({ ...sharing, controlGranted: true });
  await step('status-end', ui.nextSharingCommand(never));
}

(walk === 'full' ? full() : short())
  .then(() => {
    ui.dispose();
    print('done');
  })
  .catch((error) => {
    console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
    process.exitCode = 1;
  });
