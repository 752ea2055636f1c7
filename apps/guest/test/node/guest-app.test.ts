import type { Desktop } from '@fernhilfe/desktop';
import { dammCheckDigit } from '@fernhilfe/session';
import {
  type GuestChannel,
  type GuestClientOptions,
  ProxyError,
  RelayRejectedError,
  TransportErrorCode,
} from '@fernhilfe/transport';
import { X11Error, X11ErrorCode } from '@fernhilfe/x11';
import { describe, expect, it } from 'vitest';
import { createGuestApp } from '../../src/node/guest-app';
import { UI_TEXTS } from '../../src/node/ui-text';
import { createFakeTerminal } from './fake-terminal';

const valid = `4711081${dammCheckDigit('4711081')}`;
const typo = `${valid.slice(0, 7)}${(Number(valid[7]) + 1) % 10}`;

/** Joining never reaches a relay here: `join` is a fake that records what it was given. */
function setup(join: (options: GuestClientOptions) => Promise<GuestChannel>) {
  const terminal = createFakeTerminal();
  let desktopsOpened = 0;
  let desktopsClosed = 0;
  const app = createGuestApp({
    terminal,
    lang: 'en',
    relayUrl: 'ws://relay.test/relay',
    openDesktop: async () => {
      desktopsOpened++;
      return { close: async () => void desktopsClosed++ } as unknown as Desktop;
    },
    join,
  });
  return { terminal, app, desktops: () => ({ opened: desktopsOpened, closed: desktopsClosed }) };
}

const text = UI_TEXTS.en;

describe('guest app (terminal flow without network)', () => {
  it('reports a typo at once, without joining, and asks again; Ctrl+C at the prompt quits', async () => {
    const joined: string[] = [];
    const { terminal, app } = setup(async (options) => {
      joined.push(options.number);
      throw new RelayRejectedError(TransportErrorCode.UNKNOWN_NUMBER, 'unknown');
    });
    const run = app.run();
    await terminal.waitForPrompt(/Session number/);
    terminal.type(`${typo.slice(0, 4)} ${typo.slice(4)}`);
    await terminal.waitForPrompt(/Session number/);
    expect(terminal.output).toContain(text.numberProblem.typo);
    expect(joined).toEqual([]);
    terminal.type('12 34');
    await terminal.waitForPrompt(/Session number/);
    expect(terminal.output).toContain(text.numberProblem['too-short']);
    terminal.pressCtrlC();
    expect(await run).toBe('interrupted');
    expect(terminal.output.at(-1)).toBe(text.goodbye);
  });

  it('explains relay refusals in plain words and closes the desktop it opened', async () => {
    const errors = [
      new RelayRejectedError(TransportErrorCode.EXPIRED, 'expired'),
      new RelayRejectedError(TransportErrorCode.RATE_LIMITED, 'slow down', 4000),
      new ProxyError(TransportErrorCode.PROXY_CONNECT_FAILED, 'refused', 403),
    ];
    const { terminal, app, desktops } = setup(async () => {
      throw errors.shift();
    });
    const run = app.run();
    for (let i = 0; i < 3; i++) {
      await terminal.waitForPrompt(/Session number/);
      terminal.type(valid);
    }
    await terminal.waitForPrompt(/Session number/);
    expect(terminal.output).toContain(text.joinProblem.expired);
    expect(terminal.output).toContain(`${text.joinProblem['rate-limited']} ${text.retryAfter(4)}`);
    expect(terminal.output).toContain(text.joinProblem['proxy-failed']);
    expect(desktops()).toEqual({ opened: 3, closed: 3 });
    terminal.endInput();
    expect(await run).toBe('input-closed');
  });

  it('asks for proxy credentials with the password hidden, and gives up on an empty user name', async () => {
    const answers: unknown[] = [];
    const { terminal, app } = setup(async (options) => {
      answers.push(await options.onProxyAuth?.({ proxy: 'proxy.corp:3128', attempt: 1 }));
      answers.push(await options.onProxyAuth?.({ proxy: 'proxy.corp:3128', attempt: 2 }));
      throw new ProxyError(TransportErrorCode.PROXY_AUTH_FAILED, 'no', 407);
    });
    const run = app.run();
    await terminal.waitForPrompt(/Session number/);
    terminal.type(valid);
    await terminal.waitForPrompt(/User name/);
    terminal.type('kunde');
    await terminal.waitForPrompt(/Password/);
    terminal.type('geheim');
    await terminal.waitForPrompt(/User name/);
    terminal.type('');
    await terminal.waitForPrompt(/Session number/);
    expect(answers).toEqual([{ username: 'kunde', password: 'geheim' }, null]);
    expect(terminal.prompts.find((p) => p.prompt === text.proxyPassword)?.secret).toBe(true);
    expect(terminal.output).toContain(text.proxyAsks('proxy.corp:3128', 1));
    expect(terminal.output).toContain(text.joinProblem['proxy-auth-failed']);
    expect(terminal.output.join('\n')).not.toContain('geheim');
    app.terminate();
    expect(await run).toBe('terminated');
  });

  it('switches the language at the number prompt and uses --number for the first session only', async () => {
    const joined: string[] = [];
    const terminal = createFakeTerminal();
    const app = createGuestApp({
      terminal,
      lang: 'en',
      relayUrl: 'ws://relay.test/relay',
      number: typo,
      openDesktop: async () => ({ close: async () => undefined }) as unknown as Desktop,
      join: async (options) => {
        joined.push(options.number);
        throw new RelayRejectedError(TransportErrorCode.ALREADY_TAKEN, 'taken');
      },
    });
    const run = app.run();
    await terminal.waitForPrompt(/Session number/);
    expect(terminal.output).toContain(text.numberProblem.typo);
    terminal.type('de');
    await terminal.waitForPrompt(/Sitzungsnummer/);
    terminal.type(`${valid.slice(0, 4)}-${valid.slice(4)}`);
    await terminal.waitForPrompt(/Sitzungsnummer/);
    expect(joined).toEqual([valid]);
    expect(terminal.output).toContain(UI_TEXTS.de.joinProblem['already-taken']);
    terminal.pressCtrlC();
    await run;
  });

  it('reports a display that cannot be opened and keeps asking', async () => {
    const terminal = createFakeTerminal();
    const app = createGuestApp({
      terminal,
      lang: 'de',
      relayUrl: 'ws://relay.test/relay',
      openDesktop: async () => {
        throw new X11Error(X11ErrorCode.DISPLAY_UNAVAILABLE, 'no X');
      },
      join: async () => {
        throw new Error('must not join without a display');
      },
    });
    const run = app.run();
    await terminal.waitForPrompt(/Sitzungsnummer/);
    terminal.type(valid);
    await terminal.waitForPrompt(/Sitzungsnummer/);
    expect(terminal.output).toContain(UI_TEXTS.de.joinProblem.display);
    terminal.pressCtrlC();
    expect(await run).toBe('interrupted');
  });
});
