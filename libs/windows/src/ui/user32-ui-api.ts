import type { KoffiApi } from '../koffi/load-koffi';

/** A Win32 handle (HWND, HFONT, HINSTANCE, …) as koffi passes pointers: a BigInt, `0n` for none. */
export type Handle = bigint;

/** The window procedure every window of the UI layer shares. */
export type WindowProcedure = (
  hwnd: Handle,
  message: number,
  wParam: bigint | number,
  lParam: bigint | number,
) => bigint | number;

/** The Win32 functions the UI layer calls (user32, gdi32, kernel32), typed. */
export interface Win32UiApi {
  /** Registers {@link WindowProcedure} with koffi; the result goes into `lpfnWndProc`. */
  registerWindowProcedure(procedure: WindowProcedure): Handle;
  /** Releases a procedure registered with {@link Win32UiApi.registerWindowProcedure}. */
  unregisterWindowProcedure(procedure: Handle): void;
  RegisterClassExW(windowClass: WindowClass): number;
  UnregisterClassW(className: string, instance: Handle): number;
  CreateWindowExW(
    exStyle: number,
    className: string,
    title: string,
    style: number,
    x: number,
    y: number,
    width: number,
    height: number,
    parent: Handle,
    menuOrId: Handle,
    instance: Handle,
    param: Handle,
  ): Handle;
  DestroyWindow(hwnd: Handle): number;
  DefWindowProcW(hwnd: Handle, message: number, wParam: bigint | number, lParam: bigint | number): bigint | number;
  ShowWindow(hwnd: Handle, command: number): number;
  EnableWindow(hwnd: Handle, enable: number): number;
  IsWindow(hwnd: Handle): number;
  SetWindowTextW(hwnd: Handle, text: string): number;
  GetWindowTextLengthW(hwnd: Handle): number;
  GetWindowTextW(hwnd: Handle, buffer: Buffer, maxChars: number): number;
  SendMessageW(hwnd: Handle, message: number, wParam: bigint | number, lParam: bigint | number): bigint | number;
  PeekMessageW(message: Buffer, hwnd: Handle, min: number, max: number, remove: number): number;
  TranslateMessage(message: Buffer): number;
  DispatchMessageW(message: Buffer): bigint | number;
  IsDialogMessageW(hwnd: Handle, message: Buffer): number;
  SetFocus(hwnd: Handle): Handle;
  SetForegroundWindow(hwnd: Handle): number;
  SetWindowPos(hwnd: Handle, after: Handle, x: number, y: number, width: number, height: number, flags: number): number;
  AdjustWindowRectEx(rect: Buffer, style: number, menu: number, exStyle: number): number;
  SystemParametersInfoW(action: number, param: number, value: Buffer, winIni: number): number;
  LoadCursorW(instance: Handle, name: Handle): Handle;
  LoadIconW(instance: Handle, name: Handle): Handle;
  GetDC(hwnd: Handle): Handle;
  ReleaseDC(hwnd: Handle, dc: Handle): number;
  DrawTextW(dc: Handle, text: string, length: number, rect: Buffer, format: number): number;
  /** `GetDpiForSystem`, or 96 where Windows lacks it (before Windows 10 1607). */
  systemDpi(): number;
  CreateFontIndirectW(logFont: Buffer): Handle;
  GetStockObject(index: number): Handle;
  SelectObject(dc: Handle, object: Handle): Handle;
  DeleteObject(object: Handle): number;
  GetModuleHandleW(name: string | null): Handle;
  GetUserDefaultUILanguage(): number;
}

/** `WNDCLASSEXW`, as far as the UI layer fills it. */
export interface WindowClass {
  cbSize: number;
  style: number;
  lpfnWndProc: Handle;
  cbClsExtra: number;
  cbWndExtra: number;
  hInstance: Handle;
  hIcon: Handle;
  hCursor: Handle;
  hbrBackground: Handle;
  lpszMenuName: string | null;
  lpszClassName: string;
  hIconSm: Handle;
}

let bound: Win32UiApi | undefined;

/**
 * Binds the Win32 functions of the UI layer once per process.
 *
 * @param koffi - the loaded koffi (see `loadKoffi`)
 * @returns the typed functions
 */
