import type { ControlGrantMessage, ControlRequestMessage, ControlRevokeMessage } from '../messages';
import type { PayloadCodec } from './codec-shape';

type EmptyMessage = ControlRequestMessage | ControlGrantMessage | ControlRevokeMessage;

function emptyCodec<M extends EmptyMessage>(type: M['type']): PayloadCodec<M> {
  return {
    size: () => 0,
    write: () => undefined,
    read: () => ({ type }) as M,
  };
}

/** `control-request`: no payload. */
export const controlRequestCodec = emptyCodec<ControlRequestMessage>('control-request');
/** `control-grant`: no payload. */
export const controlGrantCodec = emptyCodec<ControlGrantMessage>('control-grant');
/** `control-revoke`: no payload. */
export const controlRevokeCodec = emptyCodec<ControlRevokeMessage>('control-revoke');
