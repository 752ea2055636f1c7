/**
 * Exact comparison of pixel rows, the fast path of change detection. `rows.node.ts` uses native
 * `Buffer.compare` (memcmp speed); `rows.browser.ts` compares words in JavaScript. Package
 * `imports` (`#rows`) picks one per environment.
 */
export type RowComparer = (currentWord: number, previousWord: number, words: number) => boolean;

/** Makes a comparer of word ranges of `current` against `previous`: `true` when all bytes are equal. */
export type CreateRowComparer = (current: Uint32Array, previous: Uint32Array) => RowComparer;
