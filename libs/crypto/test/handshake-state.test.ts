import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heavyRuns } from '../../../scripts/fast-check-runs';
import { generateKeyPair } from '../src/noise/dh';
import { HandshakeState, MAX_NOISE_MESSAGE } from '../src/noise/handshake-state';
import { codeOf } from './handshake-pair';

const empty = new Uint8Array(0);

function xxPair() {
  const initiatorStatic = generateKeyPair();
  const responderStatic = generateKeyPair();
  return {
    initiatorStatic,
    responderStatic,
    initiator: new HandshakeState({ pattern: 'XX', initiator: true, prologue: empty, staticKeyPair: initiatorStatic }),
    responder: new HandshakeState({ pattern: 'XX', initiator: false, prologue: empty, staticKeyPair: responderStatic }),
  };
}

describe('HandshakeState', () => {
  it('runs XX with any payloads and learns both static keys', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 3, maxLength: 3 }), (payloads) => {
        const { initiator, responder, initiatorStatic, responderStatic } = xxPair();
        payloads.forEach((payload, index) => {
          const [writer, reader] = index % 2 === 0 ? [initiator, responder] : [responder, initiator];
          expect(reader.readMessage(writer.writeMessage(payload))).toEqual(payload);
        });
        expect(initiator.remoteStaticKey).toEqual(responderStatic.publicKey);
        expect(responder.remoteStaticKey).toEqual(initiatorStatic.publicKey);
        expect(initiator.handshakeHash).toEqual(responder.handshakeHash);
        const a = initiator.split();
        const b = responder.split();
        expect(b.receive.decryptWithAd(empty, a.send.encryptWithAd(empty, Uint8Array.of(7)))).toEqual(Uint8Array.of(7));
      }),
      { numRuns: heavyRuns(2) }, // two fresh static and two ephemeral key pairs, six DH per run
    );
  });

  it('refuses steps out of turn, split before completion, and a second split', () => {
    const { initiator, responder } = xxPair();
    expect(codeOf(() => initiator.readMessage(new Uint8Array(32)))).toBe('CRYPTO_HANDSHAKE_STATE');
    const fresh = xxPair();
    expect(codeOf(() => fresh.responder.writeMessage(empty))).toBe('CRYPTO_HANDSHAKE_STATE');
    expect(codeOf(() => fresh.initiator.split())).toBe('CRYPTO_HANDSHAKE_STATE');
    expect(codeOf(() => responder.split())).toBe('CRYPTO_HANDSHAKE_STATE');

    const nn = new HandshakeState({ pattern: 'NN', initiator: true, prologue: empty });
    const peer = new HandshakeState({ pattern: 'NN', initiator: false, prologue: empty });
    peer.readMessage(nn.writeMessage(empty));
    nn.readMessage(peer.writeMessage(empty));
    nn.split();
    expect(codeOf(() => nn.split())).toBe('CRYPTO_HANDSHAKE_STATE');
    expect(codeOf(() => nn.writeMessage(empty))).toBe('CRYPTO_HANDSHAKE_STATE');
  });

  it('needs a static key for XX', () => {
    const initiator = new HandshakeState({ pattern: 'XX', initiator: true, prologue: empty });
    const responder = new HandshakeState({ pattern: 'XX', initiator: false, prologue: empty });
    responder.readMessage(initiator.writeMessage(empty));
    expect(codeOf(() => responder.writeMessage(empty))).toBe('CRYPTO_HANDSHAKE_STATE');
  });

  it('refuses short, altered and oversized messages, and is finished after a failure', () => {
    const { initiator, responder } = xxPair();
    const first = initiator.writeMessage(empty);
    expect(codeOf(() => responder.readMessage(first.subarray(0, 31)))).toBe('CRYPTO_MALFORMED_MESSAGE');
    expect(codeOf(() => responder.readMessage(first))).toBe('CRYPTO_HANDSHAKE_STATE');

    const pair = xxPair();
    pair.responder.readMessage(pair.initiator.writeMessage(empty));
    const second = pair.responder.writeMessage(Uint8Array.of(1, 2, 3));
    second[40] = (second[40] as number) ^ 1;
    expect(codeOf(() => pair.initiator.readMessage(second))).toBe('CRYPTO_DECRYPT_FAILED');

    const big = xxPair();
    expect(codeOf(() => big.responder.readMessage(new Uint8Array(MAX_NOISE_MESSAGE + 1)))).toBe(
      'CRYPTO_MESSAGE_TOO_LARGE',
    );
    expect(codeOf(() => big.initiator.writeMessage(new Uint8Array(MAX_NOISE_MESSAGE)))).toBe(
      'CRYPTO_MESSAGE_TOO_LARGE',
    );
  });

  it('binds the prologue: different prologues fail at the first encrypted payload', () => {
    const initiator = new HandshakeState({ pattern: 'NN', initiator: true, prologue: Uint8Array.of(1) });
    const responder = new HandshakeState({ pattern: 'NN', initiator: false, prologue: Uint8Array.of(2) });
    responder.readMessage(initiator.writeMessage(empty));
    expect(codeOf(() => initiator.readMessage(responder.writeMessage(empty)))).toBe('CRYPTO_DECRYPT_FAILED');
  });
});
