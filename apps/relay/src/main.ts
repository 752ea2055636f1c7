import { AUDIT_USAGE, auditCommandFailure, runAuditCommand } from './audit-command';
import { bannerLines } from './banner';
import { HELP, readSettings } from './cli-options';
import { CliUsageError } from './errors';
import { createOperatorLog } from './operator-log';
import { type RunningRelayServer, startRelayServer } from './relay-server';

function usageFailure(error: CliUsageError): never {
  console.error(`fernhilfe-relay: ${error.code}: ${error.message}\nRun fernhilfe-relay --help for the options.`);
  process.exit(2);
}

async function audit(argv: string[]): Promise<void> {
  try {
    process.exit(await runAuditCommand(argv));
  } catch (error) {
    const failure = auditCommandFailure(error as Error);
    console.error(failure.exitCode === 2 ? `${failure.line}\n\n${AUDIT_USAGE}` : failure.line);
    process.exit(failure.exitCode);
  }
}

function stopOnSignals(running: RunningRelayServer, drainTimeoutSeconds: number): void {
  const { log } = running;
  let stopping = false;
  let draining = false;
  const exitAfter = (step: Promise<void>, done: string) =>
    step.then(
      () => {
        log.write('info', 'stopped', done);
        process.exit(0);
      },
      (error: Error) => {
        log.write('error', 'stop-failed', `shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.write('error', 'stop-forced', `${signal} again, exiting without waiting`);
      process.exit(1);
    }
    if (signal === 'SIGTERM' && drainTimeoutSeconds > 0 && !draining) {
      draining = true;
      log.write(
        'info',
        'draining',
        `SIGTERM, draining: no new sessions, waiting up to ${drainTimeoutSeconds} s for live ones…`,
        { signal, drainTimeoutSeconds },
      );
      void exitAfter(running.drain(drainTimeoutSeconds * 1000), 'drained, stopped');
      return;
    }
    stopping = true;
    log.write('info', 'stopping', `${signal}, ending sessions and flushing the audit log…`, { signal });
    void exitAfter(running.close(), 'stopped');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'audit') return audit(argv.slice(1));
  let settings: ReturnType<typeof readSettings>;
  try {
    settings = readSettings(argv, process.env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    usageFailure(error);
  }
  if (settings.help) {
    console.log(HELP);
    return;
  }
  const log = createOperatorLog(settings.logFormat);
  const running = await startRelayServer(settings, log);
  // Handlers before the banner: whoever reads the banner may signal at once.
  stopOnSignals(running, settings.drainTimeoutSeconds);
  console.log(bannerLines(running, settings).join('\n'));
  if (running.tokenLinesWithoutId.length > 0) {
    log.write(
      'warn',
      'tokens-without-id',
      `token file lines ${running.tokenLinesWithoutId.join(', ')} have no id=: their sessions are recorded under an ` +
        'id derived from the token (token-…), which changes when the token does. Add "id=AGENT-ID" after each token.',
    );
  }
  log.write('info', 'started', `started on ${running.baseUrl}`, {
    listen: running.baseUrl,
    publicUrl: running.publicUrl,
    auditFile: settings.auditFile,
  });
}

main().catch((error: Error) => {
  // Settings that only turn out wrong while starting: a short token, an unsafe state path, a held audit log.
  if (error instanceof CliUsageError) usageFailure(error);
  console.error(`fernhilfe-relay: ${error.name}: ${error.message}`);
  process.exit(1);
});
