import { HELP, readSettings } from './cli-options';
import { CliUsageError } from './errors';
import { readOfferedManifest } from './guest-modules-manifest';
import { startRelayServer } from './relay-server';

async function main(): Promise<void> {
  let settings: ReturnType<typeof readSettings>;
  try {
    settings = readSettings(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`fernhilfe-relay: ${error.message}\nRun fernhilfe-relay --help for the options.`);
    process.exit(2);
  }
  if (settings.help) {
    console.log(HELP);
    return;
  }
  const running = await startRelayServer(settings);
  // Handlers before the banner: whoever reads the banner may signal at once.
  let stopping = false;
  let draining = false;
  const exitAfter = (step: Promise<void>, done: string) =>
    step.then(
      () => {
        console.log(`fernhilfe-relay: ${done}`);
        process.exit(0);
      },
      (error: Error) => {
        console.error(`fernhilfe-relay: shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`fernhilfe-relay: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    if (signal === 'SIGTERM' && settings.drainTimeoutSeconds > 0 && !draining) {
      draining = true;
      const seconds = settings.drainTimeoutSeconds;
      console.log(`fernhilfe-relay: SIGTERM, draining: no new sessions, waiting up to ${seconds} s for live ones…`);
      void exitAfter(running.drain(seconds * 1000), 'drained, stopped');
      return;
    }
    stopping = true;
    console.log(`fernhilfe-relay: ${signal}, ending sessions and flushing the audit log…`);
    void exitAfter(running.close(), 'stopped');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const lines = [
    `Fernhilfe relay listening on ${running.baseUrl}`,
    `  Agent console:         ${running.baseUrl}/agent`,
    `  Customer support page: ${running.baseUrl}/`,
    `  Relay endpoint:        ${running.baseUrl.replace(/^http/, 'ws')}/relay`,
    `  Audit log:             ${settings.auditFile}`,
  ];
  if (settings.cluster) {
    lines.push(`  Cluster node:          ${settings.cluster.nodeId} (${settings.cluster.advertiseUrl})`);
  }
  const modules = readOfferedManifest(settings.guestModules)?.modules ?? [];
  lines.push(
    modules.length > 0
      ? `  Guest modules:         ${running.baseUrl}/downloads/ (${modules.map((module) => module.file).join(', ')})`
      : `  Guest modules:         none in ${settings.guestModules} (npm run build:guest-modules)`,
  );
  if (running.interrupted > 0) lines.push(`  Closed ${running.interrupted} session(s) left open by an earlier run.`);
  if (running.generatedToken) {
    lines.push(`  Agent token (shown only now): ${running.generatedToken}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error: Error) => {
  if (error instanceof CliUsageError) {
    // Settings that only turn out wrong while starting, e.g. a token file with too short a token.
    console.error(`fernhilfe-relay: ${error.message}\nRun fernhilfe-relay --help for the options.`);
    process.exit(2);
  }
  console.error(`fernhilfe-relay: ${error.name}: ${error.message}`);
  process.exit(1);
});
