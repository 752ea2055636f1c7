import { createGuestClient } from '../../src/index';

/**
 * Runs in Chromium: joins with the given heartbeat settings, sends three bytes (scribbling over
 * them once the connection releases them), waits for one payload and an idle spell of `idleMs`, ends.
 */
async function runGuest(
  url: string,
  number: string,
  beats: { heartbeatIntervalMs: number; heartbeatTimeoutMs: number },
  idleMs: number,
) {
  const channel = await createGuestClient({ url, number, ...beats });
  const bytes = new Uint8Array([1, 2, 3]);
  let released = 0;
  await channel.send(bytes, () => {
    released++;
    bytes.fill(0xee);
  });
  const iterator = channel[Symbol.asyncIterator]();
  const first = await iterator.next();
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const second = await iterator.next();
  channel.close();
  const end = await channel.ended;
  return {
    peer: channel.peer,
    first: Array.from(first.value ?? []),
    second: Array.from(second.value ?? []),
    end: end.reason,
    error: end.error?.code ?? null,
    released,
  };
}

(globalThis as unknown as { runGuest: typeof runGuest }).runGuest = runGuest;
