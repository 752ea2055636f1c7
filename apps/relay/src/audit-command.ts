import { parseArgs } from 'node:util';
import { AuditError, type AuditKey } from '@fernhilfe/session';
import {
  checkSealLink,
  readAuditAnchorFile,
  sealJsonlAuditFile,
  verifyJsonlAuditFile,
} from '@fernhilfe/session/audit-jsonl';
import { loadAuditKey } from './audit-log';
import { CliUsageError, RelayCliErrorCode } from './errors';

/** Usage of `fernhilfe-relay audit`. */
export const AUDIT_USAGE = `Usage: fernhilfe-relay audit verify FILE [--key-file KEY_FILE] [--anchor ANCHOR_FILE]
       fernhilfe-relay audit seal FILE [--key-file KEY_FILE]

verify  checks an audit log (read-only; the relay may be running): its chain, with --key-file the
        HMAC of every keyed line, and with --anchor (the relay's <audit file>.anchor, or a file with
        the JSON of the last "audit anchor" line from the relay's log) that nothing was cut off or
        changed up to the anchored line. A log started by "seal" also has its link to the sealed
        file checked. Exit code 0: intact; 1: a problem (printed with its code); 2: bad arguments
        or unreadable files.
seal    recovers from a broken chain without losing evidence (no relay may be running on FILE):
        renames FILE (and its anchor) to FILE.sealed-<time>, read-only and unchanged, and starts a
        new FILE whose first record, chain-continued, names the sealed file, where it broke and
        the SHA-256 of its last good line. Exit code 0: sealed; 1: nothing to seal or held by a
        relay; 2: bad arguments or unreadable files.`;

type Print = (line: string) => void;

async function verify(file: string, key: AuditKey | undefined, anchorFile: string | undefined, print: Print) {
  const anchor = anchorFile === undefined ? undefined : await readAuditAnchorFile(anchorFile);
  if (anchorFile !== undefined && anchor === undefined) {
    throw new CliUsageError(RelayCliErrorCode.MISSING_FILE, `no anchor file ${anchorFile}`);
  }
  const result = await verifyJsonlAuditFile(file, { key, anchor });
  if (!result.ok) {
    print(`${result.problem}: line ${result.line} (${result.records} records verified before it)`);
    return 1;
  }
  const keyed = key === undefined ? 'not checked (no key)' : `keyed from line ${result.keyedFrom + 1}`;
  print(`ok: ${result.records} records, ${keyed}${anchor ? `, anchor at line ${anchor.seq + 1} matches` : ''}`);
  const link = await checkSealLink(file);
  if (link === undefined) return 0;
  const { continued, sealed } = link;
  print(
    `continues ${continued.sealedFile} after its record ${continued.sealedRecords} ` +
      `(sha256 ${continued.sealedLastHash}; it broke at line ${continued.problemLine}: ${continued.problem})`,
  );
  if (sealed === 'matches') {
    print(`link to ${continued.sealedFile}: matches`);
    return 0;
  }
  print(
    `link to ${continued.sealedFile}: ${sealed === 'missing' ? 'sealed file not found beside the log' : 'DIFFERS'}`,
  );
  return sealed === 'missing' ? 0 : 1;
}

async function seal(file: string, key: AuditKey | undefined, print: Print) {
  const result = await sealJsonlAuditFile(file, { key });
  const { continued } = result;
  print(`sealed: ${result.sealedPath} (read-only; broke at line ${continued.problemLine}: ${continued.problem})`);
  print(
    `new log: ${file}, first record chain-continued after ${continued.sealedRecords} good records ` +
      `(sha256 ${continued.sealedLastHash}); ${result.interrupted} session(s) left open closed as interrupted`,
  );
  return 0;
}

/**
 * Runs `fernhilfe-relay audit verify|seal FILE …`.
 *
 * @param argv - the arguments after `audit`
 * @param print - where result lines go @default console.log
 * @returns the exit code: 0 intact/sealed, 1 a problem, 2 bad arguments (printed by the caller)
 * @throws {@link CliUsageError} for bad arguments or a bad key file; `AuditError` for unreadable
 *   files, a held log or an intact log given to `seal`
 */
export async function runAuditCommand(argv: string[], print: Print = console.log): Promise<number> {
  let parsed: ReturnType<typeof parseAuditArgs>;
  try {
    parsed = parseAuditArgs(argv);
  } catch (error) {
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, (error as Error).message, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help) {
    print(AUDIT_USAGE);
    return 0;
  }
  const [action, file, ...extra] = positionals;
  if ((action !== 'verify' && action !== 'seal') || file === undefined || extra.length > 0) {
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, 'give "audit verify FILE" or "audit seal FILE"');
  }
  if (action === 'seal' && values.anchor !== undefined) {
    throw new CliUsageError(RelayCliErrorCode.INVALID_OPTION, '--anchor belongs to "audit verify"');
  }
  const key = values['key-file'] === undefined ? undefined : await loadAuditKey(values['key-file']);
  return action === 'verify' ? verify(file, key, values.anchor, print) : seal(file, key, print);
}

function parseAuditArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { 'key-file': { type: 'string' }, anchor: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}

/**
 * How a failed audit command is reported: its code, its message and the exit code.
 *
 * @param error - what `runAuditCommand` threw
 * @returns the line to print and the exit code (1 for a held or intact log, else 2)
 */
export function auditCommandFailure(error: Error): { line: string; exitCode: number } {
  const code = error instanceof AuditError || error instanceof CliUsageError ? ` ${error.code}` : '';
  const exitCode =
    error instanceof AuditError && ['SESSION_AUDIT_LOCKED', 'SESSION_AUDIT_CHAIN_INTACT'].includes(error.code) ? 1 : 2;
  return { line: `fernhilfe-relay audit:${code} ${error.message}`, exitCode };
}
