import { checkBool, checkInt, flagFromByte, invalidField, tooLarge } from '../fields';
import type { KeyMessage } from '../messages';
import type { PayloadCodec } from './codec-shape';

const ALL_MODIFIERS = 0x0f;
const KEY_CODE = /^[A-Za-z0-9]+$/;
const LONE_SURROGATE = /\p{Cs}/u;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function checkCode(code: unknown, limit: number): string {
  if (typeof code !== 'string' || !KEY_CODE.test(code)) invalidField('key.code', 'must be ASCII letters and digits');
  if (code.length > limit) tooLarge('key.code', code.length, limit);
  return code;
}

function keyBytes(key: unknown, limit: number): Uint8Array {
  if (typeof key !== 'string') invalidField('key.key', 'must be a string');
  if (LONE_SURROGATE.test(key)) invalidField('key.key', 'must be well-formed Unicode');
  const bytes = encoder.encode(key);
  if (bytes.length > limit) tooLarge('key.key', bytes.length, limit);
  return bytes;
}

/** ASCII bytes as a string, or `undefined` if any byte is not ASCII (at most 255 bytes). */
function asciiString(bytes: Uint8Array): string | undefined {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return undefined;
    text += String.fromCharCode(byte);
  }
  return text;
}

function decodeUtf8(bytes: Uint8Array): string {
  // Most keys are one ASCII character: skip the TextDecoder call for them.
  const ascii = asciiString(bytes);
  if (ascii !== undefined) return ascii;
  try {
    return decoder.decode(bytes);
  } catch {
    invalidField('key.key', 'must be valid UTF-8');
  }
}

/** `key`: down u8, modifiers u8 (bits 0–3), code (u8 length + ASCII), key (u8 length + UTF-8). */
export const keyCodec: PayloadCodec<KeyMessage> = {
  size(message, limits) {
    checkBool(message.down, 'key.down');
    checkInt(message.modifiers, 0, ALL_MODIFIERS, 'key.modifiers');
    const code = checkCode(message.code, Math.min(255, limits.maxKeyCodeBytes));
    return 4 + code.length + keyBytes(message.key, Math.min(255, limits.maxKeyBytes)).length;
  },
  write(writer, message) {
    const key = encoder.encode(message.key);
    writer
      .u8(message.down ? 1 : 0)
      .u8(message.modifiers)
      .u8(message.code.length)
      .ascii(message.code)
      .u8(key.length)
      .raw(key);
  },
  read(reader, limits) {
    const down = flagFromByte(reader.u8('key.down'), 'key.down');
    const modifiers = reader.u8('key.modifiers');
    if (modifiers & ~ALL_MODIFIERS) invalidField('key.modifiers', 'unknown modifier bits');
    const codeLength = reader.u8('key.code');
    if (codeLength > limits.maxKeyCodeBytes) tooLarge('key.code', codeLength, limits.maxKeyCodeBytes);
    const code = asciiString(reader.bytesView(codeLength, 'key.code'));
    if (code === undefined || !KEY_CODE.test(code)) invalidField('key.code', 'must be ASCII letters and digits');
    const keyLength = reader.u8('key.key');
    if (keyLength > limits.maxKeyBytes) tooLarge('key.key', keyLength, limits.maxKeyBytes);
    return { type: 'key', down, modifiers, code, key: decodeUtf8(reader.bytesView(keyLength, 'key.key')) };
  },
};
