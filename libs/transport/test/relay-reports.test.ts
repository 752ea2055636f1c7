import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createAgentClient,
  createGuestClient,
  RELAY_SUBPROTOCOL,
  TransportCloseCode,
  TransportError,
  TransportErrorCode,
} from '../src/index';
import { AGENT_TOKEN, auditRecords, startRelay, type TestRelay, waitFor } from './helpers';

let current: TestRelay | undefined;
afterEach(async () => {
  await current?.relay.close();
  current = undefined;
});

/** A bare relay-layer client on a real socket, to send what the typed clients never would. */
async function rawPeer(url: string) {
  const socket = new WebSocket(url, RELAY_SUBPROTOCOL);
  const texts: Array<Record<string, unknown>> = [];
  socket.on('message', (data, isBinary) => {
    if (!isBinary) texts.push(JSON.parse(String(data)) as Record<string, unknown>);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = async (type: string) => {
    await waitFor(() => texts.some((message) => message.type === type));
    return texts.find((message) => message.type === type) as Record<string, unknown>;
  };
  return { socket, texts, closed, next, sendJson: (value: unknown) => socket.send(JSON.stringify(value)) };
}

const decisions = (records: Array<Record<string, unknown>>) =>
  records.filter((record) => /^(consent|control)-/.test(String(record.type)));

describe('guest reports of the customer decisions', () => {
  it('audits consent and control as the guest reports them, in order, before the end', async () => {
    current = await startRelay();
    const { url, audit } = current;
    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url, number: session.number });
    const agent = await session.waitForGuest();

    await guest.report({ event: 'consent', granted: true, scopes: ['view'] });
    await guest.report({ event: 'control', granted: true });
    await guest.report({ event: 'control', granted: false });
    guest.close();
    expect((await agent.ended).reason).toBe('guest-ended');
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));

    const records = auditRecords(audit);
    expect(records.map((r) => r.type)).toEqual([
      'session-created',
      'guest-joined',
      'consent-granted',
      'control-granted',
      'control-revoked',
      'session-ended',
    ]);
    const who = {
      sessionId: session.sessionId,
      number: session.number,
      agent: { id: 'agent-1', org: 'Stadtwerke Test', name: 'Frau Weber' },
      guestAddress: '127.0.0.1',
    };
    expect(records[2]).toMatchObject({ ...who, scopes: ['view'] });
    expect(records[3]).toMatchObject(who);
    expect(records[4]).toMatchObject(who);
    expect(await audit.verify()).toMatchObject({ ok: true, records: 6 });
  });

  it('audits a refused consent before the session ends as consent-refused', async () => {
    current = await startRelay();
    const { url, audit } = current;
    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url, number: session.number });
    await session.waitForGuest();
    await guest.report({ event: 'consent', granted: false });
    guest.close('consent-refused');
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    expect(auditRecords(audit).map((r) => r.type)).toEqual([
      'session-created',
      'guest-joined',
      'consent-refused',
      'session-ended',
    ]);
    expect(auditRecords(audit)[3]).toMatchObject({ reason: 'consent-refused' });
  });

  it("refuses an agent's report: the session ends as protocol-error and nothing is recorded", async () => {
    current = await startRelay();
    const { url, audit } = current;
    const agent = await rawPeer(url);
    agent.sendJson({ type: 'create', token: AGENT_TOKEN });
    const created = await agent.next('created');
    const guest = await createGuestClient({ url, number: String(created.number) });
    await agent.next('paired');
    agent.sendJson({ type: 'report', event: 'consent', granted: true, scopes: ['view', 'control'] });
    expect(await agent.closed).toBe(TransportCloseCode[TransportErrorCode.UNEXPECTED_MESSAGE]);
    expect((await guest.ended).reason).toBe('protocol-error');
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    expect(decisions(auditRecords(audit))).toEqual([]);
    expect(auditRecords(audit).at(-1)).toMatchObject({ type: 'session-ended', reason: 'protocol-error' });
  });

  it('refuses a malformed report with MALFORMED_MESSAGE and records nothing', async () => {
    current = await startRelay();
    const { url, audit } = current;
    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    const guest = await rawPeer(url);
    guest.sendJson({ type: 'join', number: session.number });
    const agent = await session.waitForGuest();
    await guest.next('paired');
    guest.sendJson({ type: 'report', event: 'consent', granted: true });
    expect(await guest.closed).toBe(TransportCloseCode[TransportErrorCode.MALFORMED_MESSAGE]);
    expect((await agent.ended).reason).toBe('protocol-error');
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    expect(decisions(auditRecords(audit))).toEqual([]);
  });

  it('refuses reports before pairing (as the first message, and while the join is on its way)', async () => {
    current = await startRelay();
    const { url, audit } = current;
    const early = await rawPeer(url);
    early.sendJson({ type: 'report', event: 'control', granted: true });
    expect((await early.next('error')).code).toBe('unexpected');
    expect(await early.closed).toBe(TransportCloseCode[TransportErrorCode.UNEXPECTED_MESSAGE]);

    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    const eager = await rawPeer(url);
    eager.sendJson({ type: 'join', number: session.number });
    eager.sendJson({ type: 'report', event: 'consent', granted: true, scopes: ['view'] });
    expect(await eager.closed).toBe(TransportCloseCode[TransportErrorCode.UNEXPECTED_MESSAGE]);
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    expect(decisions(auditRecords(audit))).toEqual([]);
  });

  it('audits at most maxReportsPerSession reports and counts the rest', async () => {
    current = await startRelay({ maxReportsPerSession: 3 });
    const { url, audit } = current;
    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url, number: session.number });
    const agent = await session.waitForGuest();
    for (let i = 0; i < 5; i++) await guest.report({ event: 'control', granted: i % 2 === 0 });
    await guest.report({ event: 'consent', granted: false });
    await waitFor(() => current?.relay.stats().ignoredReports === 3);
    guest.close();
    await agent.ended;
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    expect(decisions(auditRecords(audit)).map((r) => r.type)).toEqual([
      'control-granted',
      'control-revoked',
      'control-granted',
    ]);
    expect(current.relay.stats().ignoredReports).toBe(3);
  });

  it('report() rejects a wrong shape with INVALID_ARGUMENT and an ended session with a typed error', async () => {
    current = await startRelay();
    const { url, audit } = current;
    const session = await createAgentClient({ url, token: AGENT_TOKEN });
    const guest = await createGuestClient({ url, number: session.number });
    await session.waitForGuest();
    for (const bad of [
      { event: 'consent', granted: true, scopes: [] },
      { event: 'consent', granted: true, scopes: ['files'] },
      { event: 'control', granted: 'yes' },
      { event: 'screen', granted: true },
    ]) {
      const error = await guest.report(bad as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).code).toBe(TransportErrorCode.INVALID_ARGUMENT);
    }
    guest.close();
    await guest.ended;
    const late = await guest.report({ event: 'control', granted: false }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(TransportError);
    await waitFor(() => auditRecords(audit).some((r) => r.type === 'session-ended'));
    expect(decisions(auditRecords(audit))).toEqual([]);
  });
});
