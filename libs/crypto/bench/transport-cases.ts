import { summarize, timeSync } from '../../../scripts/bench-report';
import {
  createGuestHandshake,
  createSealBufferPool,
  createViewerHandshake,
  type SecureChannel,
  sealBufferPlaintext,
} from '../src/index';

/** Plaintext sizes the transport is measured at (the last is the largest frame, "64 KiB"). */
export const SIZES = [64, 1024, 16 * 1024, 65_519] as const;

/** Timed samples per contender and size. */
export const SAMPLES = 21;

/**
 * Bytes sealed and opened per timed sample, and the bounds on calls per sample: every sample
 * runs long enough (tens of milliseconds) to pay for the garbage collection its own
 * allocations cause.
 */
const BYTES_PER_SAMPLE = 16 * 1024 * 1024;
const MIN_CALLS_PER_SAMPLE = 64;
const MAX_CALLS_PER_SAMPLE = 2000;

// With `--expose-gc`, each sample starts from a collected heap, so no contender pays for another's garbage.
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** One way to seal and then open a plaintext. */
export type SealOpen = (plaintext: Uint8Array) => void;

/** A connected channel pair through the public API. */
export function connectedChannels(): { sender: SecureChannel; receiver: SecureChannel } {
  const guest = createGuestHandshake({ sessionId: 'bench' });
  const viewer = createViewerHandshake({ sessionId: 'bench' });
  const hello = viewer.start(guest.commit());
  const guestResult = guest.respond(hello);
  const viewerResult = viewer.finish(guestResult.reply);
  return { sender: viewerResult.channel, receiver: guestResult.channel };
}

/**
 * This library as the session link sends (whichever `#aead` the runtime conditions chose): a
 * seal buffer leased from a pool, the plaintext written into it as the message encoder
 * does, sealed in place, opened, and the lease released as the transport does once the
 * frame is written. The plaintext write is counted here; the raw contenders get their
 * plaintext for free.
 */
export function librarySealOpen(): SealOpen {
  const { sender, receiver } = connectedChannels();
  const pool = createSealBufferPool();
  return (plaintext) => {
    const lease = pool.acquire(plaintext.length);
    sealBufferPlaintext(lease.frame).set(plaintext);
    receiver.open(sender.sealInPlace(lease.frame));
    lease.release();
  };
}

/** This library's copying `seal(plaintext)` + open: a fresh frame per call. */
export function libraryCopyingSealOpen(): SealOpen {
  const { sender, receiver } = connectedChannels();
  return (plaintext) => {
    receiver.open(sender.seal(plaintext));
  };
}

/**
 * Measures every contender on the same fixed plaintext of `size` bytes. The contenders take
 * turns sample by sample, so load from other processes hits them alike; sample i of every
 * contender was taken in the same round. Returns MB/s per sample for each contender.
 */
export function throughput<Name extends string>(
  size: number,
  contenders: Record<Name, SealOpen>,
): Record<Name, number[]> {
  const plaintext = new Uint8Array(size).map((_, i) => i & 0xff);
  const operations = Math.min(MAX_CALLS_PER_SAMPLE, Math.max(MIN_CALLS_PER_SAMPLE, Math.ceil(BYTES_PER_SAMPLE / size)));
  const entries = Object.entries(contenders) as [Name, SealOpen][];
  const batch = (sealOpen: SealOpen) => () => {
    for (let i = 0; i < operations; i++) sealOpen(plaintext);
  };
  const results = {} as Record<Name, number[]>;
  for (const [name, sealOpen] of entries) {
    timeSync(batch(sealOpen), 0, 3);
    results[name] = [];
  }
  for (let sample = 0; sample < SAMPLES; sample++) {
    for (const [name, sealOpen] of entries) {
      collectGarbage();
      const [elapsed] = timeSync(batch(sealOpen), 1, 0) as [number];
      results[name].push((size * operations) / 1e6 / (elapsed / 1000));
    }
  }
  return results;
}

/** Median over rounds of `ours[i] / theirs[i]`: robust to load that changes between rounds. */
export function pairedRatio(ours: readonly number[], theirs: readonly number[]): number {
  return summarize(ours.map((value, i) => value / (theirs[i] ?? Number.NaN))).median;
}
