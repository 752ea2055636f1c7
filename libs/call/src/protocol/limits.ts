import { CallError, CallErrorCode } from '../errors';

/** Size limits of the support protocol, checked before anything is allocated. */
export interface ProtocolLimits {
  /** Largest message as a whole, in bytes. @default 1_048_640 (1 MiB + 64) */
  maxMessageBytes?: number;
  /** Largest `screen-update` data chunk, in bytes. @default 1_048_576 (1 MiB) */
  maxChunkBytes?: number;
  /** Largest cursor image width or height, in pixels. @default 256 */
  maxCursorSize?: number;
  /** Most protocol versions listed in `hello`. @default 16 */
  maxVersions?: number;
  /** Longest `key.code`, in bytes. @default 32 */
  maxKeyCodeBytes?: number;
  /** Longest `key.key`, in UTF-8 bytes. @default 32 */
  maxKeyBytes?: number;
}

/** The defaults of every {@link ProtocolLimits} field. */
export const DEFAULT_PROTOCOL_LIMITS: Readonly<Required<ProtocolLimits>> = Object.freeze({
  maxMessageBytes: 1_048_640,
  maxChunkBytes: 1_048_576,
  maxCursorSize: 256,
  maxVersions: 16,
  maxKeyCodeBytes: 32,
  maxKeyBytes: 32,
});

/** Fills missing limits with defaults; a given limit must be a non-negative integer. */
export function resolveLimits(limits: ProtocolLimits | undefined): Required<ProtocolLimits> {
  if (limits === undefined) return DEFAULT_PROTOCOL_LIMITS;
  const resolved = { ...DEFAULT_PROTOCOL_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new CallError(CallErrorCode.INVALID_ARGUMENT, `${name} must be a non-negative integer`);
    }
  }
  return resolved;
}
