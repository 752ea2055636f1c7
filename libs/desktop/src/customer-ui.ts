import type { EndReason } from '@fernhilfe/session';
import type { ProxyAuthRequest, ProxyCredentials, RelayFailureKind } from '@fernhilfe/transport';

/** Why a typed number was not accepted, in the customer's terms. */
export type NumberProblem = 'typo' | 'too-short' | 'too-long' | 'not-digits';

/**
 * Why joining failed, in the customer's terms: the relay failure kinds a customer can act on,
 * a screen that cannot be opened, or anything else.
 */
export type JoinProblem =
  | Exclude<RelayFailureKind, 'token-rejected' | 'invalid-request' | 'failed'>
  | 'display'
  | 'other';

/** Why the number dialog is shown again, to be explained above the number field. */
export type NumberNotice =
  | { kind: 'number-problem'; problem: NumberProblem }
  | { kind: 'join-problem'; problem: JoinProblem; retryAfterMs?: number }
  | { kind: 'ended'; reason: EndReason };

/** Something slow under way, to be shown as progress. */
export type ProgressStep = { kind: 'connecting'; relay: string } | { kind: 'handshake' } | { kind: 'ending' };

/** The agent asking to see the screen, as the relay vouches for them. */
export interface ConsentOffer {
  /** The agent's organisation. */
  org: string;
  /** The agent's display name. */
  agentName: string;
  /** The 6-digit code the agent reads out; equal on both sides only without a man in the middle. */
  securityCode: string;
}

/** What the always-visible status window shows while the screen is shared. */
export interface SharingStatus {
  /** The agent's organisation. */
  org: string;
  /** The agent's display name. */
  agentName: string;
  /** Whether the agent may use mouse and keyboard right now. */
  controlGranted: boolean;
}

/** What the customer can do from the status window. */
export type SharingCommand = 'take-back' | 'end';

/**
 * The customer's side of the guest as a UI presents it: terminal prompts, native dialogs, or
 * a product's own windows. The flow (`runCustomerFlow`) decides what happens; the UI only asks
 * and shows, in the customer's language.
 *
 * Every `ask…` resolves with the answer, or with `undefined` when the customer closed that
 * window (or quit the program): the flow then ends a running session as
 * `guest-window-closed` and returns to the number dialog; `undefined` from
 * {@link CustomerUi.askNumber} stops the program. An aborted `signal` means the question is
 * moot (the session ended meanwhile): close that dialog and resolve with `undefined`.
 */
export interface CustomerUi {
  /**
   * Shows the number dialog: a number field with **Start Support**.
   *
   * @param notice - why it is shown again (a problem with the last attempt, or how the last session ended)
   * @param signal - aborted when the program stops
   * @returns the text as typed (the flow checks it), or `undefined` to quit
   */
  askNumber(notice: NumberNotice | undefined, signal: AbortSignal): Promise<string | undefined>;
  /**
   * Shows that something slow is under way; replaced by the next dialog or status.
   *
   * @param step - what is happening
   */
  showProgress(step: ProgressStep): void;
  /**
   * Asks for the proxy's user name and password (hidden, never stored).
   *
   * @param request - which proxy asks, and the how-manieth attempt this is
   * @param signal - aborted when the attempt became moot
   * @returns the credentials, `null` when the customer cancelled, `undefined` when the window was closed
   */
  askProxyCredentials(request: ProxyAuthRequest, signal: AbortSignal): Promise<ProxyCredentials | null | undefined>;
  /**
   * Asks the first consent: organisation, agent name and security code, **Ja / Nein**.
   *
   * @param offer - who asks, and the code to compare
   * @param signal - aborted when the session ended meanwhile
   * @returns `true` for Ja, `false` for Nein, `undefined` when the window was closed
   */
  askConsent(offer: ConsentOffer, signal: AbortSignal): Promise<boolean | undefined>;
  /**
   * Asks the second consent: may the agent use mouse and keyboard?
   *
   * @param request - who asks
   * @param signal - aborted when the session ended or the request became moot
   * @returns `true` for Ja, `false` for Nein, `undefined` when the window was closed
   */
  askControl(request: { agentName: string }, signal: AbortSignal): Promise<boolean | undefined>;
  /**
   * Shows or updates the status window (screen shared; control on or off).
   *
   * @param status - the current state
   */
  showSharing(status: SharingStatus): void;
  /**
   * Waits for the customer's next action in the status window.
   *
   * @param signal - aborted when the session ended
   * @returns the action, or `undefined` when the status window was closed
   */
  nextSharingCommand(signal: AbortSignal): Promise<SharingCommand | undefined>;
}
