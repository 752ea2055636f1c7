import { describe, expect, it } from 'vitest';
import { watchScreenChanges } from '../src/screen-changes';
import { createFakeDesktop } from './fake-desktop';

describe('screen changes', () => {
  it("follow the desktop's change notices: a look after no notice says unchanged", () => {
    const desktop = createFakeDesktop({ damage: true });
    let notices = 0;
    const changes = watchScreenChanges(desktop, true, 40, () => notices++);
    expect(changes.take()).toBe(true);
    expect(changes.take()).toBe(false);
    expect(changes.pending).toBe(false);
    desktop.changeScreen();
    desktop.changeScreen();
    expect(notices).toBe(2);
    expect(changes.pending).toBe(true);
    expect(changes.take()).toBe(true);
    expect(changes.take()).toBe(false);
    changes.close();
    desktop.changeScreen();
    expect(changes.take()).toBe(false);
  });

  it('without notices (or with useDamage off) say changed at most once per poll interval', () => {
    for (const [damage, useDamage] of [
      [false, true],
      [true, false],
    ] as const) {
      const desktop = createFakeDesktop({ damage });
      const changes = watchScreenChanges(desktop, useDamage, 60_000);
      desktop.changeScreen();
      expect(changes.take()).toBe(true);
      desktop.changeScreen();
      expect(changes.pending).toBe(false);
      expect(changes.take()).toBe(false);
      changes.close();
    }
  });
});
