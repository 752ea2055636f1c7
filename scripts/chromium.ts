/** Debian's Chromium, the browser every browser test and benchmark drives (never a downloaded one). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags known to work on these machines (headless Debian Chromium): root needs `--no-sandbox`,
 * there is no GPU, and the closed network makes background connections fail noisily.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
