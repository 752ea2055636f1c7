const TOKEN_KEY = 'fernhilfe.agentToken';

/** Keeps the agent token for this tab only (sessionStorage: gone when the tab closes). */
export interface TokenStore {
  get(): string | undefined;
  set(token: string): void;
  clear(): void;
}

/**
 * @param storage - where to keep it
 * @default storage globalThis.sessionStorage
 * @returns a token store
 */
export function createTokenStore(storage: Storage = globalThis.sessionStorage): TokenStore {
  return {
    get: () => storage.getItem(TOKEN_KEY) || undefined,
    set: (token) => storage.setItem(TOKEN_KEY, token),
    clear: () => storage.removeItem(TOKEN_KEY),
  };
}
