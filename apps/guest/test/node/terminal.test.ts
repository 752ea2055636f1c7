import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createReadlineTerminal } from '../../src/node/terminal';

function pipes() {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  return { input, output, printed: () => printed };
}

describe('readline terminal on piped streams', () => {
  it('reads lines behind a prompt, also lines typed before the read', async () => {
    const { input, output, printed } = pipes();
    const terminal = createReadlineTerminal(input, output);
    input.write('früh\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await terminal.readLine('Nummer: ')).toEqual({ kind: 'line', text: 'früh' });
    const next = terminal.readLine('Nummer: ');
    input.write('1234 5678\n');
    expect(await next).toEqual({ kind: 'line', text: '1234 5678' });
    terminal.print('Hallo');
    expect(printed()).toContain('Nummer: ');
    expect(printed()).toContain('\nHallo\n');
    terminal.close();
  });

  it('a secret read does not print what is typed; an aborted read resolves aborted; end of input resolves closed', async () => {
    const { input, output, printed } = pipes();
    const terminal = createReadlineTerminal(input, output);
    const secret = terminal.readLine('Passwort: ', { secret: true });
    input.write('geheim\n');
    expect(await secret).toEqual({ kind: 'line', text: 'geheim' });
    expect(printed()).not.toContain('geheim');

    const controller = new AbortController();
    const aborted = terminal.readLine('> ', { signal: controller.signal });
    controller.abort();
    expect(await aborted).toEqual({ kind: 'aborted' });

    const closed = terminal.readLine('> ');
    input.end();
    expect(await closed).toEqual({ kind: 'closed' });
    expect(await terminal.readLine('> ')).toEqual({ kind: 'closed' });
  });

  it('updates the prompt of a pending read (status line)', async () => {
    const { input, output, printed } = pipes();
    const terminal = createReadlineTerminal(input, output);
    const read = terminal.readLine('[Steuerung: nicht erlaubt] > ');
    terminal.setPrompt('[Steuerung: ERLAUBT] > ');
    expect(printed()).toContain('[Steuerung: ERLAUBT] > ');
    input.write('b\n');
    expect(await read).toEqual({ kind: 'line', text: 'b' });
    terminal.close();
  });
});
