import { CallError, CallErrorCode } from './errors';
import type { ScreenUpdateMessage } from './protocol/messages';

/** A screen update put back together from its chunks. */
export interface AssembledFrame {
  /** The guest's frame id. */
  frameId: number;
  /** The codec update bytes. */
  data: Uint8Array;
}

/** A screen update as the viewer call hands it on, with when it came and what opening it cost. */
export interface ReceivedFrame extends AssembledFrame {
  /**
   * When its last chunk arrived from the relay, in ms on the shared clock
   * (`performance.timeOrigin + performance.now()`), so it compares with a guest's send time.
   */
  arrivedAt: number;
  /** Decrypting and parsing all its chunks, in ms. */
  openMs: number;
}

/**
 * Joins the chunks of screen updates. The channel delivers in order, so chunks of one frame
 * must arrive as 0, 1, …, count − 1 before the next frame starts; anything else, or a frame
 * larger than `maxFrameBytes`, is a protocol error.
 */
export class FrameAssembler {
  readonly #maxFrameBytes: number;
  #frameId = -1;
  #expected = 0;
  #count = 0;
  #parts: Uint8Array[] = [];
  #bytes = 0;

  constructor(maxFrameBytes: number) {
    this.#maxFrameBytes = maxFrameBytes;
  }

  /**
   * @returns the whole frame when `chunk` completed it, otherwise `undefined`
   * @throws `CallError` `CALL_PROTOCOL` (chunk out of sequence),
   *   `CALL_FRAME_TOO_LARGE`
   */
  push(chunk: ScreenUpdateMessage): AssembledFrame | undefined {
    if (chunk.chunkIndex === 0) {
      if (this.#expected !== 0) throw protocolError(`frame ${this.#frameId} was cut off by frame ${chunk.frameId}`);
      this.#frameId = chunk.frameId;
      this.#count = chunk.chunkCount;
      this.#parts = [];
      this.#bytes = 0;
    } else if (
      chunk.frameId !== this.#frameId ||
      chunk.chunkIndex !== this.#expected ||
      chunk.chunkCount !== this.#count
    ) {
      throw protocolError(`unexpected chunk ${chunk.chunkIndex}/${chunk.chunkCount} of frame ${chunk.frameId}`);
    }
    this.#bytes += chunk.data.length;
    if (this.#bytes > this.#maxFrameBytes) {
      throw new CallError(CallErrorCode.FRAME_TOO_LARGE, `frame exceeds ${this.#maxFrameBytes} bytes`);
    }
    this.#parts.push(chunk.data);
    this.#expected = chunk.chunkIndex + 1;
    if (this.#expected < this.#count) return undefined;
    this.#expected = 0;
    const data = this.#parts.length === 1 ? (this.#parts[0] as Uint8Array) : concat(this.#parts, this.#bytes);
    this.#parts = [];
    return { frameId: this.#frameId, data };
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function protocolError(message: string): CallError {
  return new CallError(CallErrorCode.PROTOCOL, message);
}
