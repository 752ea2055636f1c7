import { LittleEndianWriter } from '../../src/byte-writer';
import { deflateBackend } from '../../src/deflate.node';
import { writeHeader } from '../../src/header';

/** Hand-made update for error tests: header fields plus a body given as bytes. */
export interface UpdateSpec {
  keyframe?: boolean;
  width?: number;
  height?: number;
  copyCount?: number;
  opCount: number;
  body: number[] | Uint8Array;
  deflate?: boolean;
  bodyLength?: number;
}

/** Builds an update message from `spec` (stored body unless `deflate`). */
export function buildUpdate(spec: UpdateSpec): Uint8Array {
  const body = Uint8Array.from(spec.body);
  const payload = spec.deflate ? deflateBackend.deflateRaw(body, 6) : body;
  const out = new LittleEndianWriter(64);
  writeHeader(out, {
    keyframe: spec.keyframe ?? true,
    deflated: spec.deflate ?? false,
    width: spec.width ?? 8,
    height: spec.height ?? 8,
    copyCount: spec.copyCount ?? 0,
    opCount: spec.opCount,
    bodyLength: spec.bodyLength ?? body.length,
  });
  const update = new Uint8Array(out.length + payload.length);
  update.set(out.view());
  update.set(payload, out.length);
  return update;
}

/** Bytes of an op prefix: type, x, y, w, h (u16 little-endian). */
export function rect(type: number, x: number, y: number, w: number, h: number): number[] {
  return [type, x & 0xff, x >> 8, y & 0xff, y >> 8, w & 0xff, w >> 8, h & 0xff, h >> 8];
}
