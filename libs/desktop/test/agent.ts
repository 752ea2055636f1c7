import type { CallEnded, ViewerCall } from '@fernhilfe/call';
import { type FakeChannel, pairWithViewerCall } from '../../../scripts/fake-guest-channel';

/** Who the relay says the agent is. */
export const PEER = { sessionId: 's-1', org: 'Stadtwerke Fernhilfe', agentName: 'Frau Weber' };

/** The agent's side of one joined session: a real viewer call on an in-memory channel. */
export interface Agent {
  /** The viewer call. */
  viewer: ViewerCall;
  /** The guest's channel, as `createGuestClient` would return it. */
  channel: FakeChannel;
  /** How the call ended for the agent. */
  ended: Promise<CallEnded>;
  /** Every control change the agent saw. */
  control: boolean[];
  /** Screen updates the agent received. */
  readonly frames: number;
}

/**
 * Pairs a guest channel with a fresh agent, as the relay would.
 *
 * @returns the agent, with the guest's end of the channel
 */
export function pairWithAgent(): Agent {
  const { channel, viewer } = pairWithViewerCall(PEER);
  const control: boolean[] = [];
  let frames = 0;
  viewer.on('control', (granted) => control.push(granted));
  viewer.on('frame', (frame) => {
    frames++;
    void viewer.ackFrame(frame.frameId).catch(() => undefined);
  });
  return {
    viewer,
    channel,
    control,
    ended: new Promise((resolve) => viewer.on('ended', resolve)),
    get frames() {
      return frames;
    },
  };
}
