import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain ESM script without types
import { toolchainFile } from '../../../../scripts/windows/fetch-toolchain.mjs';
import { BAKED_CONFIG_ASSET } from '../../src/exe/baked-config';
import {
  type GuestModuleEntry,
  type GuestModulesManifest,
  MANIFEST_FILE_NAME,
  MANIFEST_FORMAT,
  MODULE_FILE_NAMES,
  MODULE_PLATFORMS,
  type ModulePlatform,
} from '../../src/guest-modules/manifest';
import { type SignatureReport, signExecutable } from './authenticode';
import type { ModuleBuildOptions } from './module-options';
import { bundleEntry, copyNodeBinary, injectSeaBlob, makeSeaBlob, markAsWindowsGuiProgram } from './single-executable';

/** Receives one progress line per step. */
export type Progress = (line: string) => void;

/** What a build made. */
export interface ModuleBuildResult {
  /** The manifest, also written as `guest-modules.json`. */
  readonly manifest: GuestModulesManifest;
  /** Path of each module and of the manifest. */
  readonly paths: { readonly [P in ModulePlatform]?: string } & { readonly manifest: string };
  /** The signature of the Windows module, when it was signed. */
  readonly signature?: SignatureReport;
}

const ENTRIES: Readonly<Record<ModulePlatform, string>> = {
  'windows-x64': fileURLToPath(new URL('../../src/exe/windows-main.ts', import.meta.url)),
  'linux-x64': fileURLToPath(new URL('../../src/exe/linux-main.ts', import.meta.url)),
};

const NODE_BINARIES: Readonly<Record<ModulePlatform, string>> = {
  'windows-x64': 'node-windows',
  'linux-x64': 'node-linux',
};

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Builds one platform's executable in `work` and returns its path there. */
async function buildExecutable(
  platform: ModulePlatform,
  work: string,
  configFile: string,
  progress: Progress,
): Promise<string> {
  const windows = platform === 'windows-x64';
  progress(`${platform}: bundling ${ENTRIES[platform]}`);
  const bundle = join(work, `${platform}.cjs`);
  await bundleEntry(ENTRIES[platform], bundle);
  progress(`${platform}: making the SEA blob`);
  const assets: Record<string, string> = { [BAKED_CONFIG_ASSET]: configFile };
  // KOFFI_SEA_ASSET in @fernhilfe/windows: loadKoffi extracts it at start.
  if (windows) assets['koffi.node'] = toolchainFile('koffi-windows');
  const blobDir = join(work, platform);
  await mkdir(blobDir);
  const blob = await makeSeaBlob(toolchainFile('node-linux'), blobDir, bundle, assets);
  progress(`${platform}: injecting into a copy of Node 22's ${windows ? 'node.exe (its signature removed)' : 'node'}`);
  const executable = join(work, MODULE_FILE_NAMES[platform]);
  await copyNodeBinary(toolchainFile(NODE_BINARIES[platform]), executable, windows);
  await injectSeaBlob(executable, blob);
  if (windows) await markAsWindowsGuiProgram(executable);
  return executable;
}

/**
 * Builds the guest modules: for each platform a Node 22 single executable of its entry with the
 * relay address baked in (`config.json` asset; Windows also embeds koffi), the Windows one signed
 * when a certificate is given, then hashes them and writes `guest-modules.json`. Module files of
 * platforms this build does not make are removed, so the directory holds exactly the manifest's set.
 *
 * @param options - relay address, platforms, output directory, signing
 * @param progress - receives a line per step
 * @returns the manifest and the paths
 * @throws `Error` when a tool fails (the output directory keeps its previous modules then)
 */
export async function buildGuestModules(options: ModuleBuildOptions, progress: Progress): Promise<ModuleBuildResult> {
  progress('fetching the toolchain (Node 22 for Windows and Linux, koffi) into the cache');
  for (const platform of options.platforms) toolchainFile(NODE_BINARIES[platform]);
  toolchainFile('node-linux');
  if (options.platforms.includes('windows-x64')) toolchainFile('koffi-windows');

  const work = await mkdtemp(join(tmpdir(), 'fernhilfe-guest-modules-'));
  try {
    const configFile = join(work, BAKED_CONFIG_ASSET);
    await writeFile(configFile, JSON.stringify(options.config));
    const built = new Map<ModulePlatform, string>();
    let signature: SignatureReport | undefined;
    for (const platform of options.platforms) {
      let executable = await buildExecutable(platform, work, configFile, progress);
      if (platform === 'windows-x64' && options.signing !== undefined) {
        progress(`${platform}: signing with ${options.signing.pkcs12} (Authenticode, SHA-256)`);
        const signed = join(work, `signed-${MODULE_FILE_NAMES[platform]}`);
        signature = await signExecutable(executable, signed, options.signing, work);
        executable = signed;
      }
      built.set(platform, executable);
    }

    progress('hashing');
    await mkdir(options.outDir, { recursive: true });
    const modules: GuestModuleEntry[] = [];
    const paths: Partial<Record<ModulePlatform, string>> = {};
    for (const platform of MODULE_PLATFORMS) {
      const target = join(options.outDir, MODULE_FILE_NAMES[platform]);
      const executable = built.get(platform);
      if (executable === undefined) {
        await rm(target, { force: true });
        continue;
      }
      const size = (await stat(executable)).size;
      const sha256 = await sha256Of(executable);
      const signed = platform === 'windows-x64' && signature !== undefined;
      modules.push({ file: MODULE_FILE_NAMES[platform], platform, size, sha256, signed });
      // The scratch directory may be on another file system: copy beside the target, then rename,
      // so a relay serving the directory never sees half a file.
      await copyFile(executable, `${target}.partial`);
      await rename(`${target}.partial`, target);
      paths[platform] = target;
    }
    const manifest: GuestModulesManifest = {
      format: MANIFEST_FORMAT,
      relayUrl: options.config.relayUrl,
      ...(options.config.organisation === undefined ? {} : { organisation: options.config.organisation }),
      builtAt: new Date().toISOString(),
      modules,
    };
    const manifestPath = join(options.outDir, MANIFEST_FILE_NAME);
    await writeFile(`${manifestPath}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(`${manifestPath}.partial`, manifestPath);
    return { manifest, paths: { ...paths, manifest: manifestPath }, ...(signature === undefined ? {} : { signature }) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
