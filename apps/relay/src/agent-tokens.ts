import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AgentTokenEntry } from '@fernhilfe/transport/relay';
import { CliUsageError, RelayCliErrorCode } from './errors';

/** Agent tokens for the relay, and the generated one when there was none. */
export interface AgentTokens {
  entries: AgentTokenEntry[];
  generated: string | undefined;
}

const MIN_TOKEN_LENGTH = 16;

/**
 * Loads the token file (`TOKEN [display name]` per line, `#` comments), takes the single
 * `--agent-token`, or generates a random token.
 *
 * @param source - where tokens come from, plus the defaults for name and organisation
 * @returns the entries for `createRelay` and the generated token, if any
 * @throws {@link CliUsageError} for an empty file or a token shorter than 16 characters
 */
export async function loadAgentTokens(source: {
  tokenFile: string | undefined;
  agentToken: string | undefined;
  org: string;
  agentName: string;
}): Promise<AgentTokens> {
  const entry = (token: string, index: number, displayName = source.agentName): AgentTokenEntry => {
    if (token.length < MIN_TOKEN_LENGTH)
      throw new CliUsageError(
        RelayCliErrorCode.INVALID_TOKENS,
        `agent token ${index + 1} is shorter than 16 characters`,
      );
    return { token, agentId: `agent-${index + 1}`, displayName, org: source.org };
  };
  if (source.agentToken !== undefined) return { entries: [entry(source.agentToken, 0)], generated: undefined };
  if (source.tokenFile === undefined) {
    const generated = randomBytes(24).toString('base64url');
    return { entries: [entry(generated, 0)], generated };
  }
  const text = await readFile(source.tokenFile, 'utf8');
  const entries = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line, index) => {
      const [token = '', ...name] = line.split(/\s+/);
      return entry(token, index, name.length > 0 ? name.join(' ') : undefined);
    });
  if (entries.length === 0)
    throw new CliUsageError(RelayCliErrorCode.INVALID_TOKENS, `no tokens in ${source.tokenFile}`);
  return { entries, generated: undefined };
}
