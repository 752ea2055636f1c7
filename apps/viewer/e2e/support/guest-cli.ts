import { join } from 'node:path';
import type { WatchedProcess } from './processes';
import { repoDir, startTsProcess } from './relay';

const guestCli = join(repoDir, 'apps/guest/src/node/cli.ts');

/**
 * Starts the Node guest (`apps/guest/src/node/cli.ts`) against an X display. It asks for the
 * session number on stdin, like a customer's terminal.
 *
 * @param options - relay URL, X display and language
 * @returns the watched process; answer its prompts with `typeLine`
 */
export function startGuestCli(options: { relayUrl: string; display: string; lang: 'de' | 'en' }): WatchedProcess {
  return startTsProcess(
    guestCli,
    ['--relay', options.relayUrl, '--display', options.display, '--lang', options.lang, '--proxy', 'none'],
    {
      label: 'guest',
      env: { ...process.env, DISPLAY: options.display },
    },
  );
}
