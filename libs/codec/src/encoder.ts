import { createRowComparer } from '#rows';
import { findBlockSources } from './block-sources';
import { LittleEndianWriter } from './byte-writer';
import { findChangedBlocks } from './change-detection';
import { writeCopyOps } from './copy-ops';
import { resolveEncoderOptions } from './encoder-options';
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
  const { detectMotion, deflateLevel } = resolveEncoderOptions(options);
  const memory = new FrameMemory();
  const body = new LittleEndianWriter(1 << 20);
  const scratch = createPixelOpScratch();
  let changedMask = new Uint8Array(0);
  let motionOf = new Int8Array(0);
  let needsKeyframe = true;
  /** Motions the last update used: tried first on the next frame. */
  let recent: Motion[] = [];

  function setSize(width: number, height: number): void {
    memory.resize(width, height);
    changedMask = new Uint8Array(memory.grid.columns * memory.grid.rows);
    motionOf = new Int8Array(memory.grid.columns * memory.grid.rows);
    needsKeyframe = true;
    recent = [];
  }
  setSize(options.width, options.height);

  const finish = (keyframe: boolean, copyCount: number, opCount: number) =>
    packUpdate(body.view(), deflateLevel, {
      keyframe,
      width: memory.grid.width,
      height: memory.grid.height,
      copyCount,
      opCount,
    });

  function encodeKeyframe(frame: FrameWords): Uint8Array {
    body.reset();
    const ops = writeKeyframeOps(body, frame, memory.grid, scratch);
    memory.rememberKeyframe(frame);
    needsKeyframe = false;
    recent = [];
    return finish(true, 0, ops);
  }

  function changedBlocks(frame: FrameWords, damage: readonly Rect[] | undefined): number[] {
    const { grid, previous } = memory;
    findChangedBlocks(frame, previous, grid, changedMask, createRowComparer(frame.words, previous), damage);
    const changed: number[] = [];
    for (let i = 0; i < changedMask.length; i++) if (changedMask[i] !== 0) changed.push(i);
    return changed;
  }

  function encodeDelta(frame: FrameWords, damage: readonly Rect[] | undefined): Uint8Array {
    memory.matchOrder(frame);
    const changed = changedBlocks(frame, damage);
    body.reset();
    if (changed.length === 0) return finish(false, 0, 0);
    const { grid, previous } = memory;
    const candidates = detectMotion ? estimateMotion(frame, previous, grid, changed, recent) : [];
    findBlockSources(frame, memory, changed, candidates, motionOf);
    const written = writeCopyOps(body, grid, changed, motionOf, candidates);
    recent = written.used;
    const ops = written.copies + written.references + writeTileOps(body, frame, grid, changed, motionOf, scratch);
    memory.rememberChanged(frame, changed);
    return finish(false, written.copies, ops);
  }

  return {
    get width() {
      return memory.grid.width;
    },
    get height() {
      return memory.grid.height;
    },
    encode(frame: Frame, hints?: EncodeHints): Uint8Array {
      const words = frameWords(frame, memory.grid.width, memory.grid.height);
      if (needsKeyframe) return encodeKeyframe(words);
      return encodeDelta(words, checkDamage(hints));
    },
    keyframe(frame: Frame): Uint8Array {
      return encodeKeyframe(frameWords(frame, memory.grid.width, memory.grid.height));
    },
    resize(width: number, height: number): void {
      checkSize(width, height);
      setSize(width, height);
    },
  };
}
