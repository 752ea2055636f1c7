import { CryptoErrorCode, HandshakeError } from './errors';

/**
 * Walks a single-use state machine through its steps in one fixed order. Calling a step
 * out of order, twice, or after any failure ends it in `failed` for good.
 */
export class StepTracker<Step extends string> {
  #step: Step | 'failed';

  constructor(initial: Step) {
    this.#step = initial;
  }

  /** The current step. */
  get step(): Step | 'failed' {
    return this.#step;
  }

  /**
   * Runs `action` if the machine is at `from`, then moves to `to`.
   *
   * @throws {@link HandshakeError} `CRYPTO_HANDSHAKE_STATE` when not at `from`; whatever `action` throws
   */
  advance<T>(from: Step, to: Step, action: () => T): T {
    if (this.#step !== from) {
      this.#step = 'failed';
      throw new HandshakeError(CryptoErrorCode.HANDSHAKE_STATE, `handshake is not at step "${from}"`);
    }
    try {
      const result = action();
      this.#step = to;
      return result;
    } catch (error) {
      this.#step = 'failed';
      throw error;
    }
  }
}
