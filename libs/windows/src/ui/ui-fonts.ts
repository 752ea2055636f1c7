import type { Handle, Win32UiApi } from './user32-ui-api';
import { DEFAULT_GUI_FONT, FW_BOLD, Layout, SystemParameter } from './win32-constants';

/** Which font a control uses: the system's message font, bold, or large (a code to read out). */
export type FontRole = 'normal' | 'bold' | 'large';

/** The fonts of the UI layer's controls. */
export type UiFonts = Record<FontRole, Handle>;

/** How much taller the large font is than the message font. */
const LARGE_FACTOR = 2.4;

/**
 * The message font of the Windows theme (`SystemParametersInfoW(SPI_GETNONCLIENTMETRICS)`
 * `lfMessageFont`, e.g. Segoe UI 9 pt), or `undefined` where Windows does not say.
 */
function messageLogFont(api: Win32UiApi): Buffer | undefined {
  const metrics = Buffer.alloc(Layout.NONCLIENTMETRICSW_SIZE);
  metrics.writeUInt32LE(Layout.NONCLIENTMETRICSW_SIZE, 0);
  if (!api.SystemParametersInfoW(SystemParameter.GETNONCLIENTMETRICS, metrics.length, metrics, 0)) return undefined;
  const start = Layout.NONCLIENTMETRICSW_MESSAGE_FONT;
  return Buffer.from(metrics.subarray(start, start + Layout.LOGFONTW_SIZE));
}

function variant(api: Win32UiApi, base: Buffer, heightFactor: number, weight: number): Handle {
  const logFont = Buffer.from(base);
  logFont.writeInt32LE(Math.round(base.readInt32LE(Layout.LOGFONTW_HEIGHT) * heightFactor), Layout.LOGFONTW_HEIGHT);
  logFont.writeInt32LE(weight, Layout.LOGFONTW_WEIGHT);
  return api.CreateFontIndirectW(logFont);
}

/**
 * Creates the fonts from the theme's message font; falls back to `DEFAULT_GUI_FONT` (a stock
 * object, never deleted) where the theme font is unavailable.
 *
 * @param api - the bound Win32 functions
 * @returns the fonts; release them with {@link deleteUiFonts}
 */
export function createUiFonts(api: Win32UiApi): UiFonts {
  const base = messageLogFont(api);
  const stock = api.GetStockObject(DEFAULT_GUI_FONT);
  if (base === undefined) return { normal: stock, bold: stock, large: stock };
  const created = {
    normal: api.CreateFontIndirectW(base),
    bold: variant(api, base, 1, FW_BOLD),
    large: variant(api, base, LARGE_FACTOR, FW_BOLD),
  };
  return {
    normal: created.normal || stock,
    bold: created.bold || stock,
    large: created.large || stock,
  };
}

/**
 * Deletes the fonts {@link createUiFonts} made (not the stock font).
 *
 * @param api - the bound Win32 functions
 * @param fonts - the fonts to delete
 */
export function deleteUiFonts(api: Win32UiApi, fonts: UiFonts): void {
  const stock = api.GetStockObject(DEFAULT_GUI_FONT);
  for (const font of new Set(Object.values(fonts))) if (font !== stock) api.DeleteObject(font);
}
