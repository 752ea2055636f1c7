import type { EndReason } from '@fernhilfe/session';
import type { InputBlockedReason } from './messages';

/** Who may send a message: the guest, the viewer, or either. */
export type MessageDirection = 'guest→viewer' | 'viewer→guest' | 'both';

/** One field of a message layout, as documented in docs/protocol.md. */
export interface FieldLayout {
  /** Field name, as in the decoded message object. */
  readonly name: string;
  /** Wire type: `u8`, `u16`, `u32`, `i16`, `i32` (big-endian) or a described byte run. */
  readonly wire: string;
  /** Meaning and allowed range. */
  readonly note: string;
}

/** One row of {@link MESSAGE_TYPES}. */
export interface MessageTypeEntry {
  /** Type number on the wire (first byte of the message); never reused. */
  readonly id: number;
  /** Who may send it. */
  readonly direction: MessageDirection;
  /** Whether it is input, admitted by the guest only while control is granted. */
  readonly input: boolean;
  /** Byte layout of the payload after the type byte, in order. */
  readonly layout: readonly FieldLayout[];
}

/** Name of a support-protocol message type, e.g. `'screen-update'`. */
export type MessageTypeName =
  | 'hello'
  | 'consent'
  | 'control-request'
  | 'control-grant'
  | 'control-revoke'
  | 'screen-update'
  | 'cursor'
  | 'pointer'
  | 'key'
  | 'frame-ack'
  | 'ping'
  | 'pong'
  | 'end'
  | 'input-blocked';

/**
 * The support-protocol schema: every message type, its number on the wire, who sends it,
 * whether it is input (and so passes the guest's {@link PermissionGate} only while control is
 * granted) and its byte layout after the 1-byte type. All integers are big-endian.
 *
 * Numbers are never reused; a retired message stays listed. There is no message for files or
 * clipboard, and none may be added without a consent scope for it.
 */
export const MESSAGE_TYPES: Readonly<Record<MessageTypeName, MessageTypeEntry>> = {
  hello: {
    id: 1,
    direction: 'both',
    input: false,
    layout: [
      { name: 'role', wire: 'u8', note: '1 = guest, 2 = viewer' },
      {
        name: 'versions',
        wire: 'u8 count, then count × u16',
        note: 'supported protocol versions, 1..maxVersions entries, each ≥ 1',
      },
      {
        name: 'capabilities',
        wire: 'u32',
        note: 'bit set, see CAPABILITIES; unknown bits are ignored by the receiver',
      },
      { name: 'screen.width', wire: 'u16', note: 'guest screen width in pixels (0 for a viewer)' },
      { name: 'screen.height', wire: 'u16', note: 'guest screen height in pixels (0 for a viewer)' },
    ],
  },
  consent: {
    id: 2,
    direction: 'guest→viewer',
    input: false,
    layout: [
      { name: 'granted', wire: 'u8', note: '0 = refused, 1 = granted' },
      {
        name: 'scopes',
        wire: 'u8',
        note: 'bit 0 view, bit 1 control; granted needs view, refused carries 0; other bits invalid',
      },
    ],
  },
  'control-request': { id: 3, direction: 'viewer→guest', input: false, layout: [] },
  'control-grant': { id: 4, direction: 'guest→viewer', input: false, layout: [] },
  'control-revoke': { id: 5, direction: 'both', input: false, layout: [] },
  'screen-update': {
    id: 6,
    direction: 'guest→viewer',
    input: false,
    layout: [
      { name: 'frameId', wire: 'u32', note: 'frame this chunk belongs to' },
      { name: 'chunkIndex', wire: 'u16', note: '0-based, < chunkCount' },
      { name: 'chunkCount', wire: 'u16', note: '≥ 1' },
      {
        name: 'data',
        wire: 'u32 length, then length bytes',
        note: 'opaque codec bytes (libs/codec), length ≤ maxChunkBytes',
      },
    ],
  },
  cursor: {
    id: 7,
    direction: 'guest→viewer',
    input: false,
    layout: [
      {
        name: 'shapeId',
        wire: 'u16',
        note: 'identifies the cursor shape; an image is sent the first time a shape is used',
      },
      { name: 'x', wire: 'i32', note: 'cursor position in screen pixels' },
      { name: 'y', wire: 'i32', note: 'cursor position in screen pixels' },
      { name: 'image?', wire: 'u8 flag', note: '0 = no image follows, 1 = image follows' },
      { name: 'image.width', wire: 'u16', note: '1..maxCursorSize' },
      { name: 'image.height', wire: 'u16', note: '1..maxCursorSize' },
      { name: 'image.hotspotX', wire: 'u16', note: '< width' },
      { name: 'image.hotspotY', wire: 'u16', note: '< height' },
      { name: 'image.rgba', wire: 'width × height × 4 bytes', note: 'straight RGBA, row-major' },
    ],
  },
  pointer: {
    id: 8,
    direction: 'viewer→guest',
    input: true,
    layout: [
      { name: 'x', wire: 'u16', note: 'position in guest screen pixels' },
      { name: 'y', wire: 'u16', note: 'position in guest screen pixels' },
      { name: 'buttons', wire: 'u8', note: 'pressed buttons, see POINTER_BUTTONS (bits 0–4); other bits invalid' },
      { name: 'wheelX', wire: 'i16', note: 'horizontal wheel steps since the last event' },
      { name: 'wheelY', wire: 'i16', note: 'vertical wheel steps since the last event' },
    ],
  },
  key: {
    id: 9,
    direction: 'viewer→guest',
    input: true,
    layout: [
      { name: 'down', wire: 'u8', note: '1 = key down, 0 = key up' },
      { name: 'modifiers', wire: 'u8', note: 'see KEY_MODIFIERS (bits 0–3); other bits invalid' },
      { name: 'code', wire: 'u8 length, then ASCII', note: 'KeyboardEvent.code, 1..maxKeyCodeBytes of [A-Za-z0-9]' },
      { name: 'key', wire: 'u8 length, then UTF-8', note: 'KeyboardEvent.key, 0..maxKeyBytes bytes of valid UTF-8' },
    ],
  },
  'frame-ack': {
    id: 10,
    direction: 'viewer→guest',
    input: false,
    layout: [{ name: 'frameId', wire: 'u32', note: 'last frame fully received and drawn' }],
  },
  ping: { id: 11, direction: 'both', input: false, layout: [{ name: 'id', wire: 'u32', note: 'echoed by pong' }] },
  pong: {
    id: 12,
    direction: 'both',
    input: false,
    layout: [{ name: 'id', wire: 'u32', note: 'id of the ping answered' }],
  },
  end: {
    id: 13,
    direction: 'both',
    input: false,
    layout: [{ name: 'reason', wire: 'u8', note: 'end reason code, see END_REASON_CODES' }],
  },
  'input-blocked': {
    id: 14,
    direction: 'guest→viewer',
    input: false,
    layout: [{ name: 'reason', wire: 'u8', note: '1 = elevated-window, 2 = secure-desktop; other values invalid' }],
  },
};

