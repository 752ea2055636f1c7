import type { GuestModulesManifest } from '../guest-modules/manifest';
import type { Language, Translate } from './i18n';
import { modulePlatformOf } from './platform';

/** The "help with mouse and keyboard" section of the support page, already translated. */
export interface DownloadsView {
  /** Heading of the section. */
  title: string;
  /** Why and how, one paragraph each. */
  paragraphs: string[];
  /** The main button: a link to the module. */
  link: { href: string; label: string; file: string };
  /** File name and size, e.g. `Fernhilfe-Gastmodul.exe · 84,1 MB`. */
  details: string;
  /** Label of the SHA-256 and the hash itself. */
  checksum: { label: string; value: string };
  /** A warning that the Windows module is not signed, when it is not. */
  warning: string | undefined;
  /** That the page itself suffices to just show the screen. */
  viewOnly: string;
}

/** Path prefix of the relay's downloads. */
export const DOWNLOADS_PATH = '/downloads/';

/**
 * The download section for this browser, or `undefined` when there is nothing to offer: no
 * manifest, or no module for the customer's system.
 *
 * @param manifest - what the relay offers, if anything
 * @param userAgent - `navigator.userAgent`
 * @param language - the page language (number format)
 * @param t - translator of that language
 * @returns the view, or `undefined`
 */
export function downloadsView(
  manifest: GuestModulesManifest | undefined,
  userAgent: string,
  language: Language,
  t: Translate,
): DownloadsView | undefined {
  const platform = modulePlatformOf(userAgent);
  const module = manifest?.modules.find((candidate) => candidate.platform === platform);
  if (module === undefined) return undefined;
  const megabytes = new Intl.NumberFormat(language, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(
    module.size / 2 ** 20,
  );
  const windows = module.platform === 'windows-x64';
  return {
    title: t('download.title'),
    paragraphs: [
      t('download.intro'),
      t(windows ? 'download.run-windows' : 'download.run-linux', { file: module.file }),
    ],
    link: {
      href: `${DOWNLOADS_PATH}${encodeURIComponent(module.file)}`,
      label: t('download.button'),
      file: module.file,
    },
    details: t('download.details', { file: module.file, size: megabytes }),
    checksum: { label: t('download.checksum'), value: module.sha256 },
    warning: windows && !module.signed ? t('download.unsigned') : undefined,
    viewOnly: t('download.view-only'),
  };
}
