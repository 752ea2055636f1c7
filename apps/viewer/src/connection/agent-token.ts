import { ViewerError, ViewerErrorCode } from '../errors';

/**
 * Asks the page for the agent token, before any relay is contacted.
 *
 * @param getToken - the page's token source (`MountViewerOptions.getToken`)
 * @returns the token, a non-empty string
 * @throws {@link ViewerError} `VIEWER_TOKEN_UNAVAILABLE` when `getToken` throws, rejects or gives no non-empty string
 */
export async function fetchToken(getToken: () => string | Promise<string>): Promise<string> {
  let token: unknown;
  try {
    token = await getToken();
  } catch (error) {
    throw new ViewerError(ViewerErrorCode.TOKEN_UNAVAILABLE, `getToken failed: ${String(error)}`, { cause: error });
  }
  if (typeof token !== 'string' || token === '') {
    throw new ViewerError(ViewerErrorCode.TOKEN_UNAVAILABLE, 'getToken gave no token');
  }
  return token;
}
