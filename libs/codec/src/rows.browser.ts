import type { CreateRowComparer } from './rows';

/** Row comparison in JavaScript, word by word. */
export const createRowComparer: CreateRowComparer = (current, previous) => (currentWord, previousWord, words) => {
  for (let i = 0; i < words; i++) {
    if (current[currentWord + i] !== previous[previousWord + i]) return false;
  }
  return true;
};
