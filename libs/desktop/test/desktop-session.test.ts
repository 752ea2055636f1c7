import { POINTER_BUTTONS } from '@fernhilfe/call';
import { afterEach, describe, expect, it } from 'vitest';
import { type DesktopSession, startDesktopSession } from '../src/desktop-session';
import type { FrameCost } from '../src/frame-pump';
import { type Agent, pairWithAgent } from './agent';
import { createFakeDesktop, type FakeDesktop } from './fake-desktop';

const sessions: DesktopSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.end('guest-ended');
});

function start(options: { damage?: boolean; pollIntervalMs?: number } = {}): {
  session: DesktopSession;
  desktop: FakeDesktop;
  agent: Agent;
} {
  const agent = pairWithAgent();
  const desktop = createFakeDesktop({ damage: options.damage ?? false });
  const session = startDesktopSession({
    channel: agent.channel,
    desktop,
    pollIntervalMs: options.pollIntervalMs ?? 10,
  });
  sessions.push(session);
  return { session, desktop, agent };
}

async function confirmed(): Promise<ReturnType<typeof start>> {
  const started = start();
  await new Promise((resolve) => started.session.on('security-code', resolve));
  await started.session.confirm();
  await expect.poll(() => started.agent.viewer.state).toBe('active-view');
  return started;
}

describe('desktop session on a fake desktop', () => {
  it('captures nothing before Ja, then streams frames the agent acknowledges', async () => {
    const { session, desktop, agent } = start();
    const code = await new Promise<string>((resolve) => session.on('security-code', resolve));
    expect(code).toBe(agent.viewer.securityCode);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(desktop.captures).toBe(0);
    await session.confirm();
    await expect.poll(() => agent.frames).toBeGreaterThan(0);
    expect(agent.viewer.guest).toEqual({ screen: { width: 64, height: 48 }, canControl: true });
    expect(agent.channel.reports.map((report) => report.event)).toEqual(['consent']);
  });

  it('with change notices, captures when the screen changes, not on the next poll tick', async () => {
    const { session, desktop, agent } = start({ damage: true, pollIntervalMs: 60_000 });
    await new Promise((resolve) => session.on('security-code', resolve));
    await session.confirm();
    await expect.poll(() => agent.frames).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(desktop.captures).toBe(1);
    desktop.changeScreen();
    desktop.changeScreen();
    await expect.poll(() => agent.frames).toBe(2);
    expect(desktop.captures).toBe(2);
  });

  it('reports each frame sent with the id the agent sees and when the transport took it', async () => {
    const agent = pairWithAgent();
    const costs: FrameCost[] = [];
    const seen: number[] = [];
    agent.viewer.on('frame', (frame) => seen.push(frame.frameId));
    const clock = () => performance.timeOrigin + performance.now();
    const before = clock();
    const session = startDesktopSession({
      channel: agent.channel,
      desktop: createFakeDesktop({ damage: false }),
      pollIntervalMs: 10,
      onFrame: (cost) => costs.push(cost),
    });
    sessions.push(session);
    await new Promise((resolve) => session.on('security-code', resolve));
    await session.confirm();
    await expect.poll(() => costs.length).toBeGreaterThanOrEqual(3);
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(3);
    expect(costs.slice(0, 3).map((cost) => cost.frameId)).toEqual(seen.slice(0, 3));
    expect(costs[0]!.keyframe).toBe(true);
    for (const cost of costs) {
      expect(cost.sentAt).toBeGreaterThanOrEqual(before);
      expect(cost.sentAt).toBeLessThanOrEqual(clock());
      for (const part of [cost.captureMs, cost.encodeMs, cost.sendMs]) expect(part).toBeGreaterThanOrEqual(0);
    }
  });

  it('applies input only while control is granted, and releases everything when it ends', async () => {
    const { session, desktop, agent } = await confirmed();
    session.on('control-requested', () => void session.answerControlRequest(true));
    await agent.viewer.requestControl();
    await expect.poll(() => agent.control).toEqual([true]);
    agent.viewer.sendPointer({ x: 5, y: 6, buttons: POINTER_BUTTONS.left, wheelX: 0, wheelY: 0 });
    await expect.poll(() => desktop.calls).toEqual(['move 5,6', 'down left']);
    await session.revokeControl();
    await expect.poll(() => agent.control).toEqual([true, false]);
    expect(desktop.calls.at(-1)).toBe('release all');
    expect(agent.viewer.sendPointer({ x: 1, y: 1, buttons: 0, wheelX: 0, wheelY: 0 })).toBe(false);
  });

  it('tells the agent when the platform refuses input, only while control is granted', async () => {
    const { session, desktop, agent } = await confirmed();
    const told: string[] = [];
    agent.viewer.on('input-blocked', (reason) => told.push(reason));
    desktop.blockInput('elevated-window');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(told).toEqual([]);
    session.on('control-requested', () => void session.answerControlRequest(true));
    await agent.viewer.requestControl();
    await expect.poll(() => agent.control).toEqual([true]);
    desktop.blockInput('secure-desktop');
    await expect.poll(() => told).toEqual(['secure-desktop']);
  });

  it('ends as guest-ended when the display is lost', async () => {
    const { session, desktop, agent } = await confirmed();
    desktop.loseDisplay(new Error('gone'));
    expect(await agent.ended).toMatchObject({ reason: 'guest-ended', by: 'guest' });
    expect((await session.ended).reason).toBe('guest-ended');
    expect(desktop.calls).toContain('release all');
  });
});
