import { createRowComparer } from '#rows';
import { findBlockSources } from './block-sources';
import { LittleEndianWriter } from './byte-writer';
import { findChangedBlocks } from './change-detection';
import { writeCopyOps } from './copy-ops';
import { type ResolvedEncoderOptions, resolveEncoderOptions } from './encoder-options';
import { checkDamage, checkSize, type FrameWords, frameWords } from './frame-input';
import { FrameMemory } from './frame-memory';
import { estimateMotion, type Motion } from './motion';
import { createPixelOpScratch, writeKeyframeOps, writeTileOps } from './tile-ops';
import type { EncodeHints, Encoder, EncoderOptions, Frame, Rect } from './types';
import { packUpdate } from './update-packer';

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
  return new BlockEncoder(resolveEncoderOptions(options));
}

/** The steps of one update: changed blocks, their sources, copy ops, tile ops, packing. */
class BlockEncoder implements Encoder {
  readonly #detectMotion: boolean;
  readonly #deflateLevel: number | 'auto';
  readonly #memory = new FrameMemory();
  readonly #body = new LittleEndianWriter(1 << 20);
  readonly #scratch = createPixelOpScratch();
  #changedMask = new Uint8Array(0);
  #motionOf = new Int8Array(0);
  #needsKeyframe = true;
  /** Motions the last update used: tried first on the next frame. */
  #recent: Motion[] = [];

  constructor(options: ResolvedEncoderOptions) {
    this.#detectMotion = options.detectMotion;
    this.#deflateLevel = options.deflateLevel;
    this.#setSize(options.width, options.height);
  }

  get width(): number {
    return this.#memory.grid.width;
  }

  get height(): number {
    return this.#memory.grid.height;
  }

  encode(frame: Frame, hints?: EncodeHints): Uint8Array {
    const words = frameWords(frame, this.width, this.height);
    if (this.#needsKeyframe) return this.#encodeKeyframe(words);
    return this.#encodeDelta(words, checkDamage(hints));
  }

  keyframe(frame: Frame): Uint8Array {
    return this.#encodeKeyframe(frameWords(frame, this.width, this.height));
  }

  resize(width: number, height: number): void {
    checkSize(width, height);
    this.#setSize(width, height);
  }

  #setSize(width: number, height: number): void {
    this.#memory.resize(width, height);
    const { columns, rows } = this.#memory.grid;
    this.#changedMask = new Uint8Array(columns * rows);
    this.#motionOf = new Int8Array(columns * rows);
    this.#needsKeyframe = true;
    this.#recent = [];
  }

  #encodeKeyframe(frame: FrameWords): Uint8Array {
    this.#body.reset();
    const ops = writeKeyframeOps(this.#body, frame, this.#memory.grid, this.#scratch);
    this.#memory.rememberKeyframe(frame);
    this.#needsKeyframe = false;
    this.#recent = [];
    return this.#finish(true, 0, ops);
  }

  #encodeDelta(frame: FrameWords, damage: readonly Rect[] | undefined): Uint8Array {
    const memory = this.#memory;
    memory.matchOrder(frame);
    const changed = this.#changedBlocks(frame, damage);
    this.#body.reset();
    if (changed.length === 0) return this.#finish(false, 0, 0);
    const { grid, previous } = memory;
    const candidates = this.#detectMotion ? estimateMotion(frame, previous, grid, changed, this.#recent) : [];
    findBlockSources(frame, memory, changed, candidates, this.#motionOf);
    const written = writeCopyOps(this.#body, grid, changed, this.#motionOf, candidates);
    this.#recent = written.used;
    const tiles = writeTileOps(this.#body, frame, previous, grid, changed, this.#motionOf, this.#scratch);
    memory.rememberChanged(frame, changed);
    return this.#finish(false, written.copies, written.copies + written.references + tiles);
  }

  /** @returns the indices of the blocks that differ from the previous frame, in raster order */
  #changedBlocks(frame: FrameWords, damage: readonly Rect[] | undefined): number[] {
    const { grid, previous } = this.#memory;
    const mask = this.#changedMask;
    findChangedBlocks(frame, previous, grid, mask, createRowComparer(frame.words, previous), damage);
    const changed: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) changed.push(i);
    return changed;
  }

  #finish(keyframe: boolean, copyCount: number, opCount: number): Uint8Array {
    const { width, height } = this.#memory.grid;
    return packUpdate(this.#body.view(), this.#deflateLevel, { keyframe, width, height, copyCount, opCount });
  }
}
