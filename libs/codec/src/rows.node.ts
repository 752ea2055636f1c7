import type { CreateRowComparer } from './rows';

/** Row comparison with native `Buffer.compare` over byte ranges (no allocation per row). */
export const createRowComparer: CreateRowComparer = (current, previous) => {
  const a = Buffer.from(current.buffer, current.byteOffset, current.byteLength);
  const b = Buffer.from(previous.buffer, previous.byteOffset, previous.byteLength);
  return (currentWord, previousWord, words) =>
    a.compare(b, previousWord * 4, (previousWord + words) * 4, currentWord * 4, (currentWord + words) * 4) === 0;
};
