import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Xvfb } from '../../../../scripts/xvfb';

/** An xterm whose shell reads one line, writes it to typed.txt and touches `done`. */
export interface LineXterm {
  /** The line once Return was pressed, else undefined. */
  typed(): string | undefined;
}

/** Starts the xterm at the top left (80×10 cells) and waits until its window is mapped. */
export async function startLineXterm(xvfb: Xvfb, dir: string, name: string): Promise<LineXterm> {
  const work = join(dir, name);
  mkdirSync(work);
  const title = `line-${name}`;
  const script = 'IFS= read -r line; printf %s "$line" > typed.txt; touch done; sleep 600';
  xvfb.spawnClient(
    'xterm',
    ['-T', title, '-geometry', '80x10+0+0', '-e', 'bash', '--norc', '--noprofile', '-c', script],
    {
      cwd: work,
    },
  );
  await xvfb.exec('xdotool', ['search', '--sync', '--onlyvisible', '--name', title]);
  return {
    typed: () => (existsSync(join(work, 'done')) ? readFileSync(join(work, 'typed.txt'), 'utf8') : undefined),
  };
}

/** Where the pointer is, from xdotool. */
export async function mouseLocation(xvfb: Xvfb): Promise<{ x: number; y: number }> {
  const out = (await xvfb.exec('xdotool', ['getmouselocation', '--shell'])).toString();
  const x = Number(/X=(\d+)/.exec(out)?.[1]);
  const y = Number(/Y=(\d+)/.exec(out)?.[1]);
  return { x, y };
}
