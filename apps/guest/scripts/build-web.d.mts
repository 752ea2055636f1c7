/** Options of {@link buildWeb}. */
export interface BuildWebOptions {
  /** @default apps/guest/dist/web */
  outdir?: string;
  /** @default true */
  minify?: boolean;
}

/** Builds the customer support page (index.html, styles.css, favicon.svg, app.js, encoder-worker.js). */
export function buildWeb(options?: BuildWebOptions): Promise<{ outdir: string; files: string[] }>;
