import { describe, expect, it } from 'vitest';
import { keyPairFromSecret } from '../src/noise/dh';
import { HandshakeState } from '../src/noise/handshake-state';
import type { PatternName } from '../src/noise/patterns';
import { hex, readVectors, toHex } from './read-vectors';

interface NoiseVector {
  protocol_name: string;
  init_prologue: string;
  init_static?: string;
  init_ephemeral: string;
  resp_prologue: string;
  resp_static?: string;
  resp_ephemeral: string;
  init_psks?: string[];
  handshake_hash?: string;
  messages: { payload: string; ciphertext: string }[];
}

const PROTOCOLS: Record<string, PatternName> = {
  Noise_NN_25519_ChaChaPoly_SHA256: 'NN',
  Noise_XX_25519_ChaChaPoly_SHA256: 'XX',
};

function load(file: string): NoiseVector[] {
  const all = readVectors<{ vectors: NoiseVector[] }>(file).vectors;
  return all.filter((vector) => vector.protocol_name in PROTOCOLS && (vector.init_psks ?? []).length === 0);
}

function replay(vector: NoiseVector): void {
  const pattern = PROTOCOLS[vector.protocol_name] as PatternName;
  const optionalStatic = (secret: string | undefined) => (secret ? keyPairFromSecret(hex(secret)) : undefined);
  const initiator = new HandshakeState({
    pattern,
    initiator: true,
    prologue: hex(vector.init_prologue),
    ephemeralKeyPair: keyPairFromSecret(hex(vector.init_ephemeral)),
    staticKeyPair: optionalStatic(vector.init_static),
  });
  const responder = new HandshakeState({
    pattern,
    initiator: false,
    prologue: hex(vector.resp_prologue),
    ephemeralKeyPair: keyPairFromSecret(hex(vector.resp_ephemeral)),
    staticKeyPair: optionalStatic(vector.resp_static),
  });
  let index = 0;
  for (; !initiator.isComplete; index++) {
    const message = vector.messages[index];
    if (message === undefined) throw new Error('vector has fewer messages than the pattern');
    const [writer, reader] = index % 2 === 0 ? [initiator, responder] : [responder, initiator];
    expect(toHex(writer.writeMessage(hex(message.payload)))).toBe(message.ciphertext);
    expect(toHex(reader.readMessage(hex(message.ciphertext)))).toBe(message.payload);
  }
  expect(responder.isComplete).toBe(true);
  expect(toHex(initiator.handshakeHash)).toBe(toHex(responder.handshakeHash));
  if (vector.handshake_hash) expect(toHex(initiator.handshakeHash)).toBe(vector.handshake_hash);
  if (vector.init_static && vector.resp_static) {
    expect(toHex(initiator.remoteStaticKey ?? new Uint8Array())).toBe(
      toHex(keyPairFromSecret(hex(vector.resp_static)).publicKey),
    );
  }
  const initiatorCiphers = initiator.split();
  const responderCiphers = responder.split();
  const empty = new Uint8Array(0);
  // Transport messages keep alternating: the initiator sends when the index is even.
  for (; index < vector.messages.length; index++) {
    const message = vector.messages[index] as { payload: string; ciphertext: string };
    const [sender, receiver] =
      index % 2 === 0
        ? [initiatorCiphers.send, responderCiphers.receive]
        : [responderCiphers.send, initiatorCiphers.receive];
    expect(toHex(sender.encryptWithAd(empty, hex(message.payload)))).toBe(message.ciphertext);
    expect(toHex(receiver.decryptWithAd(empty, hex(message.ciphertext)))).toBe(message.payload);
  }
}

describe.each([
  ['cacophony', 'noise/cacophony_25519_ChaChaPoly_subset.json'],
  ['snow', 'noise/snow_25519_ChaChaPoly_subset.json'],
])('Noise vectors from %s', (_source, file) => {
  const vectors = load(file);

  it('contain NN and XX for 25519_ChaChaPoly_SHA256', () => {
    const names = new Set(vectors.map((vector) => vector.protocol_name));
    expect(names).toEqual(new Set(Object.keys(PROTOCOLS)));
  });

  it.each(vectors.map((vector) => [vector.protocol_name, vector] as const))('replays %s', (_name, vector) => {
    replay(vector);
  });
});
