/**
 * @packageDocumentation
 * `@fernhilfe/call`: one support call between a guest and a viewer over any paired byte
 * channel. The support protocol spoken inside the encrypted channel (message types and their
 * binary encoding), the guest and viewer call drivers (handshake, consent, frames with acks,
 * control, end) and the guest's permission gate. Builds on `@fernhilfe/session` (lifecycle,
 * end reasons, consent scopes) and `@fernhilfe/crypto` (the end-to-end channel); the
 * relay needs none of it.
 *
 * Browser-safe: nothing here imports `node:*`.
 *
 * @example
 * ```ts
 * import { attachCall, createGuestCall } from '@fernhilfe/call';
 *
 * // `channel`: the guest's paired relay channel (`createGuestClient` of `@fernhilfe/transport`)
 * const { call, closed } = attachCall('guest', channel, (send) =>
 *   createGuestCall({ sessionId: channel.peer.sessionId, screen: { width: 1920, height: 1080 }, send }),
 * );
 * call.on('security-code', (code) => show(code));
 * await call.start();
 * const { reason, by } = await closed; // the channel is closed as well
 * ```
 */

export {
  type AttachableCall,
  type AttachCallOptions,
  type AttachedCall,
  attachCall,
  type CallChannel,
  DEFAULT_CLOSE_GRACE_MS,
  relayEndReason,
} from './attach-call';
export type {
  CallEnded,
  CallStats,
  CoreCallEvents,
  EndedBy,
  SupportCall,
} from './call-core';
export { type CallOptions, type CallTimers, SUPPORT_PROTOCOL_VERSION } from './call-options';
export { CallError, CallErrorCode, CallProtocolError } from './errors';
export type { AssembledFrame, ReceivedFrame } from './frame-assembler';
export {
  createGuestCall,
  type GuestCall,
  type GuestCallEvents,
  type GuestCallOptions,
  type GuestCursor,
} from './guest-call';
export type { Unsubscribe } from './listeners';
export { DEFAULT_PROTOCOL_LIMITS, type ProtocolLimits } from './protocol/limits';
export { decodeMessage, encodeMessage, type MessageAllocator } from './protocol/message-codec';
export {
  CAPABILITIES,
  END_REASON_CODES,
  type FieldLayout,
  INPUT_BLOCKED_REASON_CODES,
  KEY_MODIFIERS,
  MESSAGE_TYPE_NAMES,
  MESSAGE_TYPES,
  type MessageDirection,
  type MessageTypeEntry,
  type MessageTypeName,
  messageTypeName,
  POINTER_BUTTONS,
} from './protocol/message-types';
export type {
  ConsentMessage,
  ControlGrantMessage,
  ControlRequestMessage,
  ControlRevokeMessage,
  CursorImage,
  CursorMessage,
  EndMessage,
  FrameAckMessage,
  HelloMessage,
  InputBlockedMessage,
  InputBlockedReason,
  KeyMessage,
  PingMessage,
  PointerMessage,
  PongMessage,
  ScreenSize,
  ScreenUpdateMessage,
  SessionMessage,
} from './protocol/messages';
export {
  createPermissionGate,
  type GateBlock,
  type GateDecision,
  type GatePass,
  type GateRefusal,
  type GateRefusalReason,
  type PermissionGate,
  type PermissionGateOptions,
} from './protocol/permission-gate';
export type { SendBytes } from './secure-link';
export {
  createViewerCall,
  type GuestInfo,
  type ViewerCall,
  type ViewerCallEvents,
  type ViewerCallOptions,
} from './viewer-call';
