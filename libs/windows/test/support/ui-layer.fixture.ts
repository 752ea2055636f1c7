// Walks through the UI layer under wine; the test drives it with xdotool and reads these JSON lines.
import { WindowsError } from '../../src/errors';
import { loadKoffi } from '../../src/koffi/load-koffi';
import { createWin32Ui } from '../../src/ui/win32-ui';

const koffi = loadKoffi();
const kernel32 = koffi.load('kernel32.dll');
const user32 = koffi.load('user32.dll');
const GetCurrentProcess = kernel32.func('void * __stdcall GetCurrentProcess()');
const GetGuiResources = user32.func('uint32_t __stdcall GetGuiResources(void *process, uint32_t flags)');
const ui = createWin32Ui({ koffi });

function print(value: Record<string, unknown>): void {
  console.log(JSON.stringify(value));
}

function resources(): Record<string, unknown> {
  return {
    active: ui.active,
    openWindows: ui.openWindows,
    callbacks: koffi.stats().callbacks,
    gdiObjects: GetGuiResources(GetCurrentProcess(), 0),
  };
}

/** One form: a digits field, a password field, OK (default) and Cancel; resolves with what happened. */
function form(step: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const window = ui.openWindow({
      title: `UI layer ${step}`,
      width: 320,
      height: 150,
      onClose: () => resolve({ step, result: 'closed' }),
    });
    window.addText({
      x: 12,
      y: 12,
      width: 296,
      height: window.measureText('Digits and a secret', 296),
      text: 'Digits and a secret',
    });
    const digits = window.addField({ x: 12, y: 40, width: 140, height: 24, digitsOnly: true, maxLength: 8 });
    const secret = window.addField({ x: 168, y: 40, width: 140, height: 24, password: true });
    const finish = (result: string) => {
      const value = { step, result, digits: digits.readText(), secretLength: secret.readText().length };
      window.close();
      resolve(value);
    };
    window.addButton({
      x: 124,
      y: 110,
      width: 88,
      height: 28,
      text: 'OK',
      isDefault: true,
      onClick: () => finish('ok'),
    });
    window.addButton({
      x: 220,
      y: 110,
      width: 88,
      height: 28,
      text: 'Cancel',
      isCancel: true,
      onClick: () => finish('cancel'),
    });
    window.show();
    digits.focus();
    print({ step, shown: true, hwnd: String(window.hwnd) });
  });
}

async function main(): Promise<void> {
  print({ before: resources() });
  for (const step of ['enter', 'escape', 'click', 'close']) {
    print(await form(step));
    await new Promise((resolve) => setTimeout(resolve, 50));
    print({ after: step, ...resources() });
  }
  const window = ui.openWindow({ title: 'UI layer misuse', width: 100, height: 50 });
  const text = window.addText({ x: 0, y: 0, width: 10, height: 10, text: 'x' });
  window.close();
  const codes: string[] = [];
  for (const misuse of [() => text.setText('y'), () => window.addText({ x: 0, y: 0, width: 1, height: 1, text: '' })]) {
    try {
      misuse();
    } catch (error) {
      codes.push(error instanceof WindowsError ? error.code : String(error));
    }
  }
  try {
    ui.openWindow({ title: '', width: 10, height: 10 });
  } catch (error) {
    codes.push(error instanceof WindowsError ? error.code : String(error));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  print({ misuse: codes, ...resources() });
}

main().catch((error) => {
  print({ error: String(error?.stack ?? error) });
  process.exitCode = 1;
});
