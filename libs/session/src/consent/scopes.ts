/** What a guest can consent to: seeing the screen, and (separately) mouse and keyboard control. */
export const CONSENT_SCOPES = ['view', 'control'] as const;

/** One of {@link CONSENT_SCOPES}. */
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
