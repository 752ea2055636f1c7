import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BenchRow, summarize, timeSync, writeBenchResults } from '../../../scripts/bench-report';
import { HandshakeState } from '../src/noise/handshake-state';
import type { BrowserBuildFigures } from './browser-transport';
import { nobleSealOpen, nodeCryptoSealOpen } from './competitors';
import {
  connectedChannels,
  libraryCopyingSealOpen,
  librarySealOpen,
  pairedRatio,
  SAMPLES,
  SIZES,
  throughput,
} from './transport-cases';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

function perSecond(msPerCall: number[]): number[] {
  return msPerCall.map((ms) => 1000 / ms);
}

function noiseNnOnly(): void {
  const initiator = new HandshakeState({ pattern: 'NN', initiator: true, prologue: new Uint8Array(0) });
  const responder = new HandshakeState({ pattern: 'NN', initiator: false, prologue: new Uint8Array(0) });
  responder.readMessage(initiator.writeMessage(new Uint8Array(0)));
  initiator.readMessage(responder.writeMessage(new Uint8Array(0)));
  initiator.split();
  responder.split();
}

// The browser build (noble `#aead`) runs in a child process started with the `browser` condition.
function browserBuildFigures(): Record<string, BrowserBuildFigures> {
  const output = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      '--conditions=@fernhilfe/source',
      '--conditions=browser',
      'bench/browser-transport.ts',
    ],
    { cwd: packageDir, encoding: 'utf8' },
  );
  return JSON.parse(output) as Record<string, BrowserBuildFigures>;
}

const rows: BenchRow[] = [];

const handshakes = summarize(perSecond(timeSync(connectedChannels, 60)));
const noiseOnly = summarize(perSecond(timeSync(noiseNnOnly, 60)));
rows.push({
  name: 'handshake: guest + viewer, both sides, incl. commitment and security code',
  unit: 'handshakes/s',
  median: handshakes.median,
  samples: handshakes.samples,
  compared_to: { 'Noise NN core only (both sides)': noiseOnly.median },
});

const browserBuild = browserBuildFigures();
for (const size of SIZES) {
  const measured = throughput(size, {
    library: librarySealOpen(),
    copying: libraryCopyingSealOpen(),
    nodeCrypto: nodeCryptoSealOpen,
    noble: nobleSealOpen,
  });
  const browser = browserBuild[String(size)];
  rows.push({
    name: `transport seal+open ${size} B (encode into a seal buffer, sealInPlace, open)`,
    unit: 'MB/s',
    median: summarize(measured.library).median,
    samples: SAMPLES,
    compared_to: {
      'node:crypto chacha20-poly1305': summarize(measured.nodeCrypto).median,
      'this lib, copying seal()': summarize(measured.copying).median,
      '@noble/ciphers chacha20poly1305': summarize(measured.noble).median,
      'this lib, browser build (noble), own process': browser?.library ?? Number.NaN,
      'this lib, browser build, copying seal()': browser?.copying ?? Number.NaN,
      '@noble/ciphers in that process': browser?.noble ?? Number.NaN,
    },
    extra: {
      node_vs_node_crypto: Number(pairedRatio(measured.library, measured.nodeCrypto).toFixed(3)),
      node_copying_seal_vs_node_crypto: Number(pairedRatio(measured.copying, measured.nodeCrypto).toFixed(3)),
      browser_build_vs_noble: Number((browser?.ratio ?? Number.NaN).toFixed(3)),
      browser_build_copying_seal_vs_noble: Number((browser?.copyingRatio ?? Number.NaN).toFixed(3)),
      goal: 'node_vs_node_crypto ≥ 0.85 at 65 519 B; browser_build_vs_noble ≥ 0.90',
    },
  });
}

writeBenchResults(packageDir, '@fernhilfe/crypto', rows);
