import { attachCall, createViewerCall, relayEndReason, type ViewerCall } from '@fernhilfe/call';
import type { EndReason } from '@fernhilfe/session';
import { type AgentSession, createAgentClient, type PairedChannel } from '@fernhilfe/transport';
import { ViewerError, ViewerErrorCode } from '../errors';
import { fetchToken } from './agent-token';
import { createControlTracker, createCursorShapeCache, toKeyMessage } from './call-mapping';
import { viewerErrorFromRelay } from './relay-errors';
import type { ViewerConnection, ViewerConnectionInit } from './viewer-connection';

/** How often the viewer pings the guest for the round-trip time while live. */
export const PING_INTERVAL_MS = 2000;

/**
 * The production {@link ViewerConnection}: the relay's agent client from
 * `@fernhilfe/transport` creates the session and waits for the guest; once paired,
 * `@fernhilfe/session`'s viewer call runs the Noise handshake (`@fernhilfe/crypto`), the
 * consent, screen updates (acknowledged as soon as they are decoded and drawn), cursor,
 * control and input, pings every {@link PING_INTERVAL_MS} for the round-trip time, and the
 * authenticated end.
 *
 * @param init - relay URL, token source and event sink
 * @returns a connection for one session
 */
export function createRelayConnection(init: ViewerConnectionInit): ViewerConnection {
  const { events } = init;
  const controls = createControlTracker();
  const cursors = createCursorShapeCache();
  let agent: AgentSession | undefined;
  let channel: PairedChannel | undefined;
  let call: ViewerCall | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let finished = false;

  const finish = (reason: EndReason) => {
    if (finished) return;
    finished = true;
    clearInterval(pingTimer);
    events.ended(reason);
  };

  const startCall = (paired: PairedChannel) => {
    channel = paired;
    events.paired({ org: paired.peer.org, agentName: paired.peer.agentName });
    const { call: live } = attachCall('viewer', paired, (send) =>
      createViewerCall({ sessionId: paired.peer.sessionId, send }),
    );
    call = live;
    live.on('security-code', (code) => events.securityCode(code));
    live.on('consent', (granted) => {
      if (!granted) return; // the guest's end (consent-refused) follows
      events.consent();
      pingTimer = setInterval(() => live.ping(), PING_INTERVAL_MS);
      live.ping();
    });
    live.on('frame', ({ data }) => events.screenUpdate(data));
    live.on('cursor', (message) => events.cursor(cursors.toUpdate(message)));
    live.on('control', (granted) => {
      const change = controls.fromCall(granted);
      if (change) events.control(change);
    });
    live.on('input-blocked', (reason) => events.inputBlocked(reason));
    live.on('rtt', (milliseconds) => events.rtt(milliseconds));
    // After a lost channel the relay's word counts (relay-shutdown, guest-window-closed, …), else peer-lost.
    live.on('ended', ({ reason, by }) => {
      if (by !== 'transport') finish(reason);
      else void paired.ended.then((end) => finish(relayEndReason('viewer', end) ?? reason));
    });
  };

  const awaitGuest = (session: AgentSession) => {
    session.waitForGuest().then(
      (paired) => {
        if (finished) paired.close();
        else startCall(paired);
      },
      (error: unknown) => {
        if (finished) return;
        const viewerError = viewerErrorFromRelay(error);
        events.error(viewerError);
        finish(viewerError.code === ViewerErrorCode.EXPIRED ? 'expired' : 'peer-lost');
      },
    );
  };

  return {
    async createSession() {
      if (agent) throw new ViewerError(ViewerErrorCode.INVALID_STATE, 'this connection already has a session');
      const token = await fetchToken(init.getToken);
      let session: AgentSession;
      try {
        session = await createAgentClient({ url: init.relayUrl, token });
      } catch (error) {
        throw viewerErrorFromRelay(error);
      }
      agent = session;
      if (finished) session.cancel();
      else awaitGuest(session);
      return { sessionId: session.sessionId, number: session.number, expiresAt: session.expiresAt };
    },
    requestControl() {
      if (!call) return;
      controls.requested();
      call.requestControl().catch((error: unknown) => {
        events.error(new ViewerError(ViewerErrorCode.INVALID_STATE, String(error), { cause: error }));
        events.control(controls.fromCall(false) ?? 'refused');
      });
    },
    releaseControl() {
      if (!call) return;
      controls.released();
      void call.releaseControl();
    },
    sendPointer(input) {
      call?.sendPointer(input);
    },
    sendKey(input) {
      call?.sendKey(toKeyMessage(input));
    },
    end(reason) {
      if (call) {
        void call.end(reason);
        return;
      }
      if (channel) channel.close(reason);
      else agent?.cancel();
      finish(reason);
    },
  };
}
