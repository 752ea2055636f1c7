import { describe, expect, it } from 'vitest';
import { clipRect } from '../src/render/framebuffer';
import { displaySize } from '../src/render/viewport';
import { createStatsMeter } from '../src/stats/stats-meter';
import { formatCountdown, formatDuration, formatFigure, groupSecurityCode, groupSessionNumber } from '../src/ui/format';

describe('format', () => {
  it('groups numbers for reading aloud', () => {
    expect(groupSessionNumber('12345678')).toBe('1234 5678');
    expect(groupSessionNumber('04830192')).toBe('0483 0192');
    expect(groupSecurityCode('123456')).toBe('123 456');
  });

  it('formats durations and countdowns', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(61_999)).toBe('1:01');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatCountdown(600_000, 0)).toBe('10:00');
    expect(formatCountdown(600_000, 1)).toBe('10:00');
    expect(formatCountdown(600_000, 1001)).toBe('9:59');
    expect(formatCountdown(600_000, 700_000)).toBe('0:00');
  });

  it('uses the language decimal separator', () => {
    expect(formatFigure(12.34, 1, 'de')).toBe('12,3');
    expect(formatFigure(12.34, 1, 'en')).toBe('12.3');
  });
});

describe('displaySize', () => {
  it('fits without enlarging', () => {
    expect(displaySize(1920, 1080, 960, 1000, 'fit')).toEqual({ width: 960, height: 540, scale: 0.5 });
    expect(displaySize(800, 600, 1920, 1080, 'fit')).toEqual({ width: 800, height: 600, scale: 1 });
  });

  it('shows one remote pixel per CSS pixel in 1:1', () => {
    expect(displaySize(1920, 1080, 960, 540, '1:1')).toEqual({ width: 1920, height: 1080, scale: 1 });
  });

  it('is empty before the first frame', () => {
    expect(displaySize(0, 0, 960, 540, 'fit')).toEqual({ width: 0, height: 0, scale: 1 });
  });
});

describe('clipRect', () => {
  it('clips to the framebuffer', () => {
    expect(clipRect({ x: -5, y: 2, width: 10, height: 3 }, 100, 100)).toEqual({ x: 0, y: 2, width: 5, height: 3 });
    expect(clipRect({ x: 95, y: 95, width: 10, height: 10 }, 100, 100)).toEqual({ x: 95, y: 95, width: 5, height: 5 });
    expect(clipRect({ x: 100, y: 0, width: 10, height: 10 }, 100, 100)).toBeUndefined();
    expect(clipRect({ x: 0, y: 0, width: 0, height: 10 }, 100, 100)).toBeUndefined();
  });
});

describe('stats meter', () => {
  it('counts frames and bits over a sliding window', () => {
    const meter = createStatsMeter(1000);
    for (let t = 0; t < 1000; t += 100) meter.frame(1000, t);
    const stats = meter.snapshot(999, 0);
    expect(stats.framesPerSecond).toBe(10);
    expect(stats.kilobitsPerSecond).toBe(80);
    expect(stats.durationMs).toBe(999);
    expect(stats.roundTripMs).toBeUndefined();
    expect(meter.snapshot(5000).framesPerSecond).toBe(0);
    expect(meter.snapshot(5000).totalFrames).toBe(10);
  });

  it('keeps the latest round trip and freezes the duration at the end', () => {
    const meter = createStatsMeter();
    meter.rtt(30);
    meter.rtt(24);
    expect(meter.snapshot(10_000, 1000, 4000)).toMatchObject({ roundTripMs: 24, durationMs: 3000 });
    meter.reset();
    expect(meter.snapshot(0)).toMatchObject({ roundTripMs: undefined, totalBytes: 0, durationMs: 0 });
  });
});
