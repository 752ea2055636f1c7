import { parseArgs } from 'node:util';
import { AuditError } from '@fernhilfe/session';
import { readAuditAnchorFile, readAuditKeyFile, verifyJsonlAuditFile } from '@fernhilfe/session/audit-jsonl';
import { CliUsageError, RelayCliErrorCode } from './errors';

const USAGE = `Usage: node apps/relay/dist/audit-verify.js AUDIT_FILE [--key-file KEY_FILE] [--anchor ANCHOR_FILE]

Verifies a Fernhilfe audit log: its chain, with --key-file the HMAC of every keyed line, and with
--anchor (the relay's <audit file>.anchor, or a file holding the JSON of the last "audit anchor" line
from the relay's log) that nothing was cut off or changed up to the anchored line.
Exit code 0: intact; 1: a problem (printed with its code); 2: bad arguments or unreadable files.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'key-file': { type: 'string' }, anchor: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const key = values['key-file'] === undefined ? undefined : await readAuditKeyFile(values['key-file']);
  const anchor = values.anchor === undefined ? undefined : await readAuditAnchorFile(values.anchor);
  if (values.anchor !== undefined && anchor === undefined) {
    throw new CliUsageError(RelayCliErrorCode.MISSING_FILE, `no anchor file ${values.anchor}`);
  }
  const result = await verifyJsonlAuditFile(positionals[0] as string, { key, anchor });
  if (result.ok) {
    const keyed = key === undefined ? 'not checked (no key)' : `keyed from line ${result.keyedFrom + 1}`;
    console.log(`ok: ${result.records} records, ${keyed}${anchor ? `, anchor at line ${anchor.seq + 1} matches` : ''}`);
    return 0;
  }
  console.log(`${result.problem}: line ${result.line} (${result.records} records verified before it)`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    const code = error instanceof AuditError || error instanceof CliUsageError ? ` ${error.code}` : '';
    console.error(`audit-verify:${code} ${error.message}\n\n${USAGE}`);
    process.exit(2);
  },
);
