import type { CallEnded } from '@fernhilfe/call';
import type { CustomerUi, SharingStatus } from './customer-ui';
import type { DesktopSession } from './desktop-session';

const ignore = () => undefined;

/**
 * Answers the agent's control requests through the UI while the screen is shared. An answer
 * of `undefined` (the dialog was closed) ends the session as `guest-window-closed`.
 */
function answerControlRequests(session: DesktopSession, ui: CustomerUi, signal: AbortSignal): () => void {
  return session.on('control-requested', () => {
    void (async () => {
      const answer = await ui.askControl({ agentName: session.peer.agentName }, signal);
      if (signal.aborted) return;
      if (answer === undefined) await session.end('guest-window-closed');
      else await session.answerControlRequest(answer).catch(ignore);
    })();
  });
}

/**
 * The sharing phase: shows the status window, keeps it current as control changes, answers
 * control requests and carries out the customer's commands until the session ends.
 */
async function share(session: DesktopSession, ui: CustomerUi, signal: AbortSignal): Promise<void> {
  let status: SharingStatus = { org: session.peer.org, agentName: session.peer.agentName, controlGranted: false };
  ui.showSharing(status);
  const stopFollowingControl = session.on('control', (granted) => {
    status = { ...status, controlGranted: granted };
    ui.showSharing(status);
  });
  const stopAnswering = answerControlRequests(session, ui, signal);
  try {
    while (!signal.aborted) {
      const command = await ui.nextSharingCommand(signal);
      if (signal.aborted) return;
      if (command === undefined) {
        await session.end('guest-window-closed');
        return;
      }
      if (command === 'end') {
        ui.showProgress({ kind: 'ending' });
        await session.end('guest-ended');
        return;
      }
      await session.revokeControl().catch(ignore);
    }
  } finally {
    stopFollowingControl();
    stopAnswering();
  }
}

/**
 * Talks the customer through one joined session: the handshake, the first consent (security
 * code, **Ja / Nein**), then sharing until either side ends. A closed window ends the session as
 * `guest-window-closed`.
 *
 * @param session - the session, just started on its channel
 * @param ui - the customer's dialogs
 * @param stop - aborted when the program stops; the caller ends the session with its reason
 * @returns how the session ended
 */
export async function converseWithCustomer(
  session: DesktopSession,
  ui: CustomerUi,
  stop: AbortSignal,
): Promise<CallEnded> {
  const over = new AbortController();
  void session.ended.then(() => over.abort());
  const signal = AbortSignal.any([over.signal, stop]);
  const securityCode = new Promise<string>((resolve) => session.on('security-code', resolve));
  ui.showProgress({ kind: 'handshake' });
  const code = await Promise.race([securityCode, session.ended.then(ignore)]);
  if (code !== undefined && !signal.aborted) {
    const { org, agentName } = session.peer;
    const yes = await ui.askConsent({ org, agentName, securityCode: code }, signal);
    if (signal.aborted) return session.ended;
    if (yes === undefined) await session.end('guest-window-closed');
    else if (!yes) await session.refuse().catch(ignore);
    else {
      await session.confirm().catch(ignore);
      if (session.call.state === 'active-view') await share(session, ui, signal);
    }
  }
  return session.ended;
}
