import { deflateBackend } from '#deflate';
import { createRowComparer } from '#rows';
import { LittleEndianWriter } from './byte-writer';
import { BLOCK, type BlockGrid, blockGrid, findChangedBlocks } from './change-detection';
import { type CopyRect, mergeCopies } from './copy-merge';
import { encodeCopy } from './encodings/copy';
import { CodecError, CodecErrorCode } from './errors';
import { HEADER_LENGTH, OP_CODE } from './format';
import { checkDamage, checkSize, type FrameWords, frameWords } from './frame-input';
import { writeHeader } from './header';
import { blockMoved, blockUnchangedSince, estimateMotion, type Motion } from './motion';
import { writeOpRect } from './op-prefix';
import { PaletteAnalysis } from './palette-analysis';
import { writePixelOp } from './pixel-op';
import type { EncodeHints, Encoder, EncoderOptions, Frame, Rect } from './types';

// Local copy: transpiled test and bench runs turn imported functions into getters, too slow in pixel loops.
const swap = (v: number) => ((v & 0xff) << 16) | (v & 0xff00) | ((v >>> 16) & 0xff);

/** Tiles are 64×64 pixels (4×4 blocks): the largest rectangle one pixel op covers. */
const TILE_BLOCKS = 4;
const TILE = TILE_BLOCKS * BLOCK;
const MAX_COPIES = 0xffff;
/** `motionOf` marker of a block that equals the keyframe picture (a `reference` op). */
const FROM_REFERENCE = 127;
/** Bodies up to this size are deflated at level 6, larger ones at level 1 (a few % more bytes, 2–5× faster). */
const SMALL_BODY = 64 * 1024;

/**
 * Creates an encoder for frames of one size. The first update (and the first after
 * {@link Encoder.resize}) is a keyframe; later ones carry only what changed, as copy ops for
 * moved content and solid / palette / run-length / raw ops per 64×64 tile.
 *
 * @param options - frame size and tuning
 * @returns an encoder; it keeps the last frame and the last keyframe picture (4 bytes per pixel each)
 * @throws {@link CodecError} `CODEC_INVALID_ARGUMENT` for sizes outside 1..65535, more than 8192² pixels, or bad options
 */
