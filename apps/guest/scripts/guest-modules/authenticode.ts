import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SigningOptions } from './module-options';

const run = promisify(execFile);

/** Debian's bundle of the system's trusted CAs (osslsigncode's default `-CAfile`). */
const SYSTEM_CA_FILE = '/etc/ssl/certs/ca-certificates.crt';

/** Description shown by Windows in the signature and the SmartScreen / UAC prompts. */
export const SIGNATURE_DESCRIPTION = 'Fernhilfe Gastmodul';

/** What signing made, for the build's summary. */
export interface SignatureReport {
  /** Subject of the signing certificate, as osslsigncode prints it. */
  readonly subject: string;
  /** Whether a time stamp was added. */
  readonly timestamped: boolean;
}

function passwordArgs(signing: SigningOptions): string[] {
  return signing.passwordFile === undefined ? ['-pass', ''] : ['-readpass', signing.passwordFile];
}

/**
 * The certificates inside the PKCS#12 file as PEM, written to `work`: the CA file that
 * `osslsigncode verify` checks the fresh signature against (the system's CAs are added, so a
 * certificate from a public CA without its root in the file verifies too).
 */
async function chainFile(signing: SigningOptions, work: string): Promise<string> {
  const file = join(work, 'signing-chain.pem');
  const password = signing.passwordFile === undefined ? 'pass:' : `file:${signing.passwordFile}`;
  await run('openssl', ['pkcs12', '-in', signing.pkcs12, '-nokeys', '-passin', password, '-out', file]);
  if (existsSync(SYSTEM_CA_FILE)) await appendFile(file, await readFile(SYSTEM_CA_FILE));
  return file;
}

/**
 * Signs a Windows executable with Authenticode (SHA-256) and verifies the signature at once.
 *
 * @param input - the unsigned executable
 * @param output - the signed executable to write
 * @param signing - certificate, password file, time-stamping service
 * @param work - a scratch directory
 * @returns who signed it
 * @throws `Error` with osslsigncode's output when signing or verifying fails
 */
export async function signExecutable(
  input: string,
  output: string,
  signing: SigningOptions,
  work: string,
): Promise<SignatureReport> {
  await rm(output, { force: true });
  const timestamp = signing.timestampUrl === undefined ? [] : ['-ts', signing.timestampUrl];
  await run('osslsigncode', [
    'sign',
    ...['-pkcs12', signing.pkcs12, ...passwordArgs(signing)],
    ...['-h', 'sha256', '-n', SIGNATURE_DESCRIPTION],
    ...timestamp,
    ...['-in', input, '-out', output],
  ]).catch((error: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`osslsigncode sign failed: ${error.stderr || error.stdout || error.message}`);
  });
  const verified = await verifySignature(output, await chainFile(signing, work));
  if (!verified.valid) throw new Error(`the fresh signature does not verify:\n${verified.output}`);
  return { subject: verified.subject ?? '(unknown subject)', timestamped: signing.timestampUrl !== undefined };
}

/** What `osslsigncode verify` said about a file. */
export interface VerifyResult {
  /** Whether the file carries a signature that verifies against the CA file. */
  readonly valid: boolean;
  /** Subject of the signer, when there is a signature. */
  readonly subject: string | undefined;
  /** osslsigncode's output. */
  readonly output: string;
}

/**
 * Runs `osslsigncode verify` on a file.
 *
 * @param file - the executable
 * @param caFile - PEM file of trusted certificates (the system's bundle when omitted)
 * @returns the verdict and osslsigncode's output
 */
export async function verifySignature(file: string, caFile?: string): Promise<VerifyResult> {
  const ca = caFile === undefined ? [] : ['-CAfile', caFile];
  const { output, valid } = await run('osslsigncode', ['verify', ...ca, '-in', file]).then(
    ({ stdout, stderr }) => ({ output: `${stdout}${stderr}`, valid: true }),
    (error: { stdout?: string; stderr?: string }) => ({
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      valid: false,
    }),
  );
  const subject = /Signer's certificate:[\s\S]*?Subject:\s*(.+)/.exec(output)?.[1]?.trim();
  return { valid: valid && /Signature verification: ok/.test(output), subject, output };
}
