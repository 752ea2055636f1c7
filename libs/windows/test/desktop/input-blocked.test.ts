import { describe, expect, it } from 'vitest';
import { InputBlockedMonitor, type InputBlockProbe } from '../../src/desktop/input-blocked';

class FakeProbe implements InputBlockProbe {
  desktop: string | undefined = 'Default';
  foreground = false;
  self = false;
  calls = 0;
  inputDesktopName() {
    this.calls++;
    return this.desktop;
  }
  foregroundElevated() {
    return this.foreground;
  }
  selfElevated() {
    return this.self;
  }
}

function setup(intervalMs = 100) {
  const probe = new FakeProbe();
  let now = 0;
  const monitor = new InputBlockedMonitor(probe, { intervalMs, now: () => now });
  const reasons: string[] = [];
  monitor.onBlocked((reason) => reasons.push(reason));
  return { probe, monitor, reasons, advance: (ms: number) => (now += ms) };
}

describe('InputBlockedMonitor', () => {
  it('reports an elevated foreground window once per change of state', () => {
    const { probe, monitor, reasons, advance } = setup();
    monitor.beforeInput();
    expect(reasons).toEqual([]);
    probe.foreground = true;
    for (let i = 0; i < 5; i++) {
      advance(150);
      monitor.beforeInput();
    }
    expect(reasons).toEqual(['elevated-window']);
    probe.foreground = false;
    advance(150);
    monitor.beforeInput();
    expect(monitor.state).toBeUndefined();
    probe.foreground = true;
    advance(150);
    monitor.beforeInput();
    expect(reasons).toEqual(['elevated-window', 'elevated-window']);
  });

  it('does not count elevated windows when we run elevated ourselves', () => {
    const { probe, monitor, reasons } = setup();
    probe.self = true;
    probe.foreground = true;
    monitor.beforeInput();
    expect(reasons).toEqual([]);
  });

  it('reports the secure desktop when the input desktop is not ours or cannot be opened', () => {
    const { probe, monitor, reasons, advance } = setup();
    probe.desktop = 'Winlogon';
    monitor.beforeInput();
    probe.desktop = undefined;
    advance(150);
    monitor.beforeInput();
    expect(reasons).toEqual(['secure-desktop']);
  });

  it('probes at most once per interval', () => {
    const { probe, monitor, advance } = setup(100);
    for (let i = 0; i < 10; i++) {
      monitor.beforeInput();
      advance(30);
    }
    expect(probe.calls).toBe(3);
  });

  it('counts a SendInput shortfall without other explanation as the secure desktop, probing at once', () => {
    const { probe, monitor, reasons } = setup();
    monitor.beforeInput();
    monitor.reportShortfall();
    expect(probe.calls).toBe(2);
    expect(reasons).toEqual(['secure-desktop']);
  });

  it('treats a failing probe as not blocked, and a removed listener hears nothing', () => {
    const { probe, monitor, reasons } = setup();
    probe.inputDesktopName = () => {
      throw new Error('gone');
    };
    monitor.beforeInput();
    expect(monitor.state).toBeUndefined();
    const heard: string[] = [];
    const remove = monitor.onBlocked((reason) => heard.push(reason));
    remove();
    monitor.reportShortfall();
    expect(heard).toEqual([]);
    expect(reasons).toEqual(['secure-desktop']);
  });
});
