import type { DamageExtension, FixesExtension, ShmExtension, XkbExtension, XTestExtension } from 'x11';
import type { X11Connection } from './connection';
import { X11Error, X11ErrorCode } from './errors';

/** The X extensions the guest uses, by the `x11` package's module name. */
export interface X11Extensions {
  shm: ShmExtension;
  damage: DamageExtension;
  fixes: FixesExtension;
  xtest: XTestExtension;
  xkb: XkbExtension;
}

/** Wire names, for messages operators can search for. */
const wireNames: Record<keyof X11Extensions, string> = {
  shm: 'MIT-SHM',
  damage: 'DAMAGE',
  fixes: 'XFIXES',
  xtest: 'XTEST',
  xkb: 'XKEYBOARD',
};

/**
 * Loads one extension on a connection (the `x11` package caches it per connection).
 *
 * @param connection - an open connection
 * @param name - module name of the extension
 * @returns the extension's request interface
 * @throws {@link X11Error} `X11_EXTENSION_MISSING` when the server lacks it;
 *   `X11_DISPLAY_LOST` / `X11_CLOSED` when the connection is gone
 */
export async function requireExtension<K extends keyof X11Extensions>(
  connection: X11Connection,
  name: K,
): Promise<X11Extensions[K]> {
  connection.assertOpen();
  try {
    return await new Promise<X11Extensions[K]>((resolve, reject) => {
      const stopLost = connection.onLost(reject);
      const done = (err: Error | null | undefined, ext: X11Extensions[K]) => {
        stopLost();
        if (err) reject(err);
        else resolve(ext);
        return true;
      };
      // The overloads of `require` are per name; this call site is generic over them.
      (connection.client.require as (n: K, cb: typeof done) => void)(name, done);
    });
  } catch (cause) {
    if (cause instanceof X11Error) throw cause;
    throw new X11Error(
      X11ErrorCode.EXTENSION_MISSING,
      `the X server on ${connection.displayName} lacks the ${wireNames[name]} extension`,
      { cause },
    );
  }
}
