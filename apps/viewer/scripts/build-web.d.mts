/** Options of {@link buildWeb}. */
export interface BuildWebOptions {
  /** @default apps/viewer/dist/web */
  outdir?: string;
  /** Entry compiled to `app.js`. @default src/console/app.ts */
  appEntry?: string;
  /** @default true */
  minify?: boolean;
}

/** Builds the console and embed bundles. */
export function buildWeb(options?: BuildWebOptions): Promise<{ outdir: string; files: string[] }>;