export function createEncoder(options: EncoderOptions): Encoder {
  if (options === null || typeof options !== 'object') {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'encoder options must be an object');
  }
  checkSize(options.width, options.height);
  const detectMotion = options.detectMotion ?? true;
  const level = options.deflateLevel ?? 'auto';
  if (level !== 'auto' && !(Number.isInteger(level) && level >= 0 && level <= 9)) {
    throw new CodecError(CodecErrorCode.INVALID_ARGUMENT, 'deflateLevel must be 0..9 or "auto"');
  }

  let width = 0;
  let height = 0;
  let grid: BlockGrid = blockGrid(1, 1);
  let previous = new Uint32Array(0);
  // The frame as the last keyframe sent it (same byte order as `previous`), mirrored by the decoder.
  let reference = new Uint32Array(0);
  let previousRgbOrder = false;
  let changedMask = new Uint8Array(0);
  let motionOf = new Int8Array(0);
  let needsKeyframe = true;
  let recent: Motion[] = [];
  const body = new LittleEndianWriter(1 << 20);
  const scratch = new Uint32Array(TILE * TILE);
  const analysis = new PaletteAnalysis();

  function setSize(w: number, h: number): void {
    width = w;
    height = h;
    grid = blockGrid(w, h);
    previous = new Uint32Array(w * h);
    reference = new Uint32Array(w * h);
    changedMask = new Uint8Array(grid.columns * grid.rows);
    motionOf = new Int8Array(grid.columns * grid.rows);
    needsKeyframe = true;
    recent = [];
  }
  setSize(options.width, options.height);

  function finish(keyframe: boolean, copyCount: number, opCount: number): Uint8Array {
    const raw = body.view();
    const chosenLevel = level === 'auto' ? (raw.length <= SMALL_BODY ? 6 : 1) : level;
    const packed = raw.length > 32 && chosenLevel > 0 ? deflateBackend.deflateRaw(raw, chosenLevel) : undefined;
    const deflated = packed !== undefined && packed.length < raw.length;
    const payload = deflated ? packed : raw;
    const header = new LittleEndianWriter(HEADER_LENGTH);
    writeHeader(header, { keyframe, deflated, width, height, copyCount, opCount, bodyLength: raw.length });
    const update = new Uint8Array(HEADER_LENGTH + payload.length);
    update.set(header.view());
    update.set(payload, HEADER_LENGTH);
    return update;
  }

  function remember(frame: FrameWords, x0: number, y0: number, w: number, h: number): void {
    const { words, stride, rgbOrder } = frame;
    for (let row = y0; row < y0 + h; row++) {
      let o = row * width + x0;
      const start = row * stride + x0;
      const end = start + w;
      if (rgbOrder === previousRgbOrder) {
        previous.set(words.subarray(start, end), o);
      } else {
        for (let i = start; i < end; i++) previous[o++] = swap(words[i]!);
      }
    }
  }

  /** Copies the changed blocks into `previous`, one span per block row (first to last changed block). */
  function rememberChanged(frame: FrameWords, changed: readonly number[]): void {
    let i = 0;
    while (i < changed.length) {
      const by = Math.floor(changed[i]! / grid.columns);
      const first = changed[i]! - by * grid.columns;
      let last = first;
      while (i < changed.length && changed[i]! < (by + 1) * grid.columns) last = changed[i++]! - by * grid.columns;
      const x = first * BLOCK;
      const y = by * BLOCK;
      remember(frame, x, y, Math.min((last + 1) * BLOCK, width) - x, Math.min(BLOCK, height - y));
    }
  }

  function encodeKeyframe(frame: FrameWords): Uint8Array {
    previousRgbOrder = frame.rgbOrder;
    body.reset();
    let ops = 0;
    for (let y = 0; y < height; y += TILE) {
      for (let x = 0; x < width; x += TILE) {
        const rect = { x, y, width: Math.min(TILE, width - x), height: Math.min(TILE, height - y) };
        writePixelOp(body, frame, rect, scratch, analysis);
        ops++;
      }
    }
    remember(frame, 0, 0, width, height);
    reference.set(previous);
    needsKeyframe = false;
    recent = [];
    return finish(true, 0, ops);
  }

  function encodeDelta(frame: FrameWords, damage: readonly Rect[] | undefined): Uint8Array {
    if (frame.rgbOrder !== previousRgbOrder) {
      for (let i = 0; i < previous.length; i++) previous[i] = swap(previous[i]!);
      for (let i = 0; i < reference.length; i++) reference[i] = swap(reference[i]!);
      previousRgbOrder = frame.rgbOrder;
    }
    findChangedBlocks(frame, previous, grid, changedMask, createRowComparer(frame.words, previous), damage);
    const changed: number[] = [];
    for (let i = 0; i < changedMask.length; i++) if (changedMask[i] !== 0) changed.push(i);
    body.reset();
    if (changed.length === 0) return finish(false, 0, 0);

    motionOf.fill(-1);
    const candidates = detectMotion ? estimateMotion(frame, previous, grid, changed, recent) : [];
    if (candidates.length > 0) {
      for (const block of changed) {
        const bx = block % grid.columns;
        const by = (block - bx) / grid.columns;
        for (let m = 0; m < candidates.length; m++) {
          if (blockMoved(frame, previous, grid, bx, by, candidates[m]!)) {
            motionOf[block] = m;
            break;
          }
        }
      }
    }
    for (const block of changed) {
      if (motionOf[block]! >= 0) continue;
      const bx = block % grid.columns;
      if (blockUnchangedSince(frame, reference, grid, bx, (block - bx) / grid.columns))
        motionOf[block] = FROM_REFERENCE;
    }
    const merged = mergeCopies(grid, changed, motionOf);
    const copies = merged.filter((c) => c.motion !== FROM_REFERENCE);
    const fromReference = merged.filter((c) => c.motion === FROM_REFERENCE);
    for (const dropped of copies.splice(MAX_COPIES)) {
      for (let by = dropped.by0; by < dropped.by1; by++) {
        motionOf.fill(-1, by * grid.columns + dropped.bx0, by * grid.columns + dropped.bx1);
      }
    }
    const used = new Set<number>();
    for (const c of copies) {
      const rect = blockRect(c);
      const motion = candidates[c.motion]!;
      writeOpRect(body, OP_CODE.copy, rect);
      encodeCopy(body, rect.x + motion.dx, rect.y + motion.dy);
      used.add(c.motion);
    }
    recent = [...used].map((m) => candidates[m]!).slice(0, 3);

    for (const c of fromReference) {
      const rect = blockRect(c);
      writeOpRect(body, OP_CODE.reference, rect);
      encodeCopy(body, rect.x, rect.y);
    }
    const ops = copies.length + fromReference.length + writeTileOps(frame, changed);
    rememberChanged(frame, changed);
    return finish(false, copies.length, ops);
  }

  function blockRect(c: CopyRect): Rect {
    const x = c.bx0 * BLOCK;
    const y = c.by0 * BLOCK;
    return { x, y, width: Math.min(c.bx1 * BLOCK, width) - x, height: Math.min(c.by1 * BLOCK, height) - y };
  }

  /** One pixel op per tile, covering the tile's changed blocks that no copy explains. */
  function writeTileOps(frame: FrameWords, changed: readonly number[]): number {
    const tileColumns = Math.ceil(grid.columns / TILE_BLOCKS);
    const bounds = new Map<number, [number, number, number, number]>();
    for (const block of changed) {
      if (motionOf[block]! >= 0) continue;
      const bx = block % grid.columns;
      const by = (block - bx) / grid.columns;
      const tile = Math.floor(by / TILE_BLOCKS) * tileColumns + Math.floor(bx / TILE_BLOCKS);
      const box = bounds.get(tile);
      if (box === undefined) bounds.set(tile, [bx, by, bx + 1, by + 1]);
      else {
        box[0] = Math.min(box[0], bx);
        box[2] = Math.max(box[2], bx + 1);
        box[3] = by + 1;
      }
    }
    for (const [bx0, by0, bx1, by1] of bounds.values()) {
      const x = bx0 * BLOCK;
      const y = by0 * BLOCK;
      const rect = { x, y, width: Math.min(bx1 * BLOCK, width) - x, height: Math.min(by1 * BLOCK, height) - y };
      writePixelOp(body, frame, rect, scratch, analysis);
    }
    return bounds.size;
  }

  return {
    get width() {
      return width;
    },
    get height() {
      return height;
    },
    encode(frame: Frame, hints?: EncodeHints): Uint8Array {
      const words = frameWords(frame, width, height);
      if (needsKeyframe) return encodeKeyframe(words);
      return encodeDelta(words, checkDamage(hints));
    },
    keyframe(frame: Frame): Uint8Array {
      return encodeKeyframe(frameWords(frame, width, height));
    },
    resize(w: number, h: number): void {
      checkSize(w, h);
      setSize(w, h);
    },
  };
}
