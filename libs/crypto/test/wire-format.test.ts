import { createHash, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createViewerHandshake } from '../src/index';
import { generateKeyPair } from '../src/noise/dh';
import { HandshakeState } from '../src/noise/handshake-state';

// A guest written from docs/protocol.md alone (raw Noise NN + hand-built bytes) talks to the library's viewer.
function documentedPrologue(sessionId: string, commitment: Uint8Array): Uint8Array {
  const id = Buffer.from(sessionId, 'utf8');
  return Buffer.concat([Buffer.from('fernhilfe/channel/v1'), Buffer.from([1, id.length]), id, commitment]);
}

function documentedCode(handshakeHash: Uint8Array): string {
  const okm = Buffer.from(hkdfSync('sha256', handshakeHash, new Uint8Array(0), 'fernhilfe/security-code/v1', 8));
  const digits = String(okm.readBigUInt64BE(0) % 1_000_000n).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

describe('wire format as documented in docs/protocol.md', () => {
  it('interoperates with a guest built from the documentation', () => {
    const sessionId = '12345678';
    const ephemeral = generateKeyPair();
    const commitment = createHash('sha256').update('fernhilfe/commit/v1').update(ephemeral.publicKey).digest();
    const guest = new HandshakeState({
      pattern: 'NN',
      initiator: false,
      prologue: documentedPrologue(sessionId, commitment),
      ephemeralKeyPair: ephemeral,
    });
    const viewer = createViewerHandshake({ sessionId });

    const viewerHello = viewer.start(Buffer.concat([Buffer.from([1, 0x01]), commitment]));
    expect(viewerHello.subarray(0, 2)).toEqual(Uint8Array.of(1, 0x02));
    guest.readMessage(viewerHello.subarray(2));
    const guestHello = Buffer.concat([Buffer.from([1, 0x03]), guest.writeMessage(new Uint8Array(0))]);
    expect(guestHello.length).toBe(50);
    const { channel, securityCode } = viewer.finish(guestHello);
    expect(securityCode).toBe(documentedCode(guest.handshakeHash));

    // Transport: viewer → guest uses k1 with ad = version ‖ kind and counter nonces from 0.
    const { receive, send } = guest.split();
    const frame = channel.seal(Uint8Array.of(0xaa, 0xbb));
    expect(frame.subarray(0, 2)).toEqual(Uint8Array.of(1, 0x10));
    expect(receive.decryptWithAd(frame.subarray(0, 2), frame.subarray(2))).toEqual(Uint8Array.of(0xaa, 0xbb));
    const back = send.encryptWithAd(Uint8Array.of(1, 0x12), new Uint8Array(0));
    expect(channel.open(Buffer.concat([Buffer.from([1, 0x12]), back]))).toEqual({ kind: 'close' });
  });
});
