import { attachCall, type CallEnded, createGuestCall, type GuestCall } from '@fernhilfe/call';
import { reportDecisions } from '@fernhilfe/desktop';
import type { GuestChannel } from '@fernhilfe/transport';
import type { FrameEncoder } from './frame-encoder';
import { type FramePump, startFramePump } from './frame-pump';
import { checkNumber } from './number-input';
import { type EndCause, INITIAL_STATE, joinFailureFor, type PageState } from './page-state';
import type { ScreenShare } from './screen-share';

/** What the page needs from the browser and the network; tests pass fakes. */
export interface GuestPageDeps {
  /** Joins the session with the (checked) number; resolves with the paired channel. */
  join(digits: string): Promise<GuestChannel>;
  /** Asks the browser for the screen (the browser's picker). Called straight from the "Ja" click. */
  shareScreen(): Promise<ScreenShare>;
  /** The screen size announced to the viewer before capture starts. */
  screenSize(): { width: number; height: number };
  /** Makes the encoder for one session (a worker in the browser). @default encodes on the calling thread */
  createFrameEncoder?: () => FrameEncoder;
}

interface LiveCall {
  channel: GuestChannel;
  call: GuestCall;
  share?: ScreenShare;
  pump?: FramePump;
  /** The page's own finer reason for the coming end, when it knows one. */
  cause?: EndCause;
}

/**
 * The support page's controller: turns the customer's clicks and the call's events into page
 * states. No DOM here; `app.ts` renders {@link GuestPage.state} and forwards clicks.
 */
export class GuestPage {
  #state: PageState = INITIAL_STATE;
  readonly #deps: GuestPageDeps;
  readonly #listeners = new Set<(state: PageState) => void>();
  #attempt = 0;
  #live: LiveCall | undefined;

  /** @param deps - browser and network access */
  constructor(deps: GuestPageDeps) {
    this.#deps = deps;
  }

  /** The current page state. */
  get state(): PageState {
    return this.#state;
  }

