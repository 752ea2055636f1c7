// The customer at the Windows PC, as a loopback HTTP helper for the page setup: POST /join
// {number} starts Fernhilfe-Gastmodul.exe under wine, types the number into its dialog and
// presses Enter ("Support starten"), and answers once the consent dialog is shown; POST
// /confirm presses Enter on it ("Ja") and answers once the status window is up.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Wine, WineProcess } from '../../../../scripts/wine';
import { type WindowGeometry, WineDesktopDriver } from '../../../../scripts/wine-desktop-driver';
import type { Xvfb } from '../../../../scripts/xvfb';
import { CONSENT_PAGE_WIDTH } from '../../src/windows/consent-pages';
import { NUMBER_PAGE_WIDTH } from '../../src/windows/number-page';

const MAIN = 'Fernhilfe';
const STATUS = /^Fernhilfe .+ (Bildschirm|screen)/;
/** The exe unpacks koffi and starts Node under wine: slow on a busy machine. */
const START_TIMEOUT_MS = 180_000;
const STEP_TIMEOUT_MS = 60_000;

/** Options of {@link startCustomerHelper}. */
export interface CustomerHelperOptions {
  /** The prefix the exe runs in. */
  wine: Wine;
  /** The display its dialogs are on. */
  xvfb: Xvfb;
  /** Path of Fernhilfe-Gastmodul.exe. */
  exe: string;
  /** Directory for `guest.pid` and `wineserver.pid` (measure.mjs `--cpu-pidfile-dir`). */
  pidDir: string;
}

/** The running helper. */
export interface CustomerHelper {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Stops the guest and the server. */
  close(): Promise<void>;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The wineserver of a prefix, found by its environment, so its CPU counts with the guest's. */
function wineserverPid(prefix: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('wineserver')) continue; // wineserver64 on Debian
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`WINEPREFIX=${prefix}`)) {
        return Number(entry);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > 4096) throw new RequestError(413, 'body too large');
  }
  return body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
}

/**
 * Starts the helper on a free loopback port.
 *
 * @param options - wine, the display, the exe, where the pid files go
 * @returns its address
 */
export async function startCustomerHelper(options: CustomerHelperOptions): Promise<CustomerHelper> {
  const driver = new WineDesktopDriver(options.xvfb);
  let guest: WineProcess | undefined;
  let dialog: WindowGeometry | undefined;

  const stopGuest = async () => {
    const running = guest;
    guest = undefined;
    dialog = undefined;
    if (running === undefined || running.child.exitCode !== null) return;
    running.child.kill('SIGTERM');
    const timer = setTimeout(() => running.child.kill('SIGKILL'), 5000);
    await running.exited;
    clearTimeout(timer);
  };

  const startAndJoin = async (number: string) => {
    await stopGuest();
    guest = options.wine.spawn(options.exe, []);
    writeFileSync(join(options.pidDir, 'guest.pid'), `${guest.child.pid}\n`);
    const numberDialog = await driver.findWindow(MAIN, START_TIMEOUT_MS);
    // Only now: the prefix's previous wineserver may still be ending when the exe starts.
    const server = wineserverPid(options.wine.prefix);
    if (server !== undefined) writeFileSync(join(options.pidDir, 'wineserver.pid'), `${server}\n`);
    await driver.focus(numberDialog);
    await driver.type(number);
    await driver.key('Return');
    // The same window shows the consent next, wider than the number page by the pages' difference.
    const consentWidth = numberDialog.width + CONSENT_PAGE_WIDTH - NUMBER_PAGE_WIDTH;
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const shown = await driver.findWindow(MAIN, STEP_TIMEOUT_MS);
      if (shown.width === consentWidth) {
        dialog = shown;
        return { pid: guest.child.pid };
      }
      if (Date.now() > deadline) throw new Error(`no consent dialog; output: ${guest.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const confirm = async () => {
    if (dialog === undefined) throw new RequestError(409, 'no consent dialog is shown');
    await driver.focus(dialog);
    await driver.key('Return'); // "Ja" is the default button
    await driver.findWindow(STATUS, STEP_TIMEOUT_MS);
    dialog = undefined;
    return {};
  };

  const routes: Record<string, (body: Record<string, unknown>) => Promise<object>> = {
    '/join': (body) => {
      const number = String(body.number ?? '').replace(/\D/g, '');
      if (!/^\d{8}$/.test(number)) throw new RequestError(400, 'number must have 8 digits');
      return startAndJoin(number);
    },
    '/confirm': () => confirm(),
    '/leave': async () => {
      await stopGuest();
      return {};
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const route = request.method === 'POST' ? routes[request.url ?? ''] : undefined;
    if (route === undefined) return reply(404, { error: 'POST /join {number}, /confirm or /leave' });
    try {
      reply(200, await route(await readJson(request)));
    } catch (error) {
      reply(error instanceof RequestError ? error.status : 500, { error: (error as Error).message });
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await stopGuest();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
