import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `ffmpeg` and `ffprobe` (with libx264) can be run. */
export function x264Available(): boolean {
  const ffmpeg = spawnSync('ffmpeg', ['-hide_banner', '-encoders'], { encoding: 'utf8' });
  const ffprobe = spawnSync('ffprobe', ['-version'], { stdio: 'ignore' });
  return !ffmpeg.error && ffmpeg.status === 0 && ffmpeg.stdout.includes('libx264') && ffprobe.status === 0;
}

/**
 * Encodes BGRX frames with x264 (ultrafast, zerolatency, crf 23, the settings quoted in the
 * issue; lossy, 4:2:0) and returns the size of every packet in bytes, in frame order.
 */
export function x264PacketSizes(frames: readonly Uint8Array[], width: number, height: number, fps: number): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'fernhilfe-x264-'));
  try {
    const out = join(dir, 'scene.nut');
    const encode = spawnSync(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'bgr0'],
        ...['-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0'],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-crf', '23', '-f', 'nut', out],
      ],
      { input: Buffer.concat(frames), maxBuffer: 1 << 20 },
    );
    if (encode.status !== 0) throw new Error(`ffmpeg failed: ${encode.stderr}`);
    const probe = spawnSync(
      'ffprobe',
      ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=size', '-of', 'csv=p=0', out],
      { encoding: 'utf8' },
    );
    if (probe.status !== 0) throw new Error(`ffprobe failed: ${probe.stderr}`);
    return probe.stdout
      .trim()
      .split('\n')
      .map((line) => Number(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
