import type { ConsentScope, EndReason } from '@fernhilfe/session';

/** First message each side sends: what it speaks and, for the guest, its screen size. */
export interface HelloMessage {
  /** Message type. */
  type: 'hello';
  /** Which side sends it. */
  role: 'guest' | 'viewer';
  /** Supported protocol versions (1..maxVersions entries, each 1..65535). */
  versions: number[];
  /** Capability bits, see {@link CAPABILITIES}. */
  capabilities: number;
  /** Guest screen size in pixels (0 × 0 from a viewer). */
  screen: ScreenSize;
}

/** A screen size in pixels. */
export interface ScreenSize {
  /** Width, 0..65535. */
  width: number;
  /** Height, 0..65535. */
  height: number;
}

/** The guest's answer after the security code: consent granted (with scopes) or refused. */
export interface ConsentMessage {
  /** Message type. */
  type: 'consent';
  /** Whether the customer clicked "Ja". */
  granted: boolean;
  /** What was granted: must contain `view` when granted, be empty when refused. */
  scopes: ConsentScope[];
}

/** The viewer asks for mouse and keyboard control. */
export interface ControlRequestMessage {
  /** Message type. */
  type: 'control-request';
}

/** The guest grants control. */
export interface ControlGrantMessage {
  /** Message type. */
  type: 'control-grant';
}

/** Control ends: the guest takes it back (or refuses a request), or the viewer hands it back. */
export interface ControlRevokeMessage {
  /** Message type. */
  type: 'control-revoke';
}

/** One chunk of a screen update: opaque codec bytes. */
export interface ScreenUpdateMessage {
  /** Message type. */
  type: 'screen-update';
  /** Frame the chunk belongs to (u32). */
  frameId: number;
  /** 0-based chunk index, less than `chunkCount`. */
  chunkIndex: number;
  /** Number of chunks of the frame, 1..65535. */
  chunkCount: number;
  /** Codec bytes; when decoded, a view into the received message (no copy). */
  data: Uint8Array;
}

/** Cursor image of a {@link CursorMessage}. */
export interface CursorImage {
  /** Width in pixels, 1..maxCursorSize. */
  width: number;
  /** Height in pixels, 1..maxCursorSize. */
  height: number;
  /** Hotspot column, less than `width`. */
  hotspotX: number;
  /** Hotspot row, less than `height`. */
  hotspotY: number;
  /** `width × height × 4` bytes of straight RGBA, row-major. */
  rgba: Uint8Array;
}

/** Cursor shape and position. */
export interface CursorMessage {
  /** Message type. */
  type: 'cursor';
  /** Shape id (u16); the image is sent when a shape is first used. */
  shapeId: number;
  /** X position in screen pixels (i32). */
  x: number;
  /** Y position in screen pixels (i32). */
  y: number;
  /** The shape's image, when sent. */
  image?: CursorImage;
}

/** Pointer input: position, pressed buttons and wheel steps, in one event. */
export interface PointerMessage {
  /** Message type. */
  type: 'pointer';
  /** X in guest screen pixels (u16). */
  x: number;
  /** Y in guest screen pixels (u16). */
  y: number;
  /** Pressed buttons, bits of {@link POINTER_BUTTONS}. */
  buttons: number;
  /** Horizontal wheel steps (i16). */
  wheelX: number;
  /** Vertical wheel steps (i16). */
  wheelY: number;
}

/** Key input. */
export interface KeyMessage {
  /** Message type. */
  type: 'key';
  /** `true` for key down, `false` for key up. */
  down: boolean;
  /** Modifier bits, see {@link KEY_MODIFIERS}. */
  modifiers: number;
  /** `KeyboardEvent.code` (physical key), ASCII letters and digits. */
  code: string;
  /** `KeyboardEvent.key` (produced value), may be empty. */
  key: string;
}

/** The viewer has received and drawn a frame. */
export interface FrameAckMessage {
  /** Message type. */
  type: 'frame-ack';
  /** The frame (u32). */
  frameId: number;
}

/** Liveness probe inside the channel. */
export interface PingMessage {
  /** Message type. */
  type: 'ping';
  /** Echoed by the pong (u32). */
  id: number;
}

/** Answer to a ping. */
export interface PongMessage {
  /** Message type. */
  type: 'pong';
  /** The ping's id (u32). */
  id: number;
}

/** Either side ends the session. */
export interface EndMessage {
  /** Message type. */
  type: 'end';
  /** Why. */
  reason: EndReason;
}

/**
 * Why the guest's desktop refuses injected input. `@fernhilfe/desktop` declares the same union
 * for its platform layers (its tests keep the two identical).
 */
export type InputBlockedReason =
  /** The foreground window runs with higher rights (Windows UIPI: an elevated window). */
  | 'elevated-window'
  /** A secure desktop is shown (Windows UAC prompt, lock screen, Ctrl+Alt+Del screen). */
  | 'secure-desktop';

/** The guest's desktop refuses the agent's input, so the agent is told instead of clicking into nothing. */
export interface InputBlockedMessage {
  /** Message type. */
  type: 'input-blocked';
  /** Why, see {@link INPUT_BLOCKED_REASON_CODES}. */
  reason: InputBlockedReason;
}

/** Every support-protocol message, discriminated by `type` (a key of {@link MESSAGE_TYPES}). */
export type SessionMessage =
  | HelloMessage
  | ConsentMessage
  | ControlRequestMessage
  | ControlGrantMessage
  | ControlRevokeMessage
  | ScreenUpdateMessage
  | CursorMessage
  | PointerMessage
  | KeyMessage
  | FrameAckMessage
  | PingMessage
  | PongMessage
  | EndMessage
  | InputBlockedMessage;
