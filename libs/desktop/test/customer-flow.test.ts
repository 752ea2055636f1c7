import { dammCheckDigit } from '@fernhilfe/session';
import {
  type GuestChannel,
  type GuestClientOptions,
  ProxyError,
  RelayRejectedError,
  TransportErrorCode,
} from '@fernhilfe/transport';
import { afterEach, describe, expect, it } from 'vitest';
import { type CustomerFlow, createCustomerFlow } from '../src/customer-flow';
import { type Agent, PEER, pairWithAgent } from './agent';
import { createFakeDesktop, type FakeDesktop } from './fake-desktop';
import { createScriptedUi, type ScriptedUi } from './scripted-ui';

const NUMBER = `4711081${dammCheckDigit('4711081')}`;
const TYPO = `${NUMBER.slice(0, 7)}${(Number(NUMBER[7]) + 1) % 10}`;

interface Rig {
  ui: ScriptedUi;
  flow: CustomerFlow;
  run: Promise<void>;
  desktops: FakeDesktop[];
  joins: string[];
  agents: Agent[];
}

const running: Rig[] = [];
afterEach(async () => {
  for (const rig of running.splice(0)) {
    rig.flow.stop('guest-window-closed');
    await rig.run;
  }
});

function start(options: { join?: (options: GuestClientOptions) => Promise<GuestChannel>; number?: string } = {}): Rig {
  const ui = createScriptedUi();
  const desktops: FakeDesktop[] = [];
  const joins: string[] = [];
  const agents: Agent[] = [];
  const flow = createCustomerFlow({
    ui,
    relayUrl: 'ws://relay.test/relay',
    openDesktop: async () => {
      const desktop = createFakeDesktop();
      desktops.push(desktop);
      return desktop;
    },
    join: async (joinOptions) => {
      joins.push(joinOptions.number);
      if (options.join !== undefined) return options.join(joinOptions);
      const agent = pairWithAgent();
      agents.push(agent);
      return agent.channel;
    },
    sessionOptions: { pollIntervalMs: 10 },
    ...(options.number === undefined ? {} : { number: options.number }),
  });
  const rig = { ui, flow, run: flow.run(), desktops, joins, agents };
  running.push(rig);
  return rig;
}

/** Types the number and says Ja to the security code; returns the agent. */
async function toSharing(rig: Rig): Promise<Agent> {
  (await rig.ui.next('askNumber')).answer(NUMBER);
  const consent = await rig.ui.next('askConsent');
  const agent = rig.agents.at(-1) as Agent;
  expect(consent.asked).toEqual({ org: PEER.org, agentName: PEER.agentName, securityCode: agent.viewer.securityCode });
  consent.answer(true);
  await expect.poll(() => agent.viewer.state).toBe('active-view');
  return agent;
}

