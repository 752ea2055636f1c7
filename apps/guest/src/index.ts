/**
 * The Fernhilfe guest app: the browser support page (view only) and the Node guest behind the
 * `fernhilfe-guest` command. The Node guest is thin: the X11 layer is `@fernhilfe/x11`, the
 * session and the customer flow are `@fernhilfe/desktop`; this package adds the terminal
 * presentation ({@link createTerminalUi}: texts in German and English, prompts, language
 * switch) and the terminal app around the flow ({@link createGuestApp}).
 *
 * @example
 * ```ts
 * import { createGuestApp, createReadlineTerminal } from '@fernhilfe/guest';
 * import { openX11Desktop } from '@fernhilfe/x11';
 *
 * const app = createGuestApp({
 *   terminal: createReadlineTerminal(process.stdin, process.stdout),
 *   lang: 'de',
 *   relayUrl: 'wss://support.example/relay',
 *   openDesktop: () => openX11Desktop({ display: ':0' }),
 * });
 * process.on('SIGINT', () => app.interrupt());
 * await app.run();
 * ```
 *
 * @packageDocumentation
 */

export {
  createGuestApp,
  type GuestApp,
  type GuestAppExit,
  type GuestAppOptions,
} from './node/guest-app';
export {
  createReadlineTerminal,
  type LineRead,
  type LineResult,
  type NoLine,
  type ReadLineOptions,
  type Terminal,
} from './node/terminal';
export { createTerminalUi, type TerminalUi } from './node/terminal-ui';
export type { UiView } from './node/ui-render';
export type { Lang } from './node/ui-text';
