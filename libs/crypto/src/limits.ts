/** Largest plaintext of one transport frame: 65 535 (Noise message limit) − 16 (tag). */
export const MAX_PLAINTEXT_LENGTH = 65_519;

/** Largest transport frame: 2 header bytes + 65 535 bytes of ciphertext and tag. */
export const MAX_FRAME_LENGTH = 2 + 65_535;

/** Each direction rekeys (Noise REKEY) after every this many frames, without a notice. */
export const REKEY_INTERVAL_MESSAGES = 2 ** 20;