/** Every message type name, in type-number order. */
export const MESSAGE_TYPE_NAMES = (Object.keys(MESSAGE_TYPES) as MessageTypeName[]).sort(
  (a, b) => MESSAGE_TYPES[a].id - MESSAGE_TYPES[b].id,
);

const NAME_BY_ID = new Map<number, MessageTypeName>(MESSAGE_TYPE_NAMES.map((name) => [MESSAGE_TYPES[name].id, name]));

/**
 * @param id - a type number from the wire
 * @returns the message type name, or `undefined` for an unknown number
 */
export function messageTypeName(id: number): MessageTypeName | undefined {
  return NAME_BY_ID.get(id);
}

/** Capability bits of `hello.capabilities`. */
export const CAPABILITIES = {
  /** The guest can apply pointer and key input. */
  control: 1 << 0,
  /** The guest sends cursor images; the viewer can draw them. */
  cursorImage: 1 << 1,
  /** The sender uses frame acks for flow control. */
  frameAck: 1 << 2,
} as const;

/** Button bits of `pointer.buttons`. */
export const POINTER_BUTTONS = {
  /** Primary button. */
  left: 1,
  /** Middle button / wheel click. */
  middle: 2,
  /** Secondary button. */
  right: 4,
  /** Browser back (button 4). */
  back: 8,
  /** Browser forward (button 5). */
  forward: 16,
} as const;

/** Modifier bits of `key.modifiers`. */
export const KEY_MODIFIERS = {
  /** Shift held. */
  shift: 1,
  /** Control held. */
  control: 2,
  /** Alt (Option) held. */
  alt: 4,
  /** Meta (Windows / Command) held. */
  meta: 8,
} as const;

/** Wire codes of end reasons in the `end` message. Codes are never reused. */
export const END_REASON_CODES: Readonly<Record<EndReason, number>> = {
  'guest-ended': 1,
  'agent-ended': 2,
  'guest-window-closed': 3,
  expired: 4,
  'consent-refused': 5,
  'security-code-mismatch': 6,
  'peer-lost': 7,
  'protocol-error': 8,
  'relay-shutdown': 9,
  interrupted: 10,
};

/**
 * Wire codes of the reasons in the `input-blocked` message: why the guest's desktop refuses
 * injected input. Codes are never reused.
 */
export const INPUT_BLOCKED_REASON_CODES: Readonly<Record<InputBlockedReason, number>> = {
  'elevated-window': 1,
  'secure-desktop': 2,
};
