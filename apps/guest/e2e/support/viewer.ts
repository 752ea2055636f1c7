import {
  attachCall,
  type CallEnded,
  type CursorMessage,
  createViewerCall,
  type GuestInfo,
  type ViewerCall,
} from '@fernhilfe/call';
import { createDecoder, type Decoder } from '@fernhilfe/codec';
import { type AgentSession, createAgentClient, type PairedChannel } from '@fernhilfe/transport';
import { AGENT_TOKEN } from './relay';

/** A headless agent viewer built from the libs: relay client, viewer call and decoder. */
export interface HeadlessViewer {
  /** The session number to give the guest. */
  number: string;
  /** Resolves when a guest joined and the call runs. */
  paired: Promise<PairedViewer>;
  cancel(): void;
}

export interface PairedViewer {
  channel: PairedChannel;
  call: ViewerCall;
  decoder: Decoder;
  securityCode: Promise<string>;
  guest: Promise<GuestInfo>;
  consent: Promise<boolean>;
  ended: Promise<CallEnded>;
  cursors: CursorMessage[];
  /** Ids of the frames decoded so far. */
  frameIds: number[];
  /** Per decoded frame: when it arrived, and what opening and decoding it cost (for benches). */
  arrivals: FrameArrival[];
  /** Frames decoded so far. */
  readonly frames: number;
  /** Waits for the control answer after `requestControl()`. */
  nextControl(): Promise<boolean>;
}

/** When a frame reached the headless viewer and what it cost there. */
export interface FrameArrival {
  frameId: number;
  /** Its last chunk's arrival, in ms on `performance.timeOrigin + performance.now()`. */
  arrivedAt: number;
  /** Decrypting and parsing its chunks, ms. */
  openMs: number;
  /** Decoding it into the framebuffer, ms. */
  decodeMs: number;
}

function once<T>(call: ViewerCall, name: 'security-code' | 'guest' | 'consent' | 'ended'): Promise<T> {
  return new Promise<T>((resolve) => {
    const off = call.on(name, (value) => {
      off();
      resolve(value as T);
    });
  });
}

export async function startViewer(
  url: string,
  options: { autoAck?: boolean; ca?: string; token?: string } = {},
): Promise<HeadlessViewer> {
  const session: AgentSession = await createAgentClient({
    url,
    token: options.token ?? AGENT_TOKEN,
    proxy: false,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  const paired = session.waitForGuest().then((channel) => {
    const { call } = attachCall('viewer', channel, (send) =>
      createViewerCall({ sessionId: channel.peer.sessionId, send, autoAck: options.autoAck ?? true }),
    );
    const decoder = createDecoder({ maxWidth: 4096, maxHeight: 4096 });
    const cursors: CursorMessage[] = [];
    const frameIds: number[] = [];
    const arrivals: FrameArrival[] = [];
    let frames = 0;
    call.on('frame', ({ frameId, data, arrivedAt, openMs }) => {
      const began = performance.now();
      decoder.decode(data);
      arrivals.push({ frameId, arrivedAt, openMs, decodeMs: performance.now() - began });
      frameIds.push(frameId);
      frames++;
    });
    call.on('cursor', (cursor) => cursors.push(cursor));
    const viewer: PairedViewer = {
      channel,
      call,
      decoder,
      securityCode: once(call, 'security-code'),
      guest: once(call, 'guest'),
      consent: once(call, 'consent'),
      ended: once(call, 'ended'),
      cursors,
      frameIds,
      arrivals,
      get frames() {
        return frames;
      },
      nextControl: () =>
        new Promise<boolean>((resolve) => {
          const off = call.on('control', (granted) => {
            off();
            resolve(granted);
          });
        }),
    };
    return viewer;
  });
  paired.catch(() => undefined); // a cancelled session never pairs; tests that await it still see the error
  return { number: session.number, paired, cancel: () => session.cancel() };
}
