import type { CliSettings } from './cli-options';
import { readOfferedManifest } from './guest-modules-manifest';
import type { RunningRelayServer } from './relay-server';

/**
 * The start banner: where the relay listens, the URLs to give out (from `--public-url` when set),
 * the audit log, the guest modules, sessions closed after a crash and a generated token.
 *
 * @param running - the started server
 * @param settings - its settings
 * @returns the lines
 */
export function bannerLines(running: RunningRelayServer, settings: CliSettings): string[] {
  const url = running.publicUrl;
  const lines = [`Fernhilfe relay listening on ${running.baseUrl}`];
  lines.push(
    settings.publicUrl === undefined
      ? '  Public URL:            not set (--public-url); the URLs below are the local ones'
      : `  Public URL:            ${url}`,
    `  Agent console:         ${url}/agent`,
    `  Customer support page: ${url}/`,
    `  Relay endpoint:        ${url.replace(/^http/, 'ws')}/relay`,
    `  State directory:       ${settings.stateDir}`,
    `  Audit log:             ${settings.auditFile}`,
  );
  if (settings.cluster) {
    lines.push(`  Cluster node:          ${settings.cluster.nodeId} (${settings.cluster.advertiseUrl})`);
  }
  const modules = readOfferedManifest(settings.guestModules)?.modules ?? [];
  lines.push(
    modules.length > 0
      ? `  Guest modules:         ${url}/downloads/ (${modules.map((module) => module.file).join(', ')})`
      : `  Guest modules:         none in ${settings.guestModules} (npm run build:guest-modules)`,
  );
  if (running.metricsUrl !== undefined) lines.push(`  Metrics:               ${running.metricsUrl}`);
  if (settings.trustedProxies.length > 0) lines.push(`  Trusted proxies:       ${settings.trustedProxies.join(', ')}`);
  if (running.interrupted > 0) lines.push(`  Closed ${running.interrupted} session(s) left open by an earlier run.`);
  if (running.generatedToken) lines.push(`  Agent token (shown only now): ${running.generatedToken}`);
  return lines;
}
