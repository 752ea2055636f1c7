/** Styles of the viewer, scoped to its shadow root. */
export const VIEWER_STYLES = `
:host {
  --fh-bg: #f4f6f9;
  --fh-surface: #ffffff;
  --fh-border: #dde2ea;
  --fh-text: #1b2430;
  --fh-muted: #5c6878;
  --fh-accent: #1d5fbf;
  --fh-accent-text: #ffffff;
  --fh-ok: #17803d;
  --fh-ok-bg: #e6f4ea;
  --fh-warn-bg: #fff4e0;
  --fh-warn: #8a5300;
  --fh-danger: #b42318;
  --fh-danger-bg: #fdecea;
  --fh-radius: 10px;
  display: block;
  height: 100%;
  min-height: 480px;
  container-type: inline-size;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fh-text);
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
button {
  font: inherit; cursor: pointer; border-radius: 8px; padding: 7px 14px;
  border: 1px solid var(--fh-border); background: var(--fh-surface); color: var(--fh-text);
}
button:hover:not(:disabled) { border-color: #b6c0cf; background: #f8fafc; }
button:focus-visible, summary:focus-visible, .fh-canvas:focus-visible { outline: 2px solid var(--fh-accent); outline-offset: 2px; }
button:disabled { opacity: .55; cursor: default; }
button.fh-primary { background: var(--fh-accent); border-color: var(--fh-accent); color: var(--fh-accent-text); font-weight: 600; }
button.fh-primary:hover:not(:disabled) { background: #174f9f; }
button.fh-danger { color: var(--fh-danger); border-color: #f1b8b2; }
button.fh-danger:hover:not(:disabled) { background: var(--fh-danger-bg); }
.fh-root { display: grid; grid-template-columns: 300px 1fr; gap: 16px; height: 100%; padding: 16px; background: var(--fh-bg); }
@container (max-width: 760px) { .fh-root { grid-template-columns: 1fr; } }
.fh-side { display: flex; flex-direction: column; gap: 12px; min-width: 0; }
.fh-card { background: var(--fh-surface); border: 1px solid var(--fh-border); border-radius: var(--fh-radius); padding: 14px 16px; }
.fh-card h2 { margin: 0 0 6px; font-size: 12px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--fh-muted); }
.fh-hint { margin: 6px 0 0; color: var(--fh-muted); }
.fh-start button { width: 100%; padding: 10px 14px; font-size: 15px; }
.fh-error { margin: 10px 0 0; padding: 8px 10px; border-radius: 8px; background: var(--fh-danger-bg); color: var(--fh-danger); }
.fh-number-digits { font: 600 40px/1.1 ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", monospace; letter-spacing: .04em; font-variant-numeric: tabular-nums; }
.fh-countdown { margin-top: 6px; font-variant-numeric: tabular-nums; color: var(--fh-muted); }
.fh-countdown[data-expired] { color: var(--fh-danger); }
.fh-code { border-color: var(--fh-accent); box-shadow: 0 0 0 3px #dbe7f8; }
.fh-code-digits { font: 700 44px/1.1 ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", monospace; letter-spacing: .08em; color: var(--fh-accent); font-variant-numeric: tabular-nums; }
.fh-code button { margin-top: 10px; }
.fh-steps ol { list-style: none; margin: 0; padding: 0; }
.fh-steps li { display: flex; align-items: center; gap: 10px; padding: 4px 0; color: var(--fh-muted); }
.fh-steps li::before { content: ""; flex: none; width: 10px; height: 10px; border-radius: 50%; border: 2px solid #c3cbd6; }
.fh-steps li[data-status="done"] { color: var(--fh-text); }
.fh-steps li[data-status="done"]::before { background: var(--fh-ok); border-color: var(--fh-ok); }
.fh-steps li[data-status="current"] { color: var(--fh-text); font-weight: 600; }
.fh-steps li[data-status="current"]::before { border-color: var(--fh-accent); background: #dbe7f8; box-shadow: 0 0 0 3px #dbe7f8; }
.fh-steps li[data-status="skipped"] { text-decoration: line-through; opacity: .6; }
.fh-ended p { margin: 4px 0 10px; }
.fh-main { display: flex; flex-direction: column; min-width: 0; min-height: 0; background: var(--fh-surface); border: 1px solid var(--fh-border); border-radius: var(--fh-radius); overflow: hidden; }
.fh-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 10px 12px; border-bottom: 1px solid var(--fh-border); }
.fh-spacer { flex: 1; }
.fh-indicator { display: inline-flex; align-items: center; gap: 6px; padding: 4px 10px; border-radius: 999px; font-weight: 600; font-size: 13px; background: #eef1f5; color: var(--fh-muted); }
.fh-indicator::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
.fh-indicator[data-on] { background: var(--fh-ok-bg); color: var(--fh-ok); }
.fh-segmented { display: inline-flex; border: 1px solid var(--fh-border); border-radius: 8px; overflow: hidden; }
.fh-segmented button { border: 0; border-radius: 0; padding: 6px 10px; }
.fh-segmented button + button { border-left: 1px solid var(--fh-border); }
.fh-segmented button[aria-pressed="true"] { background: #e8effa; color: var(--fh-accent); font-weight: 600; }
.fh-combos { position: relative; }
.fh-combos summary { list-style: none; cursor: pointer; padding: 7px 14px; border: 1px solid var(--fh-border); border-radius: 8px; }
.fh-combos summary::-webkit-details-marker { display: none; }
.fh-combos summary::after { content: " ▾"; color: var(--fh-muted); }
.fh-combos[aria-disabled="true"] summary { opacity: .55; pointer-events: none; }
.fh-combos ul { position: absolute; z-index: 5; top: calc(100% + 4px); left: 0; min-width: 220px; margin: 0; padding: 4px; list-style: none; background: var(--fh-surface); border: 1px solid var(--fh-border); border-radius: 8px; box-shadow: 0 8px 24px rgba(20, 30, 50, .14); }
.fh-combos li button { width: 100%; text-align: left; border: 0; }
.fh-notice { margin: 0; padding: 8px 12px; background: var(--fh-warn-bg); color: var(--fh-warn); border-bottom: 1px solid var(--fh-border); }
.fh-viewport { position: relative; flex: 1; min-height: 240px; overflow: hidden; display: grid; place-items: center; background: #1d232c; }
.fh-viewport[data-mode="1:1"] { overflow: auto; place-items: start; }
.fh-viewport[data-control] .fh-canvas-stage::after { content: ""; position: absolute; inset: 0; box-shadow: inset 0 0 0 3px var(--fh-ok); pointer-events: none; }
.fh-canvas-stage { position: relative; overflow: hidden; }
.fh-canvas { display: block; outline: none; }
.fh-cursor { position: absolute; left: 0; top: 0; transform-origin: 0 0; pointer-events: none; image-rendering: pixelated; }
.fh-placeholder { position: absolute; inset: 0; display: grid; place-items: center; padding: 24px; text-align: center; color: #aab4c3; font-size: 15px; pointer-events: none; }
.fh-status { display: flex; flex-wrap: wrap; gap: 20px; padding: 8px 12px; border-top: 1px solid var(--fh-border); color: var(--fh-muted); font-size: 13px; font-variant-numeric: tabular-nums; }
.fh-status b { color: var(--fh-text); font-weight: 600; }
`;
