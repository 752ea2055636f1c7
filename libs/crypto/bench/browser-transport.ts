// Run with `--conditions=browser`: the library then uses the noble `#aead`, as in browsers.
import { summarize } from '../../../scripts/bench-report';
import { nobleSealOpen } from './competitors';
import { librarySealOpen, pairedRatio, SIZES, throughput } from './transport-cases';

/** Medians of one size, measured in this (browser-condition) process. */
export interface BrowserBuildFigures {
  library: number;
  noble: number;
  ratio: number;
}

const figures: Record<string, BrowserBuildFigures> = {};
for (const size of SIZES) {
  const measured = throughput(size, { library: librarySealOpen(), noble: nobleSealOpen });
  figures[size] = {
    library: summarize(measured.library).median,
    noble: summarize(measured.noble).median,
    ratio: pairedRatio(measured.library, measured.noble),
  };
}
process.stdout.write(JSON.stringify(figures));
