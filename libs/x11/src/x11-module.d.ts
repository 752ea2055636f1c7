// Types for the parts of the untyped `x11` package (4.2.2) that the guest uses. Shapes
// follow node_modules/x11/docs and lib/ (corereqs.js, ext/*.js, handshake.js).
declare module 'x11' {
  /** Error object the library hands to callbacks or emits as `'error'`. */
  export interface XError extends Error {
    error?: number;
    seq?: number;
    badParam?: number;
    majorOpcode?: number;
    minorOpcode?: number;
    code?: string;
  }

  /** Callbacks may return `true` to mark an X error as handled. */
  export type XCallback<T> = (err: XError | null | undefined, result: T) => unknown;
  export type XVoidCallback = (err: XError | null | undefined) => unknown;

  export interface XVisual {
    vid: number;
    class: number;
    bits_per_rgb: number;
    map_ent: number;
    red_mask: number;
    green_mask: number;
    blue_mask: number;
  }

  export interface XScreen {
    root: number;
    white_pixel: number;
    black_pixel: number;
    pixel_width: number;
    pixel_height: number;
    root_visual: number;
    root_depth: number;
    depths: Record<number, Record<number, XVisual>>;
  }

  export interface XPixmapFormat {
    bits_per_pixel: number;
    scanline_pad: number;
  }

  export interface XDisplay {
    client: XClient;
    screen: XScreen[];
    min_keycode: number;
    max_keycode: number;
    /** 0 LSBFirst, 1 MSBFirst: byte order of pixels in GetImage/PutImage. */
    image_byte_order: number;
    format: Record<number, XPixmapFormat>;
    isLocalSocket: boolean;
    max_request_length?: number;
  }

  /** Every event carries `name`, `type` and `seq`; the other fields depend on `name`. */
  export interface XEvent {
    name: string;
    type: number;
    seq: number;
    [field: string]: unknown;
  }

  export interface QueryPointerReply {
    sameScreen: number;
    root: number;
    child: number;
    rootX: number;
    rootY: number;
    childX: number;
    childY: number;
    keyMask: number;
  }

  export interface GetImageReply {
    depth: number;
    visualId: number;
    data: Buffer;
  }

  export interface ShmSegment {
    shmseg: number;
    size: number;
    buffer: Buffer;
    zeroCopy: boolean;
    getImage(
      drawable: number,
      x: number,
      y: number,
      width: number,
      height: number,
      planeMask: number,
      format: number | undefined,
      offset: number,
      cb: XCallback<{ depth: number; visual: number; size: number }>,
    ): void;
    detach(cb?: () => void): void;
  }

  export interface ShmExtension {
    major: number;
    minor: number;
    ImageFormat: { XYBitmap: 0; XYPixmap: 1; ZPixmap: 2 };
    usable(cb: XCallback<boolean>): void;
    createSegment(size: number, cb: XCallback<ShmSegment>): void;
  }

  export interface DamageExtension {
    major: number;
    minor: number;
    ReportLevel: { RawRectangles: 0; DeltaRectangles: 1; BoundingBox: 2; NonEmpty: 3 };
    Create(damage: number, drawable: number, reportLevel: number): void;
    Destroy(damage: number): void;
    Subtract(damage: number, repair: number, parts: number): void;
  }

  export interface CursorImageReply {
    x: number;
    y: number;
    width: number;
    height: number;
    xhot: number;
    yhot: number;
    cursorSerial: number;
    /** width * height packed ARGB32 words (connection byte order), premultiplied alpha. */
    cursorImage: Buffer;
  }

  export interface FixesExtension {
    major: number;
    minor: number;
    CursorNotifyMask: { DisplayCursor: 1 };
    SelectCursorInput(window: number, eventMask: number): void;
    GetCursorImage(cb: XCallback<CursorImageReply>): void;
  }

  export interface XTestExtension {
    KeyPress: 2;
    KeyRelease: 3;
    ButtonPress: 4;
    ButtonRelease: 5;
    MotionNotify: 6;
    FakeInput(type: number, detail: number, time: number, window: number, x: number, y: number): void;
  }

  export interface XkbExtension {
    UseCoreKbd: number;
    ModMask: { Lock: number };
    EventType: { StateNotify: number };
    SelectEvents(
      deviceSpec: number,
      affectWhich: number,
      clear: number,
      selectAll: number,
      affectMap: number,
      map: number,
      details?: Record<string, [number, number]>,
    ): void;
  }

  export interface XClient {
    AllocID(): number;
    ReleaseID(id: number): void;
    require(name: 'shm', cb: XCallback<ShmExtension>): void;
    require(name: 'damage', cb: XCallback<DamageExtension>): void;
    require(name: 'fixes', cb: XCallback<FixesExtension>): void;
    require(name: 'xtest', cb: XCallback<XTestExtension>): void;
    require(name: 'xkb', cb: XCallback<XkbExtension>): void;
    on(event: 'event', listener: (event: XEvent) => void): this;
    on(event: 'error', listener: (error: XError) => void): this;
    on(event: 'end' | 'close', listener: () => void): this;
    removeListener(event: 'event', listener: (event: XEvent) => void): this;
    removeListener(event: 'error', listener: (error: XError) => void): this;
    removeListener(event: 'end' | 'close', listener: () => void): this;
    sync(cb: XVoidCallback): void;
    terminate(): void;
    close(cb?: () => void): void;
    GetImage(
      format: number,
      drawable: number,
      x: number,
      y: number,
      width: number,
      height: number,
      planeMask: number,
      cb: XCallback<GetImageReply>,
    ): void;
    QueryPointer(window: number, cb: XCallback<QueryPointerReply>): void;
    QueryKeymap(cb: XCallback<Buffer>): void;
    GetKeyboardMapping(firstKeycode: number, count: number, cb: XCallback<number[][]>): void;
    GetModifierMapping(cb: XCallback<number[][]>): void;
    ChangeKeyboardMapping(firstKeycode: number, keysymsPerKeycode: number, keysyms: number[]): void;
    CreateWindow(
      id: number,
      parent: number,
      x: number,
      y: number,
      width: number,
      height: number,
      borderWidth?: number,
      depth?: number,
      windowClass?: number,
      visual?: number,
      values?: Record<string, number>,
    ): void;
    ChangeWindowAttributes(window: number, values: Record<string, number>): void;
    MapWindow(window: number): void;
    DestroyWindow(window: number): void;
    CreatePixmap(id: number, drawable: number, depth: number, width: number, height: number): void;
    FreePixmap(id: number): void;
    CreateGC(id: number, drawable: number, values: Record<string, number>): void;
    FreeGC(id: number): void;
    PolyFillRectangle(drawable: number, gc: number, coords: number[]): void;
    CreateCursor(
      id: number,
      source: number,
      mask: number,
      fore: { R: number; G: number; B: number },
      back: { R: number; G: number; B: number },
      x: number,
      y: number,
    ): void;
    FreeCursor(id: number): void;
  }

  export interface CreateClientOptions {
    display?: string;
    shm?: boolean | 'off';
    disableBigRequests?: boolean;
  }

  export function createClient(
    options: CreateClientOptions,
    callback: (err: XError | null | undefined, display: XDisplay) => void,
  ): XClient;

  export function parseDisplay(display: string): {
    display: string;
    protocol: string;
    host: string;
    displayNum: string;
    screenNum: string;
  };

  const x11: {
    createClient: typeof createClient;
    parseDisplay: typeof parseDisplay;
  };
  export default x11;
}
