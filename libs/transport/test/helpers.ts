import { createMemoryAuditStore, type MemoryAuditStore } from '@fernhilfe/session';
import { createRelay, type Relay, type RelayOptions } from '../src/relay/index';

export const AGENT_TOKEN = 'test-agent-token-0123456789';

export interface TestRelay {
  relay: Relay;
  audit: MemoryAuditStore;
  url: string;
}

/** Starts a relay on a free loopback port with one static agent and an in-memory audit store. */
export async function startRelay(options: Partial<RelayOptions> = {}): Promise<TestRelay> {
  const audit = createMemoryAuditStore();
  const relay = await createRelay({
    port: 0,
    host: '127.0.0.1',
    audit,
    agentTokens: [{ token: AGENT_TOKEN, agentId: 'agent-1', displayName: 'Frau Weber', org: 'Stadtwerke Test' }],
    onError: () => undefined,
    ...options,
  });
  return { relay, audit, url: `ws://127.0.0.1:${relay.address?.port}/relay` };
}

/** Parsed audit records of a memory store. */
export function auditRecords(audit: MemoryAuditStore): Array<Record<string, unknown>> {
  return audit.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Waits until `check` returns true (polling), or fails after `timeoutMs` (generous: the machine may be busy). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('waitFor timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A TCP forwarder on loopback that can be frozen: after `freeze()` it stops moving bytes in both
 * directions without closing anything, like a peer whose network vanished.
 */
export async function startFreezableForwarder(targetPort: number) {
  const { createServer, connect } = await import('node:net');
  const sockets: import('node:net').Socket[] = [];
  let frozen = false;
  const server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    sockets.push(inbound, outbound);
    const pipe = (from: import('node:net').Socket, to: import('node:net').Socket) => {
      from.on('data', (chunk) => {
        if (!frozen) to.write(chunk);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        if (!frozen) to.destroy();
      });
    };
    pipe(inbound, outbound);
    pipe(outbound, inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as import('node:net').AddressInfo).port;
  return {
    port,
    freeze: () => {
      frozen = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
