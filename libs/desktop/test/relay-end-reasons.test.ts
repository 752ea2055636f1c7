import { attachCall, type CallEnded, createViewerCall } from '@fernhilfe/call';
import { createAgentClient, createGuestClient, type PairedChannel } from '@fernhilfe/transport';
import { createRelay, type Relay } from '@fernhilfe/transport/relay';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesktopSession } from '../src/desktop-session';
import { createFakeDesktop } from './fake-desktop';

const TOKEN = 'end-reasons-agent-token-0123456789';
let relay: Relay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

/**
 * A consented desktop session over a real relay on 127.0.0.1: the guest's desktop session on a
 * fake desktop, the agent's viewer call attached to its relay channel.
 */
async function liveSession() {
  relay = await createRelay({
    port: 0,
    host: '127.0.0.1',
    agentTokens: [{ token: TOKEN, agentId: 'weber', displayName: 'Frau Weber', org: 'Stadtwerke' }],
  });
  const url = `ws://127.0.0.1:${relay.address?.port}/relay`;
  const agent = await createAgentClient({ url, token: TOKEN, proxy: false });
  const [agentChannel, guestChannel] = await Promise.all([
    agent.waitForGuest(),
    createGuestClient({ url, number: agent.number, proxy: false }),
  ]);
  const { call: viewer } = attachCall('viewer', agentChannel, (send) =>
    createViewerCall({ sessionId: agentChannel.peer.sessionId, send }),
  );
  const viewerEnded = new Promise<CallEnded>((resolve) => viewer.on('ended', resolve));
  const session = startDesktopSession({ channel: guestChannel, desktop: createFakeDesktop(), pollIntervalMs: 10 });
  session.on('security-code', () => void session.confirm());
  await expect.poll(() => viewer.state, { timeout: 10_000 }).toBe('active-view');
  return { session, viewerEnded, agentChannel: agentChannel as PairedChannel };
}

describe('end reasons over a real relay', () => {
  it('the guest and the agent both see relay-shutdown when the relay shuts down', async () => {
    const { session, viewerEnded } = await liveSession();
    await relay?.close();
    expect(await session.ended).toMatchObject({ reason: 'relay-shutdown', by: 'transport' });
    expect(await viewerEnded).toMatchObject({ reason: 'relay-shutdown', by: 'transport' });
  }, 20_000);

  it('the guest sees agent-ended when the agent side goes without an end of its own (a closed browser)', async () => {
    const { session, agentChannel } = await liveSession();
    agentChannel.close('agent-ended');
    expect(await session.ended).toMatchObject({ reason: 'agent-ended', by: 'transport' });
  }, 20_000);
});
