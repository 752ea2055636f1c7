import type { SecureChannel } from './channel';

/** What a side holds once its part of the handshake is done. */
export interface HandshakeResult {
  /** The encrypted channel to the peer. */
  readonly channel: SecureChannel;
  /**
   * The 6-digit security code, formatted "123 456". Show it; the two people compare it by
   * voice before anything is shared. Equal codes mean no relay sits in the middle.
   */
  readonly securityCode: string;
}

/** The guest's result: also the last handshake message, which it must send to the viewer. */
export interface GuestHandshakeResult extends HandshakeResult {
  /** The guest hello to send to the viewer. */
  readonly reply: Uint8Array;
}
