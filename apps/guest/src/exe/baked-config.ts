import * as nodeSea from 'node:sea';
import { GuestError, GuestErrorCode } from '../errors';

/** Name of the SEA asset that carries the relay address of a guest module. */
export const BAKED_CONFIG_ASSET = 'config.json';

/** Largest `config.json` a module reads; anything longer is not one the build wrote. */
export const MAX_BAKED_CONFIG_BYTES = 4096;

/** Longest organisation name a module carries. */
export const MAX_ORGANISATION_LENGTH = 120;

/** What the operator's build bakes into a guest module. */
export interface BakedConfig {
  /** The relay's WebSocket endpoint, `ws://` or `wss://` with a path. */
  readonly relayUrl: string;
  /** The operator's organisation, when the build named one. */
  readonly organisation?: string;
}

/** The part of `node:sea` a module reads its configuration through. */
export interface SeaAssets {
  /** Whether this process is a single executable. */
  isSea(): boolean;
  /** The asset's text; throws when there is none of that name. */
  getAsset(key: string, encoding: 'utf8'): string;
}

function invalid(message: string): GuestError {
  return new GuestError(GuestErrorCode.BAKED_CONFIG_INVALID, message);
}

/**
 * Checks a relay address for a guest module: an absolute `ws://` or `wss://` URL with a path
 * (the relay's endpoint, e.g. `wss://support.example.com/relay`), no user name, password or
 * fragment.
 *
 * @param text - the address
 * @returns the normalised URL
 * @throws {@link GuestError} `GUEST_BAKED_CONFIG_INVALID` for anything else
 */
export function checkModuleRelayUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw invalid(`the relay URL must start with ws:// or wss:// (${JSON.stringify(text)})`);
  }
  if (url.pathname === '/' || url.pathname === '') {
    throw invalid(`the relay URL needs the endpoint's path, e.g. ${url.origin.replace(/^http/, 'ws')}/relay`);
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') {
    throw invalid('the relay URL must not contain a user name, password or #fragment');
  }
  return url.href;
}

function checkOrganisation(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ORGANISATION_LENGTH) {
    throw invalid(`the organisation must be a text of 1 to ${MAX_ORGANISATION_LENGTH} characters`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalid('the organisation must not contain control characters');
  return value;
}

/**
 * Builds the configuration a module carries, checking both fields.
 *
 * @param relayUrl - the relay address (see {@link checkModuleRelayUrl})
 * @param organisation - the operator's organisation, optional
 * @returns the configuration
 * @throws {@link GuestError} `GUEST_BAKED_CONFIG_INVALID`
 */
export function bakedConfig(relayUrl: string, organisation?: string): BakedConfig {
  const org = checkOrganisation(organisation);
  return { relayUrl: checkModuleRelayUrl(relayUrl), ...(org === undefined ? {} : { organisation: org }) };
}

/**
 * Reads a `config.json` text.
 *
 * @param text - the asset's content
 * @returns the configuration
 * @throws {@link GuestError} `GUEST_BAKED_CONFIG_INVALID` when it is too long, not JSON, or its
 *   fields are missing or wrong
 */
export function parseBakedConfig(text: string): BakedConfig {
  if (text.length > MAX_BAKED_CONFIG_BYTES) throw invalid(`longer than ${MAX_BAKED_CONFIG_BYTES} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('not a JSON object');
  const { relayUrl, organisation } = value as Record<string, unknown>;
  if (typeof relayUrl !== 'string') throw invalid('relayUrl is missing');
  return bakedConfig(relayUrl, organisation as string | undefined);
}

/**
 * The configuration baked into the running single executable.
 *
 * @param sea - where assets come from (`node:sea` by default; tests pass their own)
 * @returns the configuration
 * @throws {@link GuestError} `GUEST_BAKED_CONFIG_MISSING` when this is no single executable or it
 *   has no `config.json`; `GUEST_BAKED_CONFIG_INVALID` when the asset is unusable
 */
export function readBakedConfig(sea: SeaAssets = nodeSea): BakedConfig {
  if (!sea.isSea()) throw new GuestError(GuestErrorCode.BAKED_CONFIG_MISSING, 'not a single-executable guest module');
  let text: string;
  try {
    text = sea.getAsset(BAKED_CONFIG_ASSET, 'utf8');
  } catch (cause) {
    throw new GuestError(GuestErrorCode.BAKED_CONFIG_MISSING, `the module has no ${BAKED_CONFIG_ASSET}`, { cause });
  }
  return parseBakedConfig(text);
}
