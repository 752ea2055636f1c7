import type { GuestCall } from '@fernhilfe/call';
import type { GuestChannel, GuestReport } from '@fernhilfe/transport';

/** What {@link reportDecisions} cannot learn from the call's events. */
export interface DecisionReports {
  /** The customer said "Nein" to a control request (the call emits no event for it). */
  controlRefused(): void;
}

/**
 * Tells the relay's audit log what the customer decided, as the call commits to it: consent
 * (the move from `awaiting-consent` to `active-view`), its refusal (the call ending as
 * `consent-refused` by the guest), and every change of control. A report that fails is dropped:
 * the audit is documentation, the support session is what matters.
 *
 * Subscribe before any other `ended` listener that closes the channel, so a refusal is reported
 * before the guest's `end`.
 *
 * @param call - the guest's call, before `start()`
 * @param channel - the guest's relay channel
 * @returns a hook for the decision the call has no event for
 */
export function reportDecisions(call: GuestCall, channel: GuestChannel): DecisionReports {
  const report = (decision: GuestReport): void => {
    try {
      channel.report(decision).catch(() => undefined);
    } catch {
      // A report must never break the session.
    }
  };
  let previous = call.state;
  call.on('state', (state) => {
    if (previous === 'awaiting-consent' && state === 'active-view') {
      report({ event: 'consent', granted: true, scopes: ['view'] });
    }
    previous = state;
  });
  call.on('ended', (ended) => {
    if (ended.by === 'guest' && ended.reason === 'consent-refused') report({ event: 'consent', granted: false });
  });
  call.on('control', (granted) => report({ event: 'control', granted }));
  return { controlRefused: () => report({ event: 'control', granted: false }) };
}
