import x11, { type XDisplay } from 'x11';
import { X11Connection } from './connection';
import { X11Error, X11ErrorCode } from './errors';

/** Which X display to open and how long to wait for it. */
export interface ConnectDisplayOptions {
  /**
   * X display to open, e.g. `:0` or `unix:1`.
   * @default `process.env.DISPLAY`
   */
  display?: string;
  /**
   * How long to wait for the server's answer before giving up, in ms.
   * @default 5000
   */
  timeoutMs?: number;
}

/**
 * Resolves the display name from the option or `$DISPLAY`.
 *
 * @param display - explicit display name, if any
 * @returns a display name the `x11` package can parse
 * @throws {@link X11Error} `X11_DISPLAY_INVALID` when none is given or it cannot be parsed
 */
export function resolveDisplayName(display: string | undefined): string {
  const name = (display ?? process.env.DISPLAY ?? '').trim();
  if (name === '') {
    throw new X11Error(
      X11ErrorCode.DISPLAY_INVALID,
      'no X display given: pass --display (e.g. --display :0) or set $DISPLAY',
    );
  }
  try {
    x11.parseDisplay(name);
  } catch (cause) {
    throw new X11Error(X11ErrorCode.DISPLAY_INVALID, `cannot parse X display name "${name}"`, { cause });
  }
  return name;
}

/**
 * Opens a connection to an X server, screen 0.
 *
 * @param options - display name and timeout
 * @returns the open connection
 * @throws {@link X11Error} `X11_DISPLAY_INVALID` when no display is named or the name is
 *   malformed; `X11_DISPLAY_UNAVAILABLE` when the server cannot be reached, refuses the
 *   connection (e.g. missing authorisation) or does not answer within `timeoutMs`
 */
export async function connectDisplay(options: ConnectDisplayOptions = {}): Promise<X11Connection> {
  const name = resolveDisplayName(options.display);
  const timeoutMs = options.timeoutMs ?? 5000;
  const display = await new Promise<XDisplay>((resolve, reject) => {
    let settled = false;
    const unavailable = (detail: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new X11Error(X11ErrorCode.DISPLAY_UNAVAILABLE, `cannot open X display ${name}: ${detail}`, { cause }));
    };
    const timer = setTimeout(() => {
      unavailable(`no answer within ${timeoutMs} ms`);
      client?.terminate();
    }, timeoutMs);
    let client: ReturnType<typeof x11.createClient> | undefined;
    try {
      client = x11.createClient({ display: name }, (err, opened) => {
        if (err) {
          unavailable(err.message, err);
          return;
        }
        if (settled) {
          opened.client.terminate();
          return;
        }
        settled = true;
        clearTimeout(timer);
        resolve(opened);
      });
      // Handshake failures (e.g. "Authorization required") arrive as 'error' on the client.
      client.on('error', (err) => unavailable(err.message, err));
    } catch (cause) {
      unavailable(cause instanceof Error ? cause.message : String(cause), cause);
    }
  });
  return new X11Connection(name, display);
}
