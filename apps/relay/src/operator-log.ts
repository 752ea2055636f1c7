/** How operator log lines are written: human-readable text, or one JSON object per line. */
export type LogFormat = 'human' | 'json';

/** Severity of an operator log line. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Structured fields of a line: never tokens, session numbers, security codes or keys. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** The relay's operator log: one line per event an operator acts on. */
export interface OperatorLog {
  /**
   * Writes one line.
   *
   * @param level - severity (info to stdout, warn and error to stderr)
   * @param event - stable event name, e.g. `session-ended` (the `event` field in JSON)
   * @param text - the human-readable line (the `msg` field in JSON)
   * @param fields - structured details (JSON only; the text should say what matters)
   */
  write(level: LogLevel, event: string, text: string, fields?: LogFields): void;
}

/** Where lines go. */
export interface LogSink {
  /** Info lines. */
  out(line: string): void;
  /** Warnings and errors. */
  err(line: string): void;
}

const PROCESS_SINK: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Creates the operator log. Human lines read `fernhilfe-relay: <text>`; JSON lines are
 * `{"time":…,"level":…,"event":…,"msg":…,<fields>}`.
 *
 * @param format - `human` or `json`
 * @param sink - where lines go @default stdout for info, stderr for warnings and errors
 * @param clock - ms since epoch, for `time` @default Date.now
 * @returns the log
 */
export function createOperatorLog(format: LogFormat, sink: LogSink = PROCESS_SINK, clock = Date.now): OperatorLog {
  return {
    write(level, event, text, fields = {}) {
      const line =
        format === 'json'
          ? JSON.stringify({ time: new Date(clock()).toISOString(), level, event, msg: text, ...fields })
          : `fernhilfe-relay: ${text}`;
      if (level === 'info') sink.out(line);
      else sink.err(line);
    },
  };
}
