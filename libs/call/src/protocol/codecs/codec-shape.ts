import type { BigEndianReader } from '../byte-reader';
import type { BigEndianWriter } from '../byte-writer';
import type { ProtocolLimits } from '../limits';
import type { SessionMessage } from '../messages';

/** Encoder and decoder of one message type's payload (the bytes after the type byte). */
export interface PayloadCodec<M extends SessionMessage> {
  /** Validates `message` and returns its payload size in bytes. */
  size(message: M, limits: Required<ProtocolLimits>): number;
  /** Writes the payload of a message already checked by `size`. */
  write(writer: BigEndianWriter, message: M): void;
  /** Reads and validates a payload (the reader's `end()` is checked by the caller). */
  read(reader: BigEndianReader, limits: Required<ProtocolLimits>): M;
}