describe('customer flow', () => {
  it('says what is wrong with a typo and asks again without joining; closing the number dialog ends run', async () => {
    const rig = start();
    const first = await rig.ui.next('askNumber');
    expect(first.asked).toBeUndefined();
    first.answer(`${TYPO.slice(0, 4)} ${TYPO.slice(4)}`);
    const second = await rig.ui.next('askNumber');
    expect(second.asked).toEqual({ kind: 'number-problem', problem: 'typo' });
    second.answer('12 34');
    const third = await rig.ui.next('askNumber');
    expect(third.asked).toEqual({ kind: 'number-problem', problem: 'too-short' });
    third.answer(undefined);
    await rig.run;
    expect(rig.joins).toEqual([]);
    expect(rig.desktops).toEqual([]);
  });

  it('checks a number given up front like a typed one', async () => {
    const rig = start({ number: TYPO });
    expect((await rig.ui.next('askNumber')).asked).toEqual({ kind: 'number-problem', problem: 'typo' });
  });

  it('explains a failed join above the number field and closes the desktop it opened', async () => {
    const errors = [
      new RelayRejectedError(TransportErrorCode.EXPIRED, 'expired'),
      new RelayRejectedError(TransportErrorCode.RATE_LIMITED, 'slow down', 4000),
    ];
    const rig = start({
      join: async () => {
        throw errors.shift();
      },
    });
    (await rig.ui.next('askNumber')).answer(NUMBER);
    const afterExpired = await rig.ui.next('askNumber');
    expect(afterExpired.asked).toEqual({ kind: 'join-problem', problem: 'expired' });
    afterExpired.answer(NUMBER);
    const afterLimit = await rig.ui.next('askNumber');
    expect(afterLimit.asked).toEqual({ kind: 'join-problem', problem: 'rate-limited', retryAfterMs: 4000 });
    expect(rig.ui.shown).toEqual(['connecting', 'connecting']);
    expect(rig.desktops.map((desktop) => desktop.closed)).toEqual([true, true]);
    expect(rig.joins).toEqual([NUMBER, NUMBER]);
  });

  it('reports a desktop that cannot be opened as a display problem, without joining', async () => {
    const ui = createScriptedUi();
    const joins: string[] = [];
    const flow = createCustomerFlow({
      ui,
      relayUrl: 'ws://relay.test/relay',
      openDesktop: async () => {
        throw new Error('no display');
      },
      join: async (options) => {
        joins.push(options.number);
        throw new Error('must not join');
      },
    });
    const run = flow.run();
    (await ui.next('askNumber')).answer(NUMBER);
    const again = await ui.next('askNumber');
    expect(again.asked).toEqual({ kind: 'join-problem', problem: 'display' });
    again.answer(undefined);
    await run;
    expect(joins).toEqual([]);
  });

  it('hands the proxy login to the transport; cancel fails the join, a closed login window asks afresh', async () => {
    const answers: unknown[] = [];
    const rig = start({
      join: async (options) => {
        answers.push(await options.onProxyAuth?.({ proxy: 'proxy.corp:3128', attempt: 1 }));
        throw new ProxyError(TransportErrorCode.PROXY_AUTH_FAILED, 'no', 407);
      },
    });
    (await rig.ui.next('askNumber')).answer(NUMBER);
    const login = await rig.ui.next('askProxyCredentials');
    expect(login.asked).toEqual({ proxy: 'proxy.corp:3128', attempt: 1 });
    login.answer(null);
    const afterCancel = await rig.ui.next('askNumber');
    expect(afterCancel.asked).toEqual({ kind: 'join-problem', problem: 'proxy-auth-failed' });
    afterCancel.answer(NUMBER);
    (await rig.ui.next('askProxyCredentials')).answer(undefined);
    expect((await rig.ui.next('askNumber')).asked).toBeUndefined();
    expect(answers).toEqual([null, null]);
  });

  it('Nein to the security code ends the session as consent-refused, with nothing captured', async () => {
    const rig = start();
    (await rig.ui.next('askNumber')).answer(NUMBER);
    (await rig.ui.next('askConsent')).answer(false);
    const agent = rig.agents[0] as Agent;
    expect(await agent.ended).toMatchObject({ reason: 'consent-refused', by: 'guest' });
    expect((await rig.ui.next('askNumber')).asked).toEqual({ kind: 'ended', reason: 'consent-refused' });
    expect(rig.desktops[0]?.captures).toBe(0);
    expect(rig.desktops[0]?.closed).toBe(true);
    expect(rig.ui.shown).toEqual(['connecting', 'handshake']);
  });

  it('asks for control: Nein refuses, Ja grants, take-back revokes, Beenden ends as guest-ended', async () => {
    const rig = start();
    const agent = await toSharing(rig);
    await agent.viewer.requestControl();
    const refuse = await rig.ui.next('askControl');
    expect(refuse.asked).toEqual({ agentName: PEER.agentName });
    refuse.answer(false);
    await expect.poll(() => agent.control).toEqual([false]);

    await agent.viewer.requestControl();
    (await rig.ui.next('askControl')).answer(true);
    await expect.poll(() => agent.control).toEqual([false, true]);
    expect(rig.ui.shown).toContain('sharing control=true');

    (await rig.ui.next('nextSharingCommand')).answer('take-back');
    await expect.poll(() => agent.control).toEqual([false, true, false]);
    await expect.poll(() => rig.ui.shown.at(-1)).toBe('sharing control=false');

    (await rig.ui.next('nextSharingCommand')).answer('end');
    expect(await agent.ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
    expect((await rig.ui.next('askNumber')).asked).toEqual({ kind: 'ended', reason: 'guest-ended' });
    expect(rig.ui.shown).toEqual([
      'connecting',
      'handshake',
      'sharing control=false',
      'sharing control=true',
      'sharing control=false',
      'ending',
    ]);
    expect(rig.desktops[0]?.captures).toBeGreaterThan(0);
    expect(rig.desktops[0]?.closed).toBe(true);
  });

  it('a closed status window ends the session as guest-window-closed and returns to the number', async () => {
    const rig = start();
    const agent = await toSharing(rig);
    (await rig.ui.next('nextSharingCommand')).answer(undefined);
    expect(await agent.ended).toMatchObject({ reason: 'guest-window-closed', by: 'guest' });
    const again = await rig.ui.next('askNumber');
    expect(again.asked).toEqual({ kind: 'ended', reason: 'guest-window-closed' });
    again.answer(undefined);
    await rig.run;
    expect(rig.flow.lastEnded?.reason).toBe('guest-window-closed');
  });

  it('a closed consent or control dialog ends the session as guest-window-closed', async () => {
    const rig = start();
    (await rig.ui.next('askNumber')).answer(NUMBER);
    (await rig.ui.next('askConsent')).answer(undefined);
    expect(await (rig.agents[0] as Agent).ended).toMatchObject({ reason: 'guest-window-closed' });

    const agent = await toSharing(rig);
    await agent.viewer.requestControl();
    (await rig.ui.next('askControl')).answer(undefined);
    expect(await agent.ended).toMatchObject({ reason: 'guest-window-closed' });
    await expect.poll(() => rig.ui.withdrawn).toEqual(['nextSharingCommand']);
  });

  it('withdraws open questions when the agent ends the session', async () => {
    const rig = start();
    const agent = await toSharing(rig);
    await agent.viewer.requestControl();
    await rig.ui.next('askControl');
    await agent.viewer.end('agent-ended');
    expect((await rig.ui.next('askNumber')).asked).toEqual({ kind: 'ended', reason: 'agent-ended' });
    expect([...rig.ui.withdrawn].sort()).toEqual(['askControl', 'nextSharingCommand']);
  });

  it('stop ends a running session with its reason and run resolves without asking again', async () => {
    const rig = start();
    const agent = await toSharing(rig);
    await rig.ui.next('nextSharingCommand');
    expect(rig.flow.session).toBeDefined();
    rig.flow.stop('guest-ended');
    expect(await agent.ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
    await rig.run;
    expect(rig.flow.session).toBeUndefined();
    expect(rig.flow.lastEnded?.reason).toBe('guest-ended');
    expect(rig.desktops[0]?.closed).toBe(true);
    expect(rig.ui.withdrawn).toEqual(['nextSharingCommand']);
  });
});
