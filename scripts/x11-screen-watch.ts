// Test support: watches an X display for screen changes with the DAMAGE extension, on a
// connection of its own, so benches can time "the screen changed" without any app's X11 code.
import { createRequire } from 'node:module';

interface DamageNotify {
  name: string;
  damage?: number;
}
interface XClient {
  AllocID(): number;
  require(name: 'damage', cb: (err: unknown, ext: DamageExtension) => void): void;
  on(event: 'event', listener: (event: DamageNotify) => void): void;
  removeListener(event: 'event', listener: (event: DamageNotify) => void): void;
  sync(cb: (err: unknown) => void): void;
  terminate(): void;
}
interface DamageExtension {
  ReportLevel: { NonEmpty: number };
  Create(damage: number, drawable: number, reportLevel: number): void;
  Subtract(damage: number, repair: number, parts: number): void;
}
interface X11Package {
  createClient(
    options: { display: string },
    cb: (err: unknown, display: { client: XClient; screen: Array<{ root: number }> }) => void,
  ): void;
}

/** Screen changes on one X display. */
export interface ScreenChangeWatch {
  /**
   * Forgets changes seen so far, runs `act` and resolves with `clock()` at the first change after.
   *
   * @param act - what should change the screen (e.g. a key press)
   * @param timeoutMs - how long to wait for a change
   */
  timeNextChange(act: () => unknown, timeoutMs: number): Promise<number>;
  /** Closes the connection. */
  close(): void;
}

const x11 = createRequire(import.meta.url)('x11') as X11Package;

/**
 * Opens a connection to `display` that watches the root window for any change.
 *
 * @param display - X display name, e.g. `:99`
 * @param clock - the time source the result is read from
 * @returns the watch
 */
export async function watchScreenChanges(display: string, clock: () => number): Promise<ScreenChangeWatch> {
  const { client, root } = await new Promise<{ client: XClient; root: number }>((resolve, reject) =>
    x11.createClient({ display }, (err, opened) =>
      err ? reject(err) : resolve({ client: opened.client, root: opened.screen[0]!.root }),
    ),
  );
  const damageExt = await new Promise<DamageExtension>((resolve, reject) =>
    client.require('damage', (err, ext) => (err ? reject(err) : resolve(ext))),
  );
  const damage = client.AllocID();
  damageExt.Create(damage, root, damageExt.ReportLevel.NonEmpty);
  const sync = () => new Promise<void>((resolve, reject) => client.sync((err) => (err ? reject(err) : resolve())));
  return {
    async timeNextChange(act, timeoutMs) {
      damageExt.Subtract(damage, 0, 0);
      await sync(); // every report of earlier changes has arrived before we listen
      return new Promise<number>((resolve, reject) => {
        const listener = (event: DamageNotify) => {
          if (event.name !== 'DamageNotify' || event.damage !== damage) return;
          clearTimeout(timer);
          client.removeListener('event', listener);
          resolve(clock());
        };
        const timer = setTimeout(() => {
          client.removeListener('event', listener);
          reject(new Error(`no screen change within ${timeoutMs} ms`));
        }, timeoutMs);
        client.on('event', listener);
        act();
      });
    },
    close() {
      client.terminate();
    },
  };
}
