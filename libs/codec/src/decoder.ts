import { deflateBackend } from '#deflate';
import { LittleEndianReader } from './byte-reader';
import { checkLimits, effectiveLimits } from './decoder-limits';
import { CodecError, CodecErrorCode } from './errors';
import { HEADER_LENGTH } from './format';
import { readHeader, type UpdateHeader } from './header';
import type { DecodeResult, Decoder, DecoderLimits, Framebuffer, Rect } from './types';
import { applyOps, type OpCanvas } from './update-ops';

function readBody(update: Uint8Array, header: UpdateHeader): Uint8Array {
  const stored = update.subarray(HEADER_LENGTH);
  if (header.deflated) return deflateBackend.inflateRaw(stored, header.bodyLength);
  if (stored.length < header.bodyLength) throw new CodecError(CodecErrorCode.TRUNCATED, 'stored body is short');
  if (stored.length > header.bodyLength) throw new CodecError(CodecErrorCode.BAD_OP, 'bytes after the body');
  return stored;
}

function fullFrame(header: UpdateHeader): Rect {
  return { x: 0, y: 0, width: header.width, height: header.height };
}

/**
 * Creates a decoder that applies update messages to an RGBA framebuffer.
 *
 * Every length, count and coordinate is checked against the frame and `limits` before anything
 * is allocated or written. After a failed update the picture is unspecified and only a keyframe
 * is accepted.
 *
 * @param limits - limits, each with a safe default (see {@link DecoderLimits})
 * @returns a decoder with an empty framebuffer (size 0×0 until the first keyframe)
 * @throws {@link CodecError} `CODEC_INVALID_ARGUMENT` for a limit that is not a positive number
 */
export function createDecoder(limits: DecoderLimits = {}): Decoder {
  const effective = effectiveLimits(limits);
  let framebuffer: Framebuffer = { width: 0, height: 0, data: new Uint8ClampedArray(0) };
  let canvas: OpCanvas = {
    target: { pixels: new Uint32Array(0), width: 0 },
    reference: new Uint32Array(0),
    copyScratch: new Uint32Array(0),
  };
  let needsKeyframe = true;

  function prepare(header: UpdateHeader): void {
    const { width, height } = header;
    if (!header.keyframe) {
      if (needsKeyframe) throw new CodecError(CodecErrorCode.MISSING_KEYFRAME, 'a keyframe is needed first');
      if (width !== framebuffer.width || height !== framebuffer.height) {
        throw new CodecError(CodecErrorCode.BAD_HEADER, 'delta update for a different frame size');
      }
      return;
    }
    if (width !== framebuffer.width || height !== framebuffer.height) {
      const data = new Uint8ClampedArray(width * height * 4);
      framebuffer = { width, height, data };
      canvas = {
        target: { pixels: new Uint32Array(data.buffer, data.byteOffset, width * height), width },
        reference: new Uint32Array(width * height),
        copyScratch: new Uint32Array(0),
      };
    }
    canvas.target.pixels.fill(0xff000000);
  }

  return {
    get framebuffer() {
      return framebuffer;
    },
    limits: effective,
    decode(update: Uint8Array): DecodeResult {
      if (!(update instanceof Uint8Array)) {
        throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'update must be a Uint8Array');
      }
      const header = readHeader(update);
      checkLimits(header, effective);
      if (!header.keyframe && needsKeyframe) {
        throw new CodecError(CodecErrorCode.MISSING_KEYFRAME, 'a keyframe is needed first');
      }
      const body = readBody(update, header);
      try {
        prepare(header);
        const rects = applyOps(new LittleEndianReader(body), header, canvas, effective.maxOverdraw);
        if (header.keyframe) canvas.reference.set(canvas.target.pixels);
        needsKeyframe = false;
        if (header.keyframe)
          return { keyframe: true, width: header.width, height: header.height, rects: [fullFrame(header)] };
        return { keyframe: false, width: header.width, height: header.height, rects };
      } catch (error) {
        needsKeyframe = true;
        throw error;
      }
    },
  };
}
