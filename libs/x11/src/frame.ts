import type { ScreenFrame } from '@fernhilfe/desktop';

/** Which X request path produced the frames. */
export type CaptureBackendName = 'shm' | 'getimage';

/** A way to read the whole screen. */
export interface CaptureBackend {
  /** Which path this is. */
  readonly name: CaptureBackendName;
  /**
   * Reads the whole screen once.
   *
   * @param onReply - runs synchronously as soon as the server's reply is parsed, before any
   *   event that followed it on the socket is dispatched
   */
  capture(onReply?: () => void): Promise<ScreenFrame>;
  /** Releases server-side resources (shared memory segment). */
  close(): Promise<void>;
}
