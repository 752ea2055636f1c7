import type {
  CapturedFrame,
  Desktop,
  DesktopFeatures,
  InputBlockedReason,
  KeyPress,
  PointerButtonName,
} from '../src/desktop';

/** Thrown by the fake keyboard for `F24`, as a platform layer throws for a key it cannot produce. */
export class UnmappedKeyError extends Error {}

/** An in-memory {@link Desktop} that writes down what it was asked to do. */
export interface FakeDesktop extends Desktop {
  /** Every injected action, in order (`move 1,2`, `down left`, `keydown KeyA A shift=true ctrl=false`, …). */
  readonly calls: string[];
  /** How often {@link Desktop.capture} ran. */
  readonly captures: number;
  /** Whether {@link Desktop.close} ran. */
  readonly closed: boolean;
  /** Calls the display-lost listeners. */
  loseDisplay(error: Error): void;
  /** Calls the screen-change listeners (only with `damage`). */
  changeScreen(): void;
  /** Calls the input-blocked listeners, as Windows' probes do. */
  blockInput(reason: InputBlockedReason): void;
}

/**
 * Creates a fake desktop of a solid grey screen.
 *
 * @param options - size, and whether it takes input
 * @returns the fake
 */
export function createFakeDesktop(
  options: { width?: number; height?: number; input?: boolean; damage?: boolean } = {},
): FakeDesktop {
  const width = options.width ?? 64;
  const height = options.height ?? 48;
  const features: DesktopFeatures = {
    capture: 'fake',
    damage: options.damage ?? false,
    cursor: false,
    input: options.input ?? true,
  };
  const calls: string[] = [];
  const lost = new Set<(error: Error) => void>();
  const changes = new Set<() => void>();
  const blocked = new Set<(reason: InputBlockedReason) => void>();
  let captures = 0;
  let closed = false;
  const data = new Uint8Array(width * height * 4).fill(0x80);
  const record = (line: string) => void calls.push(line);
  const pointer = {
    move: (x: number, y: number) => record(`move ${x},${y}`),
    buttonDown: (button: PointerButtonName) => record(`down ${button}`),
    buttonUp: (button: PointerButtonName) => record(`up ${button}`),
    scroll: (dx: number, dy: number) => record(`scroll ${dx},${dy}`),
    releaseAll: () => record('pointer release all'),
  };
  const keyboard = {
    keyDown: (press: KeyPress) => {
      if (press.code === 'F24') throw new UnmappedKeyError('no F24 here');
      record(`keydown ${press.code} ${press.key} shift=${press.shiftKey} ctrl=${press.ctrlKey}`);
    },
    keyUp: (key: Pick<KeyPress, 'code'>) => record(`keyup ${key.code}`),
    releaseAll: () => record('keyboard release all'),
  };
  return {
    width,
    height,
    features,
    pointer: features.input ? pointer : undefined,
    keyboard: features.input ? keyboard : undefined,
    calls,
    get captures() {
      return captures;
    },
    get closed() {
      return closed;
    },
    async capture(): Promise<CapturedFrame> {
      captures++;
      return { frame: { width, height, stride: width * 4, format: 'bgrx', data }, hints: { damage: undefined } };
    },
    takeCursorChange: async () => null,
    pointerPosition: async () => ({ x: 0, y: 0 }),
    onDisplayLost(listener) {
      lost.add(listener);
      return () => lost.delete(listener);
    },
    onInputBlocked(listener) {
      blocked.add(listener);
      return () => blocked.delete(listener);
    },
    ...(features.damage
      ? {
          onScreenChange(listener: () => void) {
            changes.add(listener);
            return () => changes.delete(listener);
          },
        }
      : {}),
    releaseAll: () => record('release all'),
    sync: async () => undefined,
    async close() {
      closed = true;
    },
    changeScreen() {
      for (const listener of changes) listener();
    },
    blockInput(reason) {
      for (const listener of blocked) listener(reason);
    },
    loseDisplay(error) {
      for (const listener of lost) listener(error);
    },
  };
}
