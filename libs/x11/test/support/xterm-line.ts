import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ViewerKeyStep } from '../../../../scripts/us-keyboard';
import { waitFor } from '../../../../scripts/x11-draw';
import type { Xvfb } from '../../../../scripts/xvfb';
import type { KeyboardInjector } from '../../src/input-keyboard';
import type { X11Desktop } from '../../src/x11-desktop';

/** Replays viewer key events through the injector. */
export function replay(keyboard: KeyboardInjector, steps: readonly ViewerKeyStep[]): void {
  for (const step of steps) {
    if (step.type === 'down') keyboard.keyDown(step.event);
    else keyboard.keyUp(step.event);
  }
}

/**
 * Starts an xterm at the top left whose shell reads one line (with readline editing),
 * saves it to typed.txt and runs it (output.txt), then types `steps` + Return into it
 * through the desktop's keyboard injector and returns both files.
 */
export async function typeIntoXterm(
  xvfb: Xvfb,
  desktop: X11Desktop,
  dir: string,
  name: string,
  steps: readonly ViewerKeyStep[],
): Promise<{ typed: string; output: string }> {
  const keyboard = desktop.keyboard;
  if (keyboard === undefined) throw new Error('XTEST missing');
  const work = join(dir, name);
  mkdirSync(work);
  const title = `kbd-${name}`;
  const script =
    'set +H; IFS= read -e -r line; printf %s "$line" > typed.txt; eval "$line" > output.txt 2>&1; touch done';
  xvfb.spawnClient(
    'xterm',
    ['-T', title, '-geometry', '80x10+0+0', '-e', 'bash', '--norc', '--noprofile', '-c', script],
    { cwd: work },
  );
  await xvfb.exec('xdotool', ['search', '--sync', '--onlyvisible', '--name', title]);
  desktop.pointer?.move(100, 60); // no window manager: focus follows the pointer
  await desktop.sync();
  replay(keyboard, steps);
  keyboard.keyDown({ code: 'Enter', key: 'Enter' });
  keyboard.keyUp({ code: 'Enter' });
  await desktop.sync();
  await waitFor('the shell to run the typed line', async () => {
    try {
      readFileSync(join(work, 'done'));
      return true;
    } catch {
      return undefined;
    }
  });
  return {
    typed: readFileSync(join(work, 'typed.txt'), 'utf8'),
    output: readFileSync(join(work, 'output.txt'), 'utf8'),
  };
}
