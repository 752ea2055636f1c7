import type { EndReason } from '@fernhilfe/session';
import { describe, expect, it } from 'vitest';
import { type AttachableCall, attachCall, type CallChannel, type CallEnded, type CallTimers } from '../src/index';

/** An in-memory channel that writes down what the call did with it. */
function fakeChannel() {
  let endChannel: (end?: { reason: string }) => void = () => undefined;
  const log: string[] = [];
  let handler: (bytes: Uint8Array) => void = () => undefined;
  const channel: CallChannel = {
    send: async (bytes) => void log.push(`send ${bytes.length}`),
    onMessage: (next) => {
      handler = next;
    },
    ended: new Promise<{ reason: string } | undefined>((resolve) => {
      endChannel = resolve;
    }),
    close: (reason?: EndReason) => {
      log.push(`close ${reason ?? '(default)'}`);
      endChannel();
    },
  };
  return {
    channel,
    log,
    deliver: (bytes: Uint8Array) => handler(bytes),
    endFromRelay: (reason?: string) => endChannel(reason === undefined ? undefined : { reason }),
  };
}

/** A call that only records what it was fed and ends when told to. */
function fakeCall(send: (bytes: Uint8Array) => unknown) {
  const listeners: Array<(ended: CallEnded) => void> = [];
  const fed: string[] = [];
  const call: AttachableCall & { end(ended: CallEnded): void; send: typeof send; fed: string[] } = {
    on: (_name, listener) => listeners.push(listener),
    receive: (bytes) => void fed.push(`receive ${bytes.length}`),
    transportLost: (reason) => void fed.push(`transport lost ${reason ?? '(no reason)'}`),
    end: (ended) => {
      for (const listener of listeners) listener(ended);
    },
    send,
    fed,
  };
  return call;
}

function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: CallTimers = {
    set: (fn) => {
      pending.set(++next, fn);
      return next;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    fireAll: () => {
      for (const fn of pending.values()) fn();
    },
    pending,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('attachCall', () => {
  it('sends into the channel, feeds it every payload and tells it when the channel is gone', async () => {
    const { channel, log, deliver, endFromRelay } = fakeChannel();
    const { call } = attachCall('guest', channel, fakeCall);
    await call.send(new Uint8Array(3));
    deliver(new Uint8Array(5));
    endFromRelay();
    await settle();
    expect(log).toEqual(['send 3']);
    expect(call.fed).toEqual(['receive 5', 'transport lost (no reason)']);
  });

  it.each([
    ['guest', 'relay-shutdown', 'relay-shutdown'],
    ['guest', 'agent-ended', 'agent-ended'],
    ['viewer', 'guest-window-closed', 'guest-window-closed'],
    ['viewer', 'consent-refused', 'consent-refused'],
    ['guest', 'consent-refused', '(no reason)'],
    ['viewer', 'agent-ended', '(no reason)'],
    ['guest', 'made-up', '(no reason)'],
  ] as const)("a %s believes the relay's end reason %s as %s", async (side, given, believed) => {
    const { channel, endFromRelay } = fakeChannel();
    const { call } = attachCall(side, channel, fakeCall);
    endFromRelay(given);
    await settle();
    expect(call.fed).toEqual([`transport lost ${believed}`]);
  });

  it("closes at once with this side's reason when this side ended the call", async () => {
    const { channel, log } = fakeChannel();
    const { call, closed } = attachCall('viewer', channel, fakeCall);
    call.end({ reason: 'agent-ended', by: 'viewer' });
    expect(await closed).toEqual({ reason: 'agent-ended', by: 'viewer' });
    expect(log).toEqual(['close agent-ended']);
  });

  it('leaves a reason this side may not state to the channel default', async () => {
    const { channel, log } = fakeChannel();
    const { call, closed } = attachCall('viewer', channel, fakeCall);
    call.end({ reason: 'consent-refused', by: 'viewer' });
    await closed;
    expect(log).toEqual(['close (default)']);
  });

  it("waits for the relay after the peer's end and closes only when the grace period runs out", async () => {
    const { channel, log } = fakeChannel();
    const { timers, fireAll, pending } = manualTimers();
    const { call, closed } = attachCall('guest', channel, fakeCall, { timers });
    call.end({ reason: 'agent-ended', by: 'viewer' });
    await settle();
    expect(log).toEqual([]);
    expect(pending.size).toBe(1);
    fireAll();
    await closed;
    expect(log).toEqual(['close (default)']);
  });

  it("does not close when the relay closed after the peer's end", async () => {
    const { channel, log, endFromRelay } = fakeChannel();
    const { timers, pending } = manualTimers();
    const { call, closed } = attachCall('viewer', channel, fakeCall, { timers });
    call.end({ reason: 'guest-ended', by: 'guest' });
    await settle();
    endFromRelay();
    await closed;
    expect(log).toEqual([]);
    expect(pending.size).toBe(0);
  });

  it('closes nothing after a lost channel', async () => {
    const { channel, log, endFromRelay } = fakeChannel();
    const { call, closed } = attachCall('guest', channel, fakeCall);
    endFromRelay();
    call.end({ reason: 'peer-lost', by: 'transport' });
    await closed;
    expect(log).toEqual([]);
  });

  it("closes after the call's other ended listeners ran, so their reports go out first", async () => {
    const { channel, log } = fakeChannel();
    const { call, closed } = attachCall('guest', channel, fakeCall);
    call.on('ended', () => log.push('report'));
    call.end({ reason: 'consent-refused', by: 'guest' });
    await closed;
    expect(log).toEqual(['report', 'close consent-refused']);
  });
});
