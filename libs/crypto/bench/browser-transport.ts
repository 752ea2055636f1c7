// Run with `--conditions=browser`: the library then uses the noble `#aead`, as in browsers.
import { summarize } from '../../../scripts/bench-report';
import { nobleSealOpen } from './competitors';
import { libraryCopyingSealOpen, librarySealOpen, pairedRatio, SIZES, throughput } from './transport-cases';

/** Medians of one size, measured in this (browser-condition) process. */
export interface BrowserBuildFigures {
  /** The library as the session link sends (encode into a seal buffer, seal in place). */
  library: number;
  /** The library's copying `seal()`. */
  copying: number;
  noble: number;
  ratio: number;
  copyingRatio: number;
}

const figures: Record<string, BrowserBuildFigures> = {};
for (const size of SIZES) {
  const measured = throughput(size, {
    library: librarySealOpen(),
    copying: libraryCopyingSealOpen(),
    noble: nobleSealOpen,
  });
  figures[size] = {
    library: summarize(measured.library).median,
    copying: summarize(measured.copying).median,
    noble: summarize(measured.noble).median,
    ratio: pairedRatio(measured.library, measured.noble),
    copyingRatio: pairedRatio(measured.copying, measured.noble),
  };
}
process.stdout.write(JSON.stringify(figures));
