import type { InputBlockedReason } from '@fernhilfe/call';
import type { EndReason } from '../../src/connection/end-reasons';
import type {
  ControlChange,
  CreatedSession,
  ViewerConnectionEvents,
  ViewerConnectionFactory,
} from '../../src/connection/viewer-connection';
import { ViewerError, type ViewerErrorCode } from '../../src/errors';
import type { RemoteKeyInput, RemotePointerInput } from '../../src/input/remote-input';
import type { CursorUpdate } from '../../src/render/framebuffer';

/** What the fake relay saw the viewer send. */
export interface FakeRelaySent {
  tokens: string[];
  pointer: RemotePointerInput[];
  keys: RemoteKeyInput[];
  controlRequests: number;
  controlReleases: number;
  ends: EndReason[];
}

/** An in-memory relay + guest: the test plays the customer's side. */
export interface FakeRelay {
  readonly connect: ViewerConnectionFactory;
  readonly sent: FakeRelaySent;
  /** The next `createSession` fails with this code (once). */
  failNextCreate(code: ViewerErrorCode): void;
  /** Tokens for which `createSession` fails with `VIEWER_TOKEN_REJECTED`. */
  rejectToken(token: string): void;
  /** Session the next `createSession` returns. */
  nextSession: CreatedSession;
  customerJoins(): void;
  showCode(code: string): void;
  consent(): void;
  screen(bytes: Uint8Array): void;
  cursor(update: CursorUpdate): void;
  control(change: ControlChange): void;
  inputBlocked(reason: InputBlockedReason): void;
  rtt(milliseconds: number): void;
  guestEnds(reason: EndReason): void;
  error(code: ViewerErrorCode): void;
  /** Clears `sent` input lists. */
  clearInput(): void;
}

/**
 * @param now - clock for the default expiry
 * @returns a fake relay whose `connect` is a {@link ViewerConnectionFactory}
 */
export function createFakeRelay(now: () => number = () => Date.now()): FakeRelay {
  let events: ViewerConnectionEvents | undefined;
  let failure: ViewerErrorCode | undefined;
  const rejected = new Set<string>();
  const sent: FakeRelaySent = { tokens: [], pointer: [], keys: [], controlRequests: 0, controlReleases: 0, ends: [] };
  const on = () => {
    if (!events) throw new Error('no connection open');
    return events;
  };

  const relay: FakeRelay = {
    sent,
    nextSession: { sessionId: 'sess-0001', number: '12345678', expiresAt: now() + 10 * 60_000 },
    connect(init) {
      events = init.events;
      return {
        async createSession() {
          const token = await init.getToken();
          sent.tokens.push(token);
          if (rejected.has(token)) throw new ViewerError('VIEWER_TOKEN_REJECTED', 'token rejected');
          if (failure) {
            const code = failure;
            failure = undefined;
            throw new ViewerError(code, 'create failed');
          }
          return { ...relay.nextSession };
        },
        requestControl: () => {
          sent.controlRequests++;
        },
        releaseControl: () => {
          sent.controlReleases++;
        },
        sendPointer: (input) => {
          sent.pointer.push(input);
        },
        sendKey: (input) => {
          sent.keys.push(input);
        },
        end: (reason) => {
          sent.ends.push(reason);
          init.events.ended(reason);
        },
      };
    },
    failNextCreate(code) {
      failure = code;
    },
    rejectToken(token) {
      rejected.add(token);
    },
    customerJoins: () => on().paired({ guestKind: 'fake' }),
    showCode: (code) => on().securityCode(code),
    consent: () => on().consent(),
    screen: (bytes) => on().screenUpdate(bytes),
    cursor: (update) => on().cursor(update),
    control: (change) => on().control(change),
    inputBlocked: (reason) => on().inputBlocked(reason),
    rtt: (milliseconds) => on().rtt(milliseconds),
    guestEnds: (reason) => on().ended(reason),
    error: (code) => on().error(new ViewerError(code, 'fake error')),
    clearInput() {
      sent.pointer.length = 0;
      sent.keys.length = 0;
    },
  };
  return relay;
}
