/**
 * The Fernhilfe guest: the customer's side of a support session.
 *
 * This module holds the Node guest: its X11 layer (open a display, capture the screen on
 * demand through MIT-SHM or core GetImage with DAMAGE rectangles as encoder hints, follow
 * the cursor with XFIXES, inject pointer and keyboard input with XTEST), the support
 * session on top of it ({@link startGuestSession}: handshake, consent, flow-controlled
 * screen stream, gated input) and the terminal app behind the `fernhilfe-guest` command
 * ({@link createGuestApp}).
 *
 * @example
 * ```ts
 * import { openX11Desktop } from '@fernhilfe/guest';
 *
 * const desktop = await openX11Desktop({ display: ':0' });
 * const { frame, hints } = await desktop.capture(); // frame.format === 'bgrx'
 * desktop.pointer?.move(100, 200);
 * desktop.keyboard?.keyDown({ code: 'KeyA', key: 'A', shiftKey: true });
 * desktop.keyboard?.keyUp({ code: 'KeyA' });
 * desktop.releaseAll();
 * await desktop.close();
 * ```
 *
 * @example
 * ```ts
 * import { openX11Desktop, startGuestSession } from '@fernhilfe/guest';
 * import { createGuestClient } from '@fernhilfe/transport';
 *
 * const desktop = await openX11Desktop({ display: ':0' });
 * const channel = await createGuestClient({ url: 'wss://support.example/relay', number: '1234 5678' });
 * const session = startGuestSession({ channel, desktop });
 * session.on('security-code', async (code) => ((await customerSaysYes(code)) ? session.confirm() : session.refuse()));
 * session.on('control-requested', async () => session.answerControlRequest(await customerSaysYes()));
 * const { reason } = await session.ended;
 * await desktop.close();
 * ```
 *
 * @packageDocumentation
 */

export {
  createGuestApp,
  type GuestApp,
  type GuestAppExit,
  type GuestAppOptions,
  type GuestConnectOptions,
} from './node/guest-app';
export {
  createReadlineTerminal,
  type LineRead,
  type LineResult,
  type NoLine,
  type ReadLineOptions,
  type Terminal,
} from './node/terminal';
export type { Lang } from './node/ui-text';
