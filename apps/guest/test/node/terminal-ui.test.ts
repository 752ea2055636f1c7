import { describe, expect, it } from 'vitest';
import { createTerminalUi } from '../../src/node/terminal-ui';
import { UI_TEXTS } from '../../src/node/ui-text';
import { createFakeTerminal } from './fake-terminal';

const text = UI_TEXTS.en;
const status = { org: 'Stadtwerke', agentName: 'Frau Weber' };
const controlPrompt = new RegExp(text.controlPrompt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('terminal UI', () => {
  it('routes the line typed at the status prompt to a pending control request, then back to commands', async () => {
    const terminal = createFakeTerminal();
    const ui = createTerminalUi(terminal, 'en');
    const never = new AbortController().signal;
    ui.showSharing({ ...status, controlGranted: false });
    const command = ui.nextSharingCommand(never);
    await terminal.waitForPrompt(/Screen shared/);
    const control = ui.askControl({ agentName: 'Frau Weber' }, never);
    await terminal.waitForPrompt(controlPrompt);
    terminal.type('vielleicht');
    await terminal.waitForPrompt(controlPrompt);
    expect(terminal.output).toContain(text.answerYesNo);
    terminal.type('n');
    expect(await control).toBe(false);
    expect(terminal.output).toContain(text.controlRefused);
    await terminal.waitForPrompt(/Screen shared/);
    terminal.type('hilfe');
    await terminal.waitForPrompt(/Screen shared/);
    expect(terminal.output).toContain(text.unknownCommand);
    terminal.type('q');
    expect(await command).toBe('end');
  });

  it('withdraws a control question whose signal aborts, and says when control changes', async () => {
    const terminal = createFakeTerminal();
    const ui = createTerminalUi(terminal, 'en');
    ui.showSharing({ ...status, controlGranted: false });
    expect(terminal.output).toContain(text.sharingStarted);
    const moot = new AbortController();
    const control = ui.askControl({ agentName: 'Frau Weber' }, moot.signal);
    moot.abort();
    expect(await control).toBeUndefined();
    ui.showSharing({ ...status, controlGranted: true });
    ui.showSharing({ ...status, controlGranted: false });
    expect(terminal.output).toContain(text.controlGranted);
    expect(terminal.output).toContain(text.controlEnded);
  });

  it.each(['q', 'b', 'Quit'])('quits at the number prompt after a session on %s', async (word) => {
    const terminal = createFakeTerminal();
    const ui = createTerminalUi(terminal, 'en');
    const asked = ui.askNumber({ kind: 'ended', reason: 'relay-shutdown' }, new AbortController().signal);
    expect(terminal.output.join('\n')).toContain(text.ended['relay-shutdown']);
    await terminal.waitForPrompt(/Session number/);
    terminal.type(word);
    expect(await asked).toBeUndefined();
    expect(ui.inputClosed).toBe(false);
  });

  it('tells a closed input apart from a withdrawn question', async () => {
    const terminal = createFakeTerminal();
    const ui = createTerminalUi(terminal, 'de');
    const asked = ui.askNumber({ kind: 'ended', reason: 'agent-ended' }, new AbortController().signal);
    expect(terminal.output.join('\n')).toContain(UI_TEXTS.de.ended['agent-ended']);
    terminal.endInput();
    expect(await asked).toBeUndefined();
    expect(ui.inputClosed).toBe(true);
  });
});
