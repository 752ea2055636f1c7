import { createHash } from 'node:crypto';

/** Who an agent token belongs to. */
export interface VerifiedAgent {
  /** Stable agent id in the helpdesk. */
  agentId: string;
  /** Name shown to the customer before they consent. */
  displayName: string;
  /** Organisation shown to the customer. */
  org: string;
}

/** A static agent token and the agent it stands for. */
export interface AgentTokenEntry extends VerifiedAgent {
  /** The bearer token (compare-only; stored hashed in memory). */
  token: string;
}

/**
 * Decides whether a bearer token belongs to an agent.
 *
 * @param token - the token from the agent's `create` message
 * @returns the agent, or `null` to refuse
 */
export type VerifyAgent = (token: string) => VerifiedAgent | null | Promise<VerifiedAgent | null>;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Builds a {@link VerifyAgent} over a static list. Tokens are kept only as SHA-256 digests and
 * looked up by digest, so comparison time does not depend on how much of a token matches.
 *
 * @param entries - the tokens and their agents
 * @returns the verifier
 */
export function verifyAgentFromList(entries: readonly AgentTokenEntry[]): VerifyAgent {
  const byHash = new Map<string, VerifiedAgent>();
  for (const { token, agentId, displayName, org } of entries) {
    byHash.set(hashToken(token), Object.freeze({ agentId, displayName, org }));
  }
  return (token) => byHash.get(hashToken(token)) ?? null;
}
