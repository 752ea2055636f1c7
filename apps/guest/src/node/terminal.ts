import { clearLine, createInterface, cursorTo } from 'node:readline';
import { Writable } from 'node:stream';

/** A line the customer typed. */
export interface LineRead {
  /** Discriminator. */
  kind: 'line';
  /** The line, without its line break. */
  text: string;
}

/** No line: input ended (stdin closed, Ctrl+D) or the read was cancelled through its signal. */
export interface NoLine {
  /** `closed` when input ended, `aborted` when the signal cancelled the read. */
  kind: 'closed' | 'aborted';
}

/** Result of {@link Terminal.readLine}. */
export type LineResult = LineRead | NoLine;

/** Options of {@link Terminal.readLine}. */
export interface ReadLineOptions {
  /** Do not echo what is typed (passwords). */
  secret?: boolean;
  /** Cancels the read: it resolves `{ kind: 'aborted' }`. */
  signal?: AbortSignal;
}

/**
 * What the guest's UI needs from a terminal: print text, read a line behind a prompt, update
 * that prompt while waiting (the status line), and hear Ctrl+C. Tests use a scripted fake.
 */
export interface Terminal {
  /**
   * Prints text above the prompt.
   *
   * @param text - one or more lines, without trailing newline
   */
  print(text: string): void;
  /**
   * Shows `prompt` and reads one line.
   *
   * @param prompt - prompt text
   * @param options - secret input, cancellation
   * @returns the line, or why there is none
   */
  readLine(prompt: string, options?: ReadLineOptions): Promise<LineResult>;
  /**
   * Replaces the prompt of the pending read (no effect without one).
   *
   * @param prompt - new prompt text
   */
  setPrompt(prompt: string): void;
  /**
   * Adds a listener for Ctrl+C typed at the terminal.
   *
   * @param listener - called on each Ctrl+C
   */
  onInterrupt(listener: () => void): void;
  /** Stops reading input. */
  close(): void;
}

interface PendingRead {
  resolve: (result: LineResult) => void;
  secret: boolean;
  cleanup: () => void;
}

/**
 * A {@link Terminal} on Node streams with `node:readline`. On a TTY, secret input is not
 * echoed and printed text goes above the prompt; with piped input (tests, scripts) lines are
 * read as they come.
 *
 * @param input - usually `process.stdin`
 * @param output - usually `process.stdout`
 * @returns the terminal
 */
export function createReadlineTerminal(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
): Terminal {
  const tty = input.isTTY === true && output.isTTY === true;
  let muted = false;
  const echo = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) output.write(chunk, encoding);
      callback();
    },
  });
  Object.defineProperty(echo, 'columns', { get: () => output.columns });
  const rl = createInterface({ input, output: echo, terminal: tty, historySize: 0 });
  const queued: string[] = [];
  const interruptListeners: Array<() => void> = [];
  let pending: PendingRead | undefined;
  let closed = false;
  let promptOpen = false;

  const settle = (result: LineResult) => {
    const read = pending;
    pending = undefined;
    if (read === undefined) return false;
    read.cleanup();
    if (read.secret) {
      muted = false;
      if (tty) output.write('\n');
      promptOpen = !tty;
    }
    read.resolve(result);
    return true;
  };

  rl.on('line', (line) => {
    if (tty) promptOpen = false; // the terminal echoed the line and its Enter
    if (!settle({ kind: 'line', text: line })) queued.push(line);
  });
  rl.on('close', () => {
    closed = true;
    settle({ kind: 'closed' });
  });
  rl.on('SIGINT', () => {
    for (const listener of interruptListeners) listener();
  });

  return {
    print(text) {
      if (tty && pending !== undefined && !pending.secret) {
        clearLine(output, 0);
        cursorTo(output, 0);
        output.write(`${text}\n`);
        rl.prompt(true);
        return;
      }
      // Piped input is not echoed, and an abandoned prompt has no Enter: end its line first.
      output.write(promptOpen ? `\n${text}\n` : `${text}\n`);
      promptOpen = false;
    },
    readLine(prompt, options = {}) {
      settle({ kind: 'aborted' });
      const next = queued.shift();
      if (next !== undefined) return Promise.resolve({ kind: 'line', text: next });
      if (closed) return Promise.resolve({ kind: 'closed' });
      if (options.signal?.aborted) return Promise.resolve({ kind: 'aborted' });
      const secret = options.secret === true;
      return new Promise<LineResult>((resolve) => {
        const onAbort = () => settle({ kind: 'aborted' });
        options.signal?.addEventListener('abort', onAbort, { once: true });
        pending = { resolve, secret, cleanup: () => options.signal?.removeEventListener('abort', onAbort) };
        if (secret) {
          output.write(prompt);
          rl.setPrompt('');
          muted = true;
        } else {
          rl.setPrompt(prompt);
        }
        rl.prompt();
        promptOpen = true;
      });
    },
    setPrompt(prompt) {
      if (pending === undefined || pending.secret) return;
      rl.setPrompt(prompt);
      if (tty) {
        clearLine(output, 0);
        cursorTo(output, 0);
        rl.prompt(true);
      } else {
        output.write(`\n${prompt}`);
        promptOpen = true;
      }
    },
    onInterrupt(listener) {
      interruptListeners.push(listener);
    },
    close() {
      settle({ kind: 'aborted' });
      rl.close();
    },
  };
}
