import type { ProxyAuthRequest, ProxyCredentials } from '@fernhilfe/transport';
import type {
  ConsentOffer,
  CustomerUi,
  NumberNotice,
  ProgressStep,
  SharingCommand,
  SharingStatus,
} from '../src/customer-ui';

/** What each question of the UI is asked with and answered by. */
interface Questions {
  askNumber: { asked: NumberNotice | undefined; answer: string | undefined };
  askProxyCredentials: { asked: ProxyAuthRequest; answer: ProxyCredentials | null | undefined };
  askConsent: { asked: ConsentOffer; answer: boolean | undefined };
  askControl: { asked: { agentName: string }; answer: boolean | undefined };
  nextSharingCommand: { asked: undefined; answer: SharingCommand | undefined };
}

/** One open question; the test answers it. */
export interface OpenQuestion<K extends keyof Questions> {
  /** What the flow asked with. */
  asked: Questions[K]['asked'];
  /** Answers it (`undefined`: the customer closed the window). */
  answer(value: Questions[K]['answer']): void;
}

interface Pending {
  kind: keyof Questions;
  asked: unknown;
  resolve(value: unknown): void;
}

/** A {@link CustomerUi} the test drives: it waits for questions and answers them. */
export interface ScriptedUi extends CustomerUi {
  /** Progress steps and status windows shown, in order (`connecting`, `sharing control=false`, …). */
  readonly shown: string[];
  /** Questions the flow withdrew through their signal. */
  readonly withdrawn: Array<keyof Questions>;
  /**
   * Waits until the flow asks a question of this kind (fails after a generous timeout).
   *
   * @param kind - which question
   * @returns the open question
   */
  next<K extends keyof Questions>(kind: K): Promise<OpenQuestion<K>>;
}

/**
 * Creates the scripted UI. A question whose signal aborts resolves `undefined` by itself, as
 * the contract asks of a real UI.
 *
 * @returns the UI
 */
export function createScriptedUi(): ScriptedUi {
  const shown: string[] = [];
  const withdrawn: Array<keyof Questions> = [];
  const pending: Pending[] = [];
  /** Questions handed to the test: still open (a signal may withdraw them) but not handed out again. */
  const taken = new WeakSet<Pending>();

  const ask = <K extends keyof Questions>(
    kind: K,
    asked: Questions[K]['asked'],
    signal: AbortSignal,
  ): Promise<Questions[K]['answer']> =>
    new Promise((resolve) => {
      let settled = false;
      const settle = (value: unknown) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', withdraw);
        const at = pending.indexOf(entry);
        if (at >= 0) pending.splice(at, 1);
        resolve(value as Questions[K]['answer']);
      };
      const withdraw = () => {
        if (!settled) withdrawn.push(kind);
        settle(undefined);
      };
      const entry: Pending = { kind, asked, resolve: settle };
      if (signal.aborted) return withdraw();
      pending.push(entry);
      signal.addEventListener('abort', withdraw, { once: true });
    });

  return {
    shown,
    withdrawn,
    askNumber: (notice, signal) => ask('askNumber', notice, signal),
    askProxyCredentials: (request, signal) => ask('askProxyCredentials', request, signal),
    askConsent: (offer, signal) => ask('askConsent', offer, signal),
    askControl: (request, signal) => ask('askControl', request, signal),
    nextSharingCommand: (signal) => ask('nextSharingCommand', undefined, signal),
    showProgress(step: ProgressStep) {
      shown.push(step.kind);
    },
    showSharing(status: SharingStatus) {
      shown.push(`sharing control=${status.controlGranted}`);
    },
    async next(kind) {
      const deadline = Date.now() + 20_000; // generous: the machine may be busy
      for (;;) {
        const entry = pending.find((open) => open.kind === kind && !taken.has(open));
        if (entry !== undefined) {
          taken.add(entry);
          return { asked: entry.asked as never, answer: (value: unknown) => entry.resolve(value) };
        }
        if (Date.now() > deadline) {
          throw new Error(
            `no ${kind}; open: ${pending.map((open) => open.kind).join(', ')}; shown: ${shown.join(', ')}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
