/** One token of a Noise message pattern (rev 34 §7.1; no PSK tokens). */
export type Token = 'e' | 's' | 'ee' | 'es' | 'se' | 'ss';

/**
 * A Noise handshake pattern without pre-messages: its name and, for each message in order,
 * its tokens. Message i is sent by the initiator when i is even, by the responder when odd.
 */
export interface HandshakePattern {
  readonly name: string;
  readonly messages: readonly (readonly Token[])[];
}

/** Interactive patterns this implementation runs (Noise rev 34 §7.5). */
export const HANDSHAKE_PATTERNS = {
  NN: { name: 'NN', messages: [['e'], ['e', 'ee']] },
  XX: { name: 'XX', messages: [['e'], ['e', 'ee', 's', 'es'], ['s', 'se']] },
} as const satisfies Record<string, HandshakePattern>;

/** Name of a pattern in {@link HANDSHAKE_PATTERNS}. */
export type PatternName = keyof typeof HANDSHAKE_PATTERNS;
