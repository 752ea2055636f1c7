import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createAgentClient, type TransportError, TransportErrorCode } from '../src/index';
import { createRelay } from '../src/relay/index';
import { AGENT_TOKEN } from './helpers';

describe('createRelay options and embedding', () => {
  it('refuses incomplete options with INVALID_ARGUMENT', async () => {
    const codeOf = (options: Parameters<typeof createRelay>[0]) =>
      createRelay(options).then(
        () => undefined,
        (error: TransportError) => error.code,
      );
    expect(await codeOf({ agentTokens: [] })).toBe(TransportErrorCode.INVALID_ARGUMENT);
    expect(await codeOf({ port: 0 })).toBe(TransportErrorCode.INVALID_ARGUMENT);
    expect(await codeOf({ port: 0, agentTokens: [], maxMessageBytes: 0 })).toBe(TransportErrorCode.INVALID_ARGUMENT);
    expect(await codeOf({ port: 0, agentTokens: [], path: 'relay' })).toBe(TransportErrorCode.INVALID_ARGUMENT);
  });

  it('takes only upgrades on its path and leaves the host app its own requests and WebSockets', async () => {
    const server = createServer((_request, response) => response.end('helpdesk'));
    const own = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      if (request.url === '/chat') own.handleUpgrade(request, socket, head, (ws) => ws.send('chat-ok'));
    });
    const relay = await createRelay({
      server,
      path: '/support/relay',
      verifyAgent: (token) => (token === AGENT_TOKEN ? { agentId: 'x', displayName: 'X', org: 'Helpdesk' } : null),
      onError: () => undefined,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`http://${base}/`)).text()).toBe('helpdesk');
    const chat = new WebSocket(`ws://${base}/chat`);
    expect(String(await new Promise((resolve) => chat.once('message', resolve)))).toBe('chat-ok');
    chat.close();
    const session = await createAgentClient({ url: `ws://${base}/support/relay`, token: AGENT_TOKEN, proxy: false });
    expect(session.number).toMatch(/^\d{8}$/);
    await relay.close();
    expect(await (await fetch(`http://${base}/`)).text()).toBe('helpdesk');
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    own.close();
  });
});
