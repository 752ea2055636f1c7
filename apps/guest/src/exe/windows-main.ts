// Entry of Fernhilfe-Gastmodul.exe (Windows x64, a Node 22 single executable): the customer's
// native dialogs (apps/guest/src/windows) driving the customer flow of @fernhilfe/desktop over
// the Windows platform layer, against the relay address the operator baked in.
// `--selftest` prints the baked relay, the screen size and how it is captured, and exits (for the
// operator and CI).
import { createCustomerFlow, type GuestConnectOptions } from '@fernhilfe/desktop';
import {
  declareDpiAwareness,
  openWindowsDesktop,
  readInternetSettings,
  showErrorBox,
  systemProxyFromInternetSettings,
} from '@fernhilfe/windows';
import { GuestError } from '../errors';
import { createWindowsCustomerUi } from '../windows/windows-customer-ui';
import { type BakedConfig, readBakedConfig } from './baked-config';

/**
 * The proxy a browser on this PC would use, unless the environment names one (`HTTPS_PROXY`, …,
 * which the relay client reads itself).
 */
function proxyOptions(relayUrl: string): GuestConnectOptions {
  const fromEnvironment = ['https_proxy', 'http_proxy', 'all_proxy'].some(
    (name) => process.env[name] !== undefined || process.env[name.toUpperCase()] !== undefined,
  );
  if (fromEnvironment) return {};
  const system = systemProxyFromInternetSettings(readInternetSettings(), relayUrl.startsWith('wss:'));
  if (system === undefined) return {};
  return system.noProxy === undefined ? { proxy: system.proxy } : { proxy: system.proxy, noProxy: system.noProxy };
}

/** Frames the self-test captures: the first fills the buffer, the next ones take only changes. */
const SELF_TEST_FRAMES = 3;

async function selfTest(config: BakedConfig): Promise<void> {
  const say = (line: string) => process.stdout.write(`Fernhilfe-Gastmodul: ${line}\n`);
  say(`relay ${config.relayUrl}`);
  if (config.organisation !== undefined) say(config.organisation);
  const desktop = openWindowsDesktop({ input: false });
  try {
    let size = '';
    for (let frame = 0; frame < SELF_TEST_FRAMES; frame++) {
      const captured = await desktop.capture();
      size = `${captured.frame.width}x${captured.frame.height}`;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    say(`screen ${size}`);
    const { method, fallbackReason } = desktop.captureMethod;
    say(`capture ${method}${fallbackReason === undefined ? '' : ` (${fallbackReason})`}`);
  } finally {
    await desktop.close();
  }
}

async function runGuest(config: BakedConfig): Promise<void> {
  // Before the first window, so dialogs are sharp at 125–200 % scaling and sizes are physical pixels.
  declareDpiAwareness();
  const ui = createWindowsCustomerUi();
  const flow = createCustomerFlow({
    ui,
    relayUrl: config.relayUrl,
    openDesktop: async () => openWindowsDesktop(),
    connectOptions: proxyOptions(config.relayUrl),
  });
  // The process being closed (logoff, taskkill) ends a running session like closing its window.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const) {
    process.on(signal, () => flow.stop('guest-window-closed'));
  }
  try {
    await flow.run();
  } finally {
    ui.dispose();
  }
}

async function main(): Promise<number> {
  try {
    const config = readBakedConfig();
    if (process.argv.includes('--selftest')) {
      await selfTest(config);
      return 0;
    }
    await runGuest(config);
    return 0;
  } catch (error) {
    if (!(error instanceof GuestError)) throw error;
    process.stderr.write(`Fernhilfe-Gastmodul: ${error.code}: ${error.message}\n`);
    // There is no console to read this in: only a broken build gets here, and the customer should say so.
    if (!process.argv.includes('--selftest')) {
      showErrorBox(
        'Fernhilfe',
        `Dieses Gastmodul ist beschädigt. Bitte laden Sie es neu von der Support-Seite herunter.\n\nThis guest module is damaged. Please download it again from the support page.\n\n(${error.code})`,
      );
    }
    return 1;
  }
}

// Exit even if a handle (a timer of the message pump, a socket) would keep the process alive.
void main().then((code) => process.exit(code));
