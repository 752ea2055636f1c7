// Win32 constants the UI layer uses, from the Windows SDK headers (WinUser.h, WinGDI.h).

/** Window styles (`WS_*`). */
export const WindowStyle = {
  CHILD: 0x4000_0000,
  VISIBLE: 0x1000_0000,
  CAPTION: 0x00c0_0000,
  SYSMENU: 0x0008_0000,
  MINIMIZEBOX: 0x0002_0000,
  GROUP: 0x0002_0000,
  TABSTOP: 0x0001_0000,
} as const;

/** Extended window styles (`WS_EX_*`). */
export const WindowExStyle = {
  DLGMODALFRAME: 0x0000_0001,
  TOPMOST: 0x0000_0008,
  CLIENTEDGE: 0x0000_0200,
  CONTROLPARENT: 0x0001_0000,
} as const;

/** Control styles: EDIT (`ES_*`), STATIC (`SS_*`), BUTTON (`BS_*`). */
export const ControlStyle = {
  ES_CENTER: 0x0001,
  ES_PASSWORD: 0x0020,
  ES_AUTOHSCROLL: 0x0080,
  ES_NUMBER: 0x2000,
  SS_CENTER: 0x0001,
  SS_NOPREFIX: 0x0080,
  BS_PUSHBUTTON: 0x0000,
  BS_DEFPUSHBUTTON: 0x0001,
} as const;

/** Window messages (`WM_*`, `EM_*`, `BM_*`, `DM_*`). */
export const Message = {
  DESTROY: 0x0002,
  CLOSE: 0x0010,
  SETFONT: 0x0030,
  NCDESTROY: 0x0082,
  COMMAND: 0x0111,
  EM_SETSEL: 0x00b1,
  EM_LIMITTEXT: 0x00c5,
  BM_SETSTYLE: 0x00f4,
  DM_GETDEFID: 0x0400,
} as const;

/** Returned for `DM_GETDEFID` in the high word when there is a default button. */
export const DC_HASDEFID = 0x534b;
/** Command identifiers `IsDialogMessageW` sends for Enter (without a default button) and Escape. */
export const IDOK = 1;
/** @see IDOK */
export const IDCANCEL = 2;
/** `BN_CLICKED` notification code (high word of `wParam` in `WM_COMMAND`). */
export const BN_CLICKED = 0;

/** `ShowWindow` commands. */
export const ShowCommand = { HIDE: 0, SHOWNORMAL: 1, SHOW: 5 } as const;
/** `SetWindowPos` flags. */
export const SetWindowPosFlag = { NOSIZE: 0x0001, NOMOVE: 0x0002, NOZORDER: 0x0004, NOACTIVATE: 0x0010 } as const;
/** `HWND_TOPMOST` for `SetWindowPos`. */
export const HWND_TOPMOST = -1n;
/** `PeekMessageW` flag. */
export const PM_REMOVE = 0x0001;
/** `SystemParametersInfoW` actions. */
export const SystemParameter = { GETNONCLIENTMETRICS: 0x0029, GETWORKAREA: 0x0030 } as const;
/** `GetStockObject(DEFAULT_GUI_FONT)`. */
export const DEFAULT_GUI_FONT = 17;
/** Class background `COLOR_BTNFACE + 1`: the colour of classic dialogs. */
export const BACKGROUND_BTNFACE = 16n;
/** Resource identifiers of the standard arrow cursor and application icon. */
export const IDC_ARROW = 32512n;
/** @see IDC_ARROW */
export const IDI_APPLICATION = 32512n;
/** `DrawTextW` flags for measuring wrapped text. */
export const DrawTextFlag = { WORDBREAK: 0x0010, NOPREFIX: 0x0800, CALCRECT: 0x0400 } as const;
/** Byte sizes and offsets of the structures passed as raw buffers. */
export const Layout = {
  MSG_SIZE: 48,
  RECT_SIZE: 16,
  LOGFONTW_SIZE: 92,
  LOGFONTW_HEIGHT: 0,
  LOGFONTW_WEIGHT: 16,
  NONCLIENTMETRICSW_SIZE: 504,
  NONCLIENTMETRICSW_MESSAGE_FONT: 408,
} as const;
/** `FW_BOLD` font weight. */
export const FW_BOLD = 700;
