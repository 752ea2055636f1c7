import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Where the customer guides' screenshots of the Windows guest live. */
export const WINDOWS_GUIDE_IMAGES = join(import.meta.dirname, '../docs/images/windows-guest');

/**
 * Copies a screenshot a test took into the customer guide's images when the run was started to
 * refresh them (`FERNHILFE_GUIDE_SCREENSHOTS=1`, see docs/windows-guest.md); otherwise it stays in
 * the test results only, so an ordinary test run never changes the repository.
 *
 * @param file - the PNG the test wrote
 */
export function keepForGuide(file: string): void {
  if (process.env.FERNHILFE_GUIDE_SCREENSHOTS !== '1') return;
  mkdirSync(WINDOWS_GUIDE_IMAGES, { recursive: true });
  copyFileSync(file, join(WINDOWS_GUIDE_IMAGES, basename(file)));
}
