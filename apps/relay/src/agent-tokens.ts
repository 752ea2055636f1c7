import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AgentTokenEntry } from '@fernhilfe/transport/relay';
import { CliUsageError, RelayCliErrorCode } from './errors';

/** Agent tokens for the relay, and the generated one when there was none. */
export interface AgentTokens {
  entries: AgentTokenEntry[];
  generated: string | undefined;
  /** Token file lines without `id=` (1-based line numbers): their agent id is derived from the token. */
  withoutId: number[];
}

const MIN_TOKEN_LENGTH = 16;
const AGENT_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

function invalid(message: string): CliUsageError {
  return new CliUsageError(RelayCliErrorCode.INVALID_TOKENS, message);
}

/** A stable id for a line without `id=`: from the token's SHA-256, so it survives reordering the file. */
function idFromToken(token: string): string {
  return `token-${createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 12)}`;
}

interface TokenLine {
  line: number;
  token: string;
  id: string | undefined;
  name: string | undefined;
}

function parseLine(text: string, line: number): TokenLine {
  const [token = '', ...rest] = text.split(/\s+/);
  if (token.length < MIN_TOKEN_LENGTH) throw invalid(`agent token on line ${line} is shorter than 16 characters`);
  let id: string | undefined;
  if (rest[0]?.startsWith('id=')) {
    id = (rest.shift() as string).slice(3);
    if (!AGENT_ID.test(id)) {
      throw invalid(
        `agent id on line ${line} must be 1–64 letters, digits or . _ @ - (starting with a letter or digit)`,
      );
    }
  }
  return { line, token, id, name: rest.length > 0 ? rest.join(' ') : undefined };
}

/**
 * Reads a token file: one agent per line, `TOKEN id=AGENT-ID [display name]`, `#` comments. The
 * audit log records AGENT-ID, so removing or reordering lines never re-attributes sessions. A
 * line without `id=` gets `token-<first 12 hex of the token's SHA-256>` (stable while the token
 * is) and is listed in `withoutId` for a warning.
 *
 * @param text - the file's content
 * @param defaults - organisation and display name for lines without one
 * @returns the entries and the lines without id
 * @throws {@link CliUsageError} `RELAY_CLI_INVALID_TOKENS` for no tokens, a short token, a bad or
 *   repeated id, or a repeated token
 */
export function parseTokenFile(
  text: string,
  defaults: { org: string; agentName: string },
): Omit<AgentTokens, 'generated'> {
  const lines = text
    .split(/\r?\n/)
    .map((content, index) => ({ content: content.trim(), line: index + 1 }))
    .filter(({ content }) => content !== '' && !content.startsWith('#'))
    .map(({ content, line }) => parseLine(content, line));
  if (lines.length === 0) throw invalid('no tokens in the token file');
  const ids = new Map<string, number>();
  const tokens = new Set<string>();
  const entries = lines.map(({ line, token, id, name }): AgentTokenEntry => {
    const agentId = id ?? idFromToken(token);
    const earlier = ids.get(agentId);
    if (earlier !== undefined) throw invalid(`agent id ${agentId} on line ${line} is already used on line ${earlier}`);
    if (tokens.has(token)) throw invalid(`the token on line ${line} is used on an earlier line too`);
    ids.set(agentId, line);
    tokens.add(token);
    return { token, agentId, displayName: name ?? defaults.agentName, org: defaults.org };
  });
  return { entries, withoutId: lines.filter((line) => line.id === undefined).map((line) => line.line) };
}

/**
 * Loads the token file, takes the single `--agent-token`, or generates a random token (the
 * single token's agent id is `agent-1`).
 *
 * @param source - where tokens come from, plus the defaults for name and organisation
 * @returns the entries for `createRelay`, the generated token, if any, and lines without id
 * @throws {@link CliUsageError} `RELAY_CLI_INVALID_TOKENS`, see {@link parseTokenFile}
 */
export async function loadAgentTokens(source: {
  tokenFile: string | undefined;
  agentToken: string | undefined;
  org: string;
  agentName: string;
}): Promise<AgentTokens> {
  const single = (token: string): AgentTokenEntry => {
    if (token.length < MIN_TOKEN_LENGTH) throw invalid('the agent token is shorter than 16 characters');
    return { token, agentId: 'agent-1', displayName: source.agentName, org: source.org };
  };
  if (source.agentToken !== undefined) {
    return { entries: [single(source.agentToken)], generated: undefined, withoutId: [] };
  }
  if (source.tokenFile === undefined) {
    const generated = randomBytes(24).toString('base64url');
    return { entries: [single(generated)], generated, withoutId: [] };
  }
  const parsed = parseTokenFile(await readFile(source.tokenFile, 'utf8'), source);
  return { ...parsed, generated: undefined };
}
