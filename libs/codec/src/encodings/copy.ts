import type { LittleEndianWriter } from '../byte-writer';
import type { PixelTarget } from '../pixels';
import type { Rect } from '../types';

/** A `copy` op: `rect` receives the pixels at (`srcX`, `srcY`) of the previous frame. */
export interface CopyOp extends Rect {
  srcX: number;
  srcY: number;
}

/** Payload of a `copy` op: the source corner. */
export function encodeCopy(out: LittleEndianWriter, srcX: number, srcY: number): void {
  out.u16(srcX);
  out.u16(srcY);
}

function intersects(a: CopyOp, b: CopyOp): boolean {
  return b.srcX < a.x + a.width && a.x < b.srcX + b.width && b.srcY < a.y + a.height && a.y < b.srcY + b.height;
}

/** Whether applying the copies one by one could read a pixel an earlier copy already overwrote. */
function needsSnapshot(copies: readonly CopyOp[]): boolean {
  if (copies.length <= 1) return false;
  if (copies.length > 64) return true;
  for (const a of copies) {
    for (const b of copies) if (a !== b && intersects(a, b)) return true;
  }
  return false;
}

function copyInPlace(target: PixelTarget, op: CopyOp): void {
  const { pixels, width } = target;
  const upward = op.srcY < op.y;
  for (let i = 0; i < op.height; i++) {
    const row = upward ? op.height - 1 - i : i;
    const from = (op.srcY + row) * width + op.srcX;
    pixels.copyWithin((op.y + row) * width + op.x, from, from + op.width);
  }
}

/**
 * Applies copies with "read the frame as it was before the update" semantics: when one copy's
 * source overlaps another's target, the source rows are snapshotted first into `scratch`.
 * @returns the scratch buffer (possibly grown) for reuse
 */
export function applyCopies(target: PixelTarget, copies: readonly CopyOp[], scratch: Uint32Array): Uint32Array {
  if (!needsSnapshot(copies)) {
    for (const op of copies) copyInPlace(target, op);
    return scratch;
  }
  const { pixels, width } = target;
  let top = Number.POSITIVE_INFINITY;
  let bottom = 0;
  for (const op of copies) {
    top = Math.min(top, op.srcY);
    bottom = Math.max(bottom, op.srcY + op.height);
  }
  const words = (bottom - top) * width;
  const snapshot = scratch.length >= words ? scratch : new Uint32Array(words);
  snapshot.set(pixels.subarray(top * width, bottom * width));
  for (const op of copies) {
    for (let row = 0; row < op.height; row++) {
      const from = (op.srcY - top + row) * width + op.srcX;
      pixels.set(snapshot.subarray(from, from + op.width), (op.y + row) * width + op.x);
    }
  }
  return snapshot;
}

/** Applies a `reference` op: `rect` receives the pixels at (`srcX`, `srcY`) of the keyframe picture. */
export function applyReference(target: PixelTarget, reference: Uint32Array, op: CopyOp): void {
  const { pixels, width } = target;
  for (let row = 0; row < op.height; row++) {
    const from = (op.srcY + row) * width + op.srcX;
    pixels.set(reference.subarray(from, from + op.width), (op.y + row) * width + op.x);
  }
}
