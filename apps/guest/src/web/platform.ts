import type { ModulePlatform } from '../guest-modules/manifest';

/**
 * The guest module platform of the customer's computer, from the browser's user agent: Windows
 * (any Windows desktop browser) or Linux on a desktop (not Android, not ChromeOS). Other systems
 * (macOS, phones) get no module; the page's view-only sharing is theirs.
 *
 * @param userAgent - `navigator.userAgent`
 * @returns the platform, or `undefined` when no module fits
 */
export function modulePlatformOf(userAgent: string): ModulePlatform | undefined {
  if (/\bWindows NT\b/.test(userAgent) && !/\bWindows Phone\b/.test(userAgent)) return 'windows-x64';
  if (/\bLinux\b/.test(userAgent) && !/\b(Android|CrOS)\b/.test(userAgent)) return 'linux-x64';
  return undefined;
}
