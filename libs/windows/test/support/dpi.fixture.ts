// Opens one window of 200×100 device-independent pixels in a DPI-aware process and prints the
// system DPI and the client size Windows gave it.
import { loadKoffi } from '../../src/koffi/load-koffi';
import { createWin32Ui } from '../../src/ui/win32-ui';

const koffi = loadKoffi();
const user32 = koffi.load('user32.dll');
// What the guest declares at start-up: per-monitor aware (v2), so Windows does not scale its windows.
const SetProcessDpiAwarenessContext = user32.func('int __stdcall SetProcessDpiAwarenessContext(intptr_t context)');
const GetDpiForSystem = user32.func('uint32_t __stdcall GetDpiForSystem()');
const GetClientRect = user32.func('int __stdcall GetClientRect(void *hwnd, _Out_ int32_t *rect)');

const aware = SetProcessDpiAwarenessContext(-4);
const ui = createWin32Ui({ koffi });
const window = ui.openWindow({ title: 'DPI probe', width: 200, height: 100 });
window.addText({ x: 8, y: 8, width: 184, height: 20, text: 'DPI' });
window.show();
const rect = [0, 0, 0, 0];
GetClientRect(window.hwnd, rect);
console.log(JSON.stringify({ aware, dpi: GetDpiForSystem(), client: [rect[2], rect[3]] }));
window.close();
