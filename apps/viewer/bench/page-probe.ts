/**
 * Installed in the agent page before its scripts run (Playwright `addInitScript`): watches
 * the screen canvas and the relay WebSocket without touching the viewer's code.
 *
 * - Every `putImageData` on the screen canvas: when it changed the probe region, the time
 *   and a hash of the region are logged (so the bench can find when a given picture arrived).
 * - Frames are counted as tasks that painted; per frame, the time from the last WebSocket
 *   message's arrival to the first paint (decrypt + decode) and the time spent in
 *   `putImageData` (paint) are kept.
 * - Binary WebSocket bytes and messages are counted (bandwidth on the wire).
 */
export function installPageProbe(): void {
  interface ProbeRegion {
    x: number;
    y: number;
    width: number;
    height: number;
  }
  const now = () => performance.timeOrigin + performance.now();
  const probe = {
    region: undefined as ProbeRegion | undefined,
    lastHash: -1,
    log: [] as Array<{ t: number; hash: number }>,
    frames: 0,
    processingMs: [] as number[],
    paintMs: [] as number[],
    bytes: 0,
    messages: 0,
    lastMessageAt: 0,
    inTask: false,
  };
  (globalThis as unknown as { __probe: typeof probe }).__probe = probe;

  const hashRegion = (context: CanvasRenderingContext2D, region: ProbeRegion) => {
    const data = context.getImageData(region.x, region.y, region.width, region.height).data;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      hash = Math.imul(hash ^ ((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!), 16777619) >>> 0;
    }
    return hash;
  };

  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
    const began = now();
    (put as (...a: unknown[]) => void).apply(this, args);
    if (this.canvas.className !== 'fh-canvas') return;
    const at = now();
    if (!probe.inTask) {
      probe.inTask = true;
      probe.frames++;
      if (probe.lastMessageAt > 0) probe.processingMs.push(began - probe.lastMessageAt);
      probe.paintMs.push(0);
      setTimeout(() => {
        probe.inTask = false;
      }, 0);
    }
    probe.paintMs[probe.paintMs.length - 1]! += at - began;
    const region = probe.region;
    if (!region || this.canvas.width < region.x + region.width || this.canvas.height < region.y + region.height) return;
    const hash = hashRegion(this, region);
    if (hash !== probe.lastHash) {
      probe.lastHash = hash;
      probe.log.push({ t: at, hash });
    }
  } as typeof put;

  const Native = globalThis.WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data === 'string') return;
        probe.bytes += (event.data as ArrayBuffer).byteLength;
        probe.messages++;
        probe.lastMessageAt = now();
      });
    }
  };
}

/** FNV-1a over 0xRRGGBB values, the same hash the page probe computes. */
export function hashPixels(rgb: ArrayLike<number>): number {
  let hash = 2166136261;
  for (let i = 0; i < rgb.length; i++) hash = Math.imul(hash ^ (rgb[i] as number), 16777619) >>> 0;
  return hash;
}
