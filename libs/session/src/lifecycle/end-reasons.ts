import type { EndReason } from './states';

/**
 * The end reasons each side may state in its `end` message. A side cannot speak for the other
 * (a viewer claiming `consent-refused`); such an end is recorded as `protocol-error`.
 */
export const END_REASONS_SENT_BY: Readonly<Record<'guest' | 'viewer', readonly EndReason[]>> = {
  guest: [
    'guest-ended',
    'guest-window-closed',
    'consent-refused',
    'security-code-mismatch',
    'expired',
    'protocol-error',
  ],
  viewer: ['agent-ended', 'security-code-mismatch', 'expired', 'protocol-error'],
};
