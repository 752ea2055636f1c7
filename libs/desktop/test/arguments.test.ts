import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../../scripts/fake-guest-channel';
import { type CustomerFlowOptions, createCustomerFlow } from '../src/customer-flow';
import { startDesktopSession } from '../src/desktop-session';
import { DesktopError, DesktopErrorCode } from '../src/errors';
import { createFakeDesktop } from './fake-desktop';
import { createScriptedUi } from './scripted-ui';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DesktopError);
    return (error as DesktopError).code;
  }
  return undefined;
}

describe('bad options', () => {
  it('are refused with DESKTOP_INVALID_ARGUMENT before a flow starts', () => {
    const good: CustomerFlowOptions = {
      ui: createScriptedUi(),
      relayUrl: 'ws://relay.test/relay',
      openDesktop: async () => createFakeDesktop(),
    };
    expect(codeOf(() => createCustomerFlow(good))).toBeUndefined();
    for (const bad of [
      { ui: undefined },
      { ui: {} },
      { relayUrl: '' },
      { relayUrl: 42 },
      { openDesktop: undefined },
      { join: 'no' },
      { number: 12345678 },
    ]) {
      expect(codeOf(() => createCustomerFlow({ ...good, ...(bad as object) }))).toBe(DesktopErrorCode.INVALID_ARGUMENT);
    }
  });

  it('are refused before a session attaches to its channel', () => {
    const channel = new FakeChannel({ sessionId: 's', org: 'o', agentName: 'a' });
    const desktop = createFakeDesktop();
    for (const bad of [
      { channel: undefined, desktop },
      { channel, desktop: undefined },
      { channel, desktop, pollIntervalMs: 0 },
      { channel, desktop, pollIntervalMs: Number.NaN },
      { channel, desktop, pollIntervalMs: 3_600_000 },
    ]) {
      expect(codeOf(() => startDesktopSession(bad as never))).toBe(DesktopErrorCode.INVALID_ARGUMENT);
    }
    expect(channel.closes).toEqual([]);
  });
});
