// Test support: an in-memory relay channel for a guest, so guest tests (the browser page, the
// desktop session and customer flow) run a real call against a real viewer call without a relay.
import { createViewerCall, type ViewerCall } from '@fernhilfe/call';
import type { EndReason } from '@fernhilfe/session';
import type { GuestChannel, GuestReport, PeerInfo, SessionEnd } from '@fernhilfe/transport';

/** An in-memory stand-in for the relay's paired channel, wired to a peer function. */
export class FakeChannel implements GuestChannel {
  readonly peer: PeerInfo;
  readonly ended: Promise<SessionEnd>;
  /** Reasons given to `close`, in order. */
  readonly closes: EndReason[] = [];
  /** Reports sent to the relay, in order; `closes.length` at the time tells what came first. */
  readonly reports: Array<GuestReport & { closesBefore: number }> = [];
  /** Makes every `report` fail (the relay link is in trouble). */
  failReports = false;
  /** Where sent payloads go (the viewer). */
  toPeer: (bytes: Uint8Array) => void = () => undefined;
  #handler: ((bytes: Uint8Array) => void) | undefined;
  #settle!: (end: SessionEnd) => void;
  #open = true;

  constructor(peer: PeerInfo) {
    this.peer = peer;
    this.ended = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  send(bytes: Uint8Array): Promise<void> {
    if (!this.#open) return Promise.reject(new Error('closed'));
    queueMicrotask(() => this.toPeer(bytes));
    return Promise.resolve();
  }

  report(report: GuestReport): Promise<void> {
    if (this.failReports) return Promise.reject(new Error('report failed'));
    if (!this.#open) return Promise.reject(new Error('closed'));
    this.reports.push({ ...report, closesBefore: this.closes.length });
    return Promise.resolve();
  }

  onMessage(handler: (bytes: Uint8Array) => void): void {
    this.#handler = handler;
  }

  /** A payload from the viewer arrives. */
  deliver(bytes: Uint8Array): void {
    if (this.#open) queueMicrotask(() => this.#handler?.(bytes));
  }

  close(reason: EndReason = 'guest-ended'): void {
    this.closes.push(reason);
    this.drop(reason);
  }

  /** The relay ended the session (or the socket dropped). */
  drop(reason: EndReason = 'peer-lost'): void {
    if (!this.#open) return;
    this.#open = false;
    this.#settle({ reason });
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    throw new Error('not used by the fake');
  }
}

/**
 * A fake channel whose other end is a real viewer call, as the relay pairs a guest with an agent:
 * what the guest sends reaches the viewer call, what the viewer call sends reaches the guest.
 *
 * @param peer - who the relay says the agent is
 * @returns the guest's channel and the agent's viewer call
 */
export function pairWithViewerCall(peer: PeerInfo): { channel: FakeChannel; viewer: ViewerCall } {
  const channel = new FakeChannel(peer);
  const viewer = createViewerCall({ sessionId: peer.sessionId, send: (bytes) => channel.deliver(bytes) });
  channel.toPeer = (bytes) => viewer.receive(bytes);
  return { channel, viewer };
}
