import { fileURLToPath } from 'node:url';
import { corpusAt } from '../test/support/corpus';

/** Where the full corpus lives when nobody says otherwise: `../shared/corpus` beside the repository. */
const DEFAULT_FULL_CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));

/**
 * The full corpus for the benchmark (tests use only the vendored slice): `FERNHILFE_CORPUS_DIR`
 * if set, else `../shared/corpus` beside the repository. `found` is false when that directory
 * holds no corpus.
 */
export function fullCorpus(): { dir: string; found: boolean } {
  const dir = process.env.FERNHILFE_CORPUS_DIR || DEFAULT_FULL_CORPUS_DIR;
  return { dir, found: corpusAt(dir) };
}