export function win32UiApi(koffi: KoffiApi): Win32UiApi {
  if (bound !== undefined) return bound;
  const user32 = koffi.load('user32.dll');
  const gdi32 = koffi.load('gdi32.dll');
  const kernel32 = koffi.load('kernel32.dll');
  const procedureType = koffi.proto(
    'intptr_t __stdcall FernhilfeWindowProcedure(void *hwnd, uint32_t msg, uintptr_t wParam, intptr_t lParam)',
  );
  const windowClassType = koffi.struct('FernhilfeWNDCLASSEXW', {
    cbSize: 'uint32_t',
    style: 'uint32_t',
    lpfnWndProc: 'void *',
    cbClsExtra: 'int',
    cbWndExtra: 'int',
    hInstance: 'void *',
    hIcon: 'void *',
    hCursor: 'void *',
    hbrBackground: 'void *',
    lpszMenuName: 'const char16_t *',
    lpszClassName: 'const char16_t *',
    hIconSm: 'void *',
  });
  const f = (library: typeof user32, definition: string) => library.func(definition);
  let dpiForSystem: (() => number) | undefined;
  try {
    dpiForSystem = f(user32, 'uint32_t __stdcall GetDpiForSystem()');
  } catch {
    dpiForSystem = undefined;
  }
  bound = {
    registerWindowProcedure: (procedure) => koffi.register(procedure, koffi.pointer(procedureType)),
    unregisterWindowProcedure: (procedure) => koffi.unregister(procedure),
    RegisterClassExW: f(user32, `uint16_t __stdcall RegisterClassExW(${windowClassType.name} *cls)`),
    UnregisterClassW: f(user32, 'int __stdcall UnregisterClassW(const char16_t *name, void *instance)'),
    CreateWindowExW: f(
      user32,
      'void * __stdcall CreateWindowExW(uint32_t exStyle, const char16_t *cls, const char16_t *title, uint32_t style, int x, int y, int w, int h, void *parent, void *menu, void *instance, void *param)',
    ),
    DestroyWindow: f(user32, 'int __stdcall DestroyWindow(void *hwnd)'),
    DefWindowProcW: f(
      user32,
      'intptr_t __stdcall DefWindowProcW(void *hwnd, uint32_t msg, uintptr_t wParam, intptr_t lParam)',
    ),
    ShowWindow: f(user32, 'int __stdcall ShowWindow(void *hwnd, int command)'),
    EnableWindow: f(user32, 'int __stdcall EnableWindow(void *hwnd, int enable)'),
    IsWindow: f(user32, 'int __stdcall IsWindow(void *hwnd)'),
    SetWindowTextW: f(user32, 'int __stdcall SetWindowTextW(void *hwnd, const char16_t *text)'),
    GetWindowTextLengthW: f(user32, 'int __stdcall GetWindowTextLengthW(void *hwnd)'),
    GetWindowTextW: f(user32, 'int __stdcall GetWindowTextW(void *hwnd, void *buffer, int maxChars)'),
    SendMessageW: f(
      user32,
      'intptr_t __stdcall SendMessageW(void *hwnd, uint32_t msg, uintptr_t wParam, intptr_t lParam)',
    ),
    PeekMessageW: f(
      user32,
      'int __stdcall PeekMessageW(void *msg, void *hwnd, uint32_t min, uint32_t max, uint32_t remove)',
    ),
    TranslateMessage: f(user32, 'int __stdcall TranslateMessage(void *msg)'),
    DispatchMessageW: f(user32, 'intptr_t __stdcall DispatchMessageW(void *msg)'),
    IsDialogMessageW: f(user32, 'int __stdcall IsDialogMessageW(void *hwnd, void *msg)'),
    SetFocus: f(user32, 'void * __stdcall SetFocus(void *hwnd)'),
    SetForegroundWindow: f(user32, 'int __stdcall SetForegroundWindow(void *hwnd)'),
    SetWindowPos: f(
      user32,
      'int __stdcall SetWindowPos(void *hwnd, void *after, int x, int y, int w, int h, uint32_t flags)',
    ),
    AdjustWindowRectEx: f(
      user32,
      'int __stdcall AdjustWindowRectEx(void *rect, uint32_t style, int menu, uint32_t exStyle)',
    ),
    SystemParametersInfoW: f(
      user32,
      'int __stdcall SystemParametersInfoW(uint32_t action, uint32_t param, void *value, uint32_t winIni)',
    ),
    LoadCursorW: f(user32, 'void * __stdcall LoadCursorW(void *instance, void *name)'),
    LoadIconW: f(user32, 'void * __stdcall LoadIconW(void *instance, void *name)'),
    GetDC: f(user32, 'void * __stdcall GetDC(void *hwnd)'),
    ReleaseDC: f(user32, 'int __stdcall ReleaseDC(void *hwnd, void *dc)'),
    DrawTextW: f(
      user32,
      'int __stdcall DrawTextW(void *dc, const char16_t *text, int length, void *rect, uint32_t format)',
    ),
    systemDpi: () => dpiForSystem?.() || 96,
    CreateFontIndirectW: f(gdi32, 'void * __stdcall CreateFontIndirectW(void *logFont)'),
    GetStockObject: f(gdi32, 'void * __stdcall GetStockObject(int index)'),
    SelectObject: f(gdi32, 'void * __stdcall SelectObject(void *dc, void *object)'),
    DeleteObject: f(gdi32, 'int __stdcall DeleteObject(void *object)'),
    GetModuleHandleW: f(kernel32, 'void * __stdcall GetModuleHandleW(const char16_t *name)'),
    GetUserDefaultUILanguage: f(kernel32, 'uint16_t __stdcall GetUserDefaultUILanguage()'),
  };
  return bound;
}