  /**
   * Subscribes to state changes.
   *
   * @param listener - called with every new state
   * @returns a function that unsubscribes
   */
  onChange(listener: (state: PageState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The customer typed in the number field: the number is checked at once (typos by the
   * check digit), nothing goes on the network.
   *
   * @param input - the field's value
   */
  type(input: string): void {
    if (this.#state.step !== 'enter') return;
    this.#set({ step: 'enter', input, check: checkNumber(input, false) });
  }

  /** "Support starten": joins with the number if it is valid, otherwise explains what is wrong. */
  async start(): Promise<void> {
    if (this.#state.step !== 'enter') return;
    const input = this.#state.input;
    const check = checkNumber(input, true);
    if (check.status !== 'valid') {
      this.#set({ step: 'enter', input, check });
      return;
    }
    const attempt = ++this.#attempt;
    this.#set({ step: 'connecting' });
    let channel: GuestChannel;
    try {
      channel = await this.#deps.join(check.digits);
    } catch (error) {
      if (attempt === this.#attempt) this.#set({ step: 'enter', input, check, failure: joinFailureFor(error) });
      return;
    }
    if (attempt !== this.#attempt) {
      channel.close('guest-ended');
      return;
    }
    this.#beginCall(channel);
  }

  /** "Abbrechen" while connecting: gives up and returns to the number field. */
  cancel(): void {
    if (this.#state.step !== 'connecting') return;
    this.#attempt++;
    const live = this.#live;
    if (live !== undefined) {
      live.cause = 'guest-ended';
      void live.call.end('guest-ended');
      return;
    }
    this.#set(INITIAL_STATE);
  }

  /**
   * "Ja": opens the browser's picker (call this synchronously from the click, or the browser
   * refuses), then tells the viewer the customer consented and starts sending the screen.
   * Cancelling the picker refuses consent.
   */
  async confirm(): Promise<void> {
    const live = this.#live;
    if (live === undefined || this.#state.step !== 'confirm') return;
    const agent = this.#state.agent;
    this.#set({ step: 'choosing', agent });
    let share: ScreenShare;
    try {
      share = await this.#deps.shareScreen();
    } catch (error) {
      const cancelled =
        error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError');
      await this.#endWith(live, cancelled ? 'picker-cancelled' : 'capture-unsupported');
      return;
    }
    if (this.#live !== live || live.call.state !== 'awaiting-consent') {
      share.stop();
      return;
    }
    live.share = share;
    share.onEnded(() => {
      if (this.#live !== live) return;
      live.cause = 'stopped-sharing';
      void live.call.end('guest-ended');
    });
    await live.call.confirm();
    if (this.#live !== live) return;
    this.#set({ step: 'live', agent });
    live.pump = startFramePump({
      source: share,
      call: live.call,
      ...(this.#deps.createFrameEncoder === undefined ? {} : { encoder: this.#deps.createFrameEncoder() }),
      onError: () => void live.call.end('protocol-error'),
    });
  }

  /** "Nein": refuses; nothing was captured. */
  async refuse(): Promise<void> {
    const live = this.#live;
    if (live === undefined || this.#state.step !== 'confirm') return;
    await this.#endWith(live, 'consent-refused');
  }

  /** "Beenden": ends the running session. */
  async end(): Promise<void> {
    const live = this.#live;
    if (live === undefined) return;
    live.cause = 'guest-ended';
    await live.call.end('guest-ended');
  }

  /** "Zur Startseite" after the end. */
  back(): void {
    if (this.#state.step === 'ended') this.#set(INITIAL_STATE);
  }

  /**
   * The tab is closing (`pagehide`): ends the session as `guest-window-closed`. The encrypted end
   * message is written to the socket synchronously (when the send queue is not backed up); the
   * relay's end and the socket close follow in the same turn's microtasks.
   */
  pageClosing(): void {
    this.#attempt++;
    const live = this.#live;
    if (live === undefined) return;
    live.cause = 'guest-window-closed';
    live.pump?.stop();
    live.share?.stop();
    void live.call.end('guest-window-closed').finally(() => live.channel.close('guest-window-closed'));
  }

  #beginCall(channel: GuestChannel): void {
    const agent = { org: channel.peer.org, agentName: channel.peer.agentName };
    // Closes the channel once the call ended, after the listeners below (a refusal is reported first).
    const { call } = attachCall('guest', channel, (send) =>
      createGuestCall({ sessionId: channel.peer.sessionId, screen: this.#deps.screenSize(), canControl: false, send }),
    );
    const live: LiveCall = { channel, call };
    this.#live = live;
    reportDecisions(call, channel);
    call.on('security-code', (code) => {
      if (this.#live === live) this.#set({ step: 'confirm', agent, code });
    });
    call.on('ended', (ended) => this.#onEnded(live, ended));
    call.start();
  }

  async #endWith(live: LiveCall, cause: EndCause): Promise<void> {
    live.cause = cause;
    if (live.call.state === 'awaiting-consent') await live.call.refuse();
    else await live.call.end('guest-ended');
  }

  #onEnded(live: LiveCall, ended: CallEnded): void {
    live.pump?.stop();
    live.share?.stop();
    const shared = (live.pump?.framesSent ?? 0) > 0;
    const cause = ended.by === 'guest' && live.cause !== undefined ? live.cause : ended.reason;
    if (this.#live !== live) return;
    this.#live = undefined;
    // Cancelled while connecting, or the tab closed (seen only if the browser restores the
    // page from its back/forward cache): back to the number field.
    if (cause === 'guest-window-closed' || (live.cause === 'guest-ended' && this.#state.step === 'connecting')) {
      this.#set(INITIAL_STATE);
      return;
    }
    this.#set({ step: 'ended', outcome: { cause, shared } });
  }

  #set(state: PageState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
