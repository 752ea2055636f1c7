import WebSocket from 'ws';
import {
  GOING_AWAY_CLOSE_CODE,
  NORMAL_CLOSE_CODE,
  TransportCloseCode,
  TransportError,
  TransportErrorCode,
} from '#errors';
import type { CloseInfo, Connection, ConnectionMessage, ResolvedConnectionLimits } from '../connection';
import { encodeControlMessage } from '../control-message-codec';
import { wrapWsSocket } from '../ws-connection';
import { BRIDGE_HEADER, BRIDGE_SUBPROTOCOL } from './bridge-auth';

const PEER_LEFT_CLOSE = TransportCloseCode[TransportErrorCode.PEER_LEFT];

// Masking guards browsers' intermediaries against frames a page chose; a bridge carries only
// sealed bytes between two authenticated nodes. An all-zero key makes `ws` skip the XOR on both
// ends, two passes over every forwarded byte.
const unmaskedFrames = (mask: Uint8Array) => mask.fill(0);

/**
 * Opens the node-to-node connection to the hosting node's relay endpoint.
 *
 * @param url - the host's advertised relay URL
 * @param header - the signed hello (see `signBridgeHello`)
 * @param limits - the relay's connection limits (message size, queue, heartbeats)
 * @param timeoutMs - handshake timeout
 * @returns the open bridge
 * @throws {@link TransportError} `TRANSPORT_CONNECT_FAILED` when the host cannot be reached or refuses
 */
export function openBridge(
  url: string,
  header: string,
  limits: ResolvedConnectionLimits,
  timeoutMs: number,
): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, [BRIDGE_SUBPROTOCOL], {
      headers: { [BRIDGE_HEADER]: header },
      maxPayload: limits.maxMessageBytes,
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
      generateMask: unmaskedFrames,
    });
    const fail = (cause: Error) => {
      socket.terminate();
      reject(new TransportError(TransportErrorCode.CONNECT_FAILED, 'the hosting node cannot be reached', { cause }));
    };
    socket.once('error', fail);
    socket.once('unexpected-response', (_request, response) => fail(new Error(`HTTP ${response.statusCode}`)));
    socket.once('open', () => {
      socket.off('error', fail);
      resolve(wrapWsSocket(socket, limits));
    });
  });
}

/** The close a side of the pipe passes on: the same code when it is one a peer may send, else "peer lost". */
function passedOn(info: CloseInfo): { code: number; reason: string; vanished: boolean } {
  const sendable =
    info.code === NORMAL_CLOSE_CODE || info.code === GOING_AWAY_CLOSE_CODE || (info.code >= 4000 && info.code < 5000);
  return !info.error && sendable
    ? { code: info.code, reason: info.reason, vanished: false }
    : { code: PEER_LEFT_CLOSE, reason: 'peer-lost', vanished: true };
}

function forward(source: Connection, target: Connection, message: ConnectionMessage, maxBufferedBytes: number): void {
  const sent = target.send(message);
  if (target.bufferedAmount > maxBufferedBytes) {
    source.pause();
    sent.then(
      () => source.resume(),
      () => undefined,
    );
  } else {
    sent.catch(() => undefined);
  }
}

/**
 * Joins a guest connection on the entry node to its bridge to the hosting node: every message is
 * passed on verbatim both ways (the host's relay core does the session's work), reading from
 * one side stops while more than `maxBufferedBytes` wait for the other, and a close on one side
 * closes the other with the same code, or with "peer lost" (`peer-left`, `end peer-lost`, 4015)
 * when a side vanished, e.g. the hosting node died.
 *
 * @param guest - the guest's connection to this node
 * @param bridge - the open bridge to the host
 * @param maxBufferedBytes - per-direction cap before the other side is paused
 * @returns resolves once both sides are closed
 */
export async function pipeBridge(guest: Connection, bridge: Connection, maxBufferedBytes: number): Promise<void> {
  guest.onMessage((message) => forward(guest, bridge, message, maxBufferedBytes));
  bridge.onMessage((message) => forward(bridge, guest, message, maxBufferedBytes));
  void guest.closed.then((info) => {
    const { code, reason } = passedOn(info);
    bridge.close(code, reason);
  });
  void bridge.closed.then((info) => {
    const { code, reason, vanished } = passedOn(info);
    if (vanished && guest.isOpen) {
      guest.resume();
      guest.send(encodeControlMessage({ type: 'peer-left' })).catch(() => undefined);
      guest.send(encodeControlMessage({ type: 'end', reason: 'peer-lost' })).catch(() => undefined);
    }
    guest.resume();
    guest.close(code, reason);
  });
  await Promise.all([guest.closed, bridge.closed]);
}
