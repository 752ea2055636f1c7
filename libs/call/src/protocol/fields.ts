import { CallErrorCode, CallProtocolError } from '../errors';

/** Throws `CALL_MESSAGE_INVALID_FIELD` for `field`. */
export function invalidField(field: string, detail: string): never {
  throw new CallProtocolError(CallErrorCode.MESSAGE_INVALID_FIELD, `${field}: ${detail}`);
}

/** Throws `CALL_MESSAGE_TOO_LARGE` for `field`. */
export function tooLarge(field: string, size: number, limit: number): never {
  throw new CallProtocolError(CallErrorCode.MESSAGE_TOO_LARGE, `${field}: ${size} > ${limit}`);
}

/** Checks that `value` is an integer in `[min, max]`. */
export function checkInt(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalidField(field, `must be an integer in [${min}, ${max}]`);
  }
  return value;
}

/** Checks that `value` is a boolean. */
export function checkBool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalidField(field, 'must be a boolean');
  return value;
}

/** Reads a 0/1 byte as a boolean. */
export function flagFromByte(value: number, field: string): boolean {
  if (value > 1) invalidField(field, 'must be 0 or 1');
  return value === 1;
}

/** Checks that `value` is a Uint8Array of at most `limit` bytes. */
export function checkBytes(value: unknown, limit: number, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) invalidField(field, 'must be a Uint8Array');
  if (value.length > limit) tooLarge(field, value.length, limit);
  return value;
}

/** A `u16` maximum. */
export const U16 = 0xffff;
/** A `u32` maximum. */
export const U32 = 0xffff_ffff;
/** `i16` bounds. */
export const I16_MIN = -0x8000;
/** `i16` bounds. */
export const I16_MAX = 0x7fff;
/** `i32` bounds. */
export const I32_MIN = -0x8000_0000;
/** `i32` bounds. */
export const I32_MAX = 0x7fff_ffff;
