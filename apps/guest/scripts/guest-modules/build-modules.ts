// `npm run build:guest-modules -- --relay wss://support.example.com/relay [options]`: the operator's
// command that builds the one-file guest modules (see docs/guest-modules.md).
import { buildGuestModules, type ModuleBuildResult } from './build-guest-modules';
import { MODULE_BUILD_USAGE, ModuleUsageError, readModuleBuildOptions } from './module-options';

function summary(result: ModuleBuildResult): string {
  const lines = [`Built for ${result.manifest.relayUrl}:`];
  for (const module of result.manifest.modules) {
    const mib = (module.size / 2 ** 20).toFixed(1);
    const signing = module.platform !== 'windows-x64' ? '' : module.signed ? ', signed' : ', UNSIGNED';
    lines.push(`  ${result.paths[module.platform] ?? module.file}`);
    lines.push(`    ${module.platform}, ${module.size} bytes (${mib} MiB)${signing}`);
    lines.push(`    SHA-256 ${module.sha256}`);
  }
  lines.push(`  ${result.paths.manifest}`);
  if (result.signature !== undefined) {
    const stamp = result.signature.timestamped ? ', time-stamped' : ', no time stamp';
    lines.push(`Signed the Windows module as ${result.signature.subject}${stamp}; osslsigncode verify: ok.`);
  } else if (result.manifest.modules.some((module) => module.platform === 'windows-x64')) {
    lines.push(
      'The Windows module is NOT signed: Windows SmartScreen will warn customers before it runs. Sign it with --cert.',
    );
  }
  lines.push('The relay serves these at /downloads/ when it finds this directory (see --guest-modules).');
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  let options: ReturnType<typeof readModuleBuildOptions>;
  try {
    options = readModuleBuildOptions(argv);
  } catch (error) {
    if (!(error instanceof ModuleUsageError)) throw error;
    process.stderr.write(`build:guest-modules: ${error.message}\n\n${MODULE_BUILD_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${MODULE_BUILD_USAGE}\n`);
    return 0;
  }
  const result = await buildGuestModules(options, (line) => process.stdout.write(`» ${line}\n`));
  process.stdout.write(`${summary(result)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`build:guest-modules: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
