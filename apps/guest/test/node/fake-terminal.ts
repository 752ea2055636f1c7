import type { LineResult, ReadLineOptions, Terminal } from '../../src/node/terminal';

/** A terminal driven by the test: it answers reads with queued lines and records all output. */
export interface FakeTerminal extends Terminal {
  /** Everything printed and prompted, in order. */
  readonly output: string[];
  /** Prompts of the reads, in order, with whether they were secret. */
  readonly prompts: Array<{ prompt: string; secret: boolean }>;
  /** Queues a line; a pending read gets it at once. */
  type(line: string): void;
  /** Ends the input (like Ctrl+D). */
  endInput(): void;
  /** Presses Ctrl+C. */
  pressCtrlC(): void;
  /** Resolves when a read is pending whose prompt matches. */
  waitForPrompt(pattern: RegExp): Promise<void>;
}

export function createFakeTerminal(): FakeTerminal {
  const output: string[] = [];
  const prompts: Array<{ prompt: string; secret: boolean }> = [];
  const lines: string[] = [];
  const interrupt: Array<() => void> = [];
  let pending: { resolve: (r: LineResult) => void; prompt: string } | undefined;
  let ended = false;
  const settle = (result: LineResult) => {
    const read = pending;
    pending = undefined;
    read?.resolve(result);
  };
  return {
    output,
    prompts,
    print: (text) => void output.push(text),
    readLine(prompt: string, options: ReadLineOptions = {}) {
      prompts.push({ prompt, secret: options.secret === true });
      output.push(prompt);
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve({ kind: 'line', text: line });
      if (ended) return Promise.resolve({ kind: 'closed' });
      if (options.signal?.aborted) return Promise.resolve({ kind: 'aborted' });
      return new Promise<LineResult>((resolve) => {
        pending = { resolve, prompt };
        options.signal?.addEventListener('abort', () => settle({ kind: 'aborted' }), { once: true });
      });
    },
    setPrompt(prompt) {
      if (pending) pending.prompt = prompt;
      output.push(prompt);
    },
    onInterrupt: (listener) => void interrupt.push(listener),
    close: () => settle({ kind: 'aborted' }),
    type(line) {
      if (pending) settle({ kind: 'line', text: line });
      else lines.push(line);
    },
    endInput() {
      ended = true;
      settle({ kind: 'closed' });
    },
    pressCtrlC() {
      for (const listener of interrupt) listener();
    },
    async waitForPrompt(pattern) {
      const deadline = Date.now() + 20_000; // generous: the machine may be busy
      while (!(pending && pattern.test(pending.prompt))) {
        if (Date.now() > deadline) throw new Error(`no prompt matching ${pattern}; output:\n${output.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
