import { createDecoder, type Decoder } from '@fernhilfe/codec';
import { type CallEnded, createViewerCall, type GuestInfo, type ViewerCall } from '@fernhilfe/session';
import { createAgentClient, type PairedChannel } from '@fernhilfe/transport';
import { AGENT_TOKEN } from './guest-site';

/** The agent's side, built from the libs only: relay client, viewer call, decoder. */
export interface HeadlessViewer {
  /** The session number to type into the page. */
  number: string;
  /** Resolves once the page joined. */
  paired: Promise<PairedViewer>;
  cancel(): void;
}

/** A paired viewer. */
export interface PairedViewer {
  channel: PairedChannel;
  call: ViewerCall;
  decoder: Decoder;
  securityCode: Promise<string>;
  guest: Promise<GuestInfo>;
  consent: Promise<boolean>;
  ended: Promise<CallEnded>;
  /** Frames decoded so far. */
  readonly frames: number;
}

function once<T>(call: ViewerCall, name: 'security-code' | 'guest' | 'consent' | 'ended'): Promise<T> {
  return new Promise<T>((resolve) => {
    const off = call.on(name, (value) => {
      off();
      resolve(value as T);
    });
  });
}

/**
 * Creates a session at the relay and waits for the page to join.
 *
 * @param relayUrl - ws URL of the relay
 */
export async function startHeadlessViewer(relayUrl: string): Promise<HeadlessViewer> {
  const session = await createAgentClient({ url: relayUrl, token: AGENT_TOKEN });
  const paired = session.waitForGuest().then((channel) => {
    const call = createViewerCall({ sessionId: channel.peer.sessionId, send: (bytes) => channel.send(bytes) });
    const decoder = createDecoder({ maxWidth: 4096, maxHeight: 4096 });
    let frames = 0;
    call.on('frame', ({ data }) => {
      decoder.decode(data);
      frames++;
    });
    const viewer: PairedViewer = {
      channel,
      call,
      decoder,
      securityCode: once(call, 'security-code'),
      guest: once(call, 'guest'),
      consent: once(call, 'consent'),
      ended: once(call, 'ended'),
      get frames() {
        return frames;
      },
    };
    channel.onMessage((bytes) => call.receive(bytes));
    void channel.ended.then(() => call.transportLost());
    return viewer;
  });
  return { number: session.number, paired, cancel: () => session.cancel() };
}
