import type { KeyPress } from '@fernhilfe/desktop';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LayoutLookup, planKeyDown } from '../../src/desktop/key-plan';
import { WindowsError } from '../../src/errors';
import { press } from '../support/key-press';

const units = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

/** A German layout for the characters the tests use: Z and Y swapped against US. */
const german: LayoutLookup = (unit) => {
  const char = String.fromCharCode(unit).toUpperCase();
  return /^[A-Z]$/.test(char) ? char.charCodeAt(0) : undefined;
};
const noLayout: LayoutLookup = () => undefined;

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof WindowsError ? error.code : 'not a WindowsError';
  }
}

describe('planKeyDown', () => {
  it('types printable characters as Unicode, surrogate pairs as two units', () => {
    expect(planKeyDown(press('KeyA', 'a'), german)).toEqual({ kind: 'type', units: [0x61] });
    expect(planKeyDown(press('Quote', 'ä'), german)).toEqual({ kind: 'type', units: [0xe4] });
    expect(planKeyDown(press('KeyE', '€', { ctrlKey: true, altKey: true }), german)).toEqual({
      kind: 'type',
      units: [0x20ac],
    });
    expect(planKeyDown(press('', '😀'), german)).toEqual({ kind: 'type', units: units('😀') });
    expect(planKeyDown(press('Space', ' '), german)).toEqual({ kind: 'type', units: [0x20] });
  });

  it('presses a shortcut by the key that has the character on the customer layout', () => {
    // A German viewer presses the key labelled Z, which sits where US keyboards have Y.
    expect(planKeyDown(press('KeyY', 'z', { ctrlKey: true }), german)).toEqual({
      kind: 'press',
      key: { vk: 0x5a, extended: false },
      modifier: false,
    });
    expect(planKeyDown(press('KeyA', 'a', { metaKey: true }), german).kind).toBe('press');
  });

  it('falls back to the physical key when the layout lacks the shortcut character', () => {
    expect(planKeyDown(press('KeyQ', 'й', { ctrlKey: true }), noLayout)).toEqual({
      kind: 'press',
      key: { vk: 0x51, extended: false },
      modifier: false,
    });
  });

  it('maps named keys with the extended flag where Windows needs it', () => {
    expect(planKeyDown(press('Enter', 'Enter'), german)).toMatchObject({ key: { vk: 0x0d, extended: false } });
    expect(planKeyDown(press('NumpadEnter', 'Enter'), german)).toMatchObject({ key: { vk: 0x0d, extended: true } });
    expect(planKeyDown(press('Delete', 'Delete'), german)).toMatchObject({ key: { vk: 0x2e, extended: true } });
    expect(planKeyDown(press('ArrowLeft', 'ArrowLeft'), german)).toMatchObject({ key: { vk: 0x25, extended: true } });
    expect(planKeyDown(press('F24', 'F24'), german)).toMatchObject({ key: { vk: 0x87, extended: false } });
    expect(planKeyDown(press('', 'Tab'), german)).toMatchObject({ key: { vk: 0x09 } });
    expect(planKeyDown(press('ControlRight', 'Control', { ctrlKey: true }), german)).toEqual({
      kind: 'press',
      key: { vk: 0xa3, extended: true },
      modifier: true,
    });
  });

  it('refuses unknown keys and malformed events with typed errors', () => {
    expect(codeOf(() => planKeyDown(press('NoSuchKey', ''), german))).toBe('WINDOWS_KEY_UNMAPPED');
    expect(codeOf(() => planKeyDown(press('', 'Dead'), german))).toBe('WINDOWS_KEY_UNMAPPED');
    expect(codeOf(() => planKeyDown(press('NoSuchKey', 'ab', { ctrlKey: true }), german))).toBe('WINDOWS_KEY_UNMAPPED');
    expect(codeOf(() => planKeyDown({ code: 1 } as unknown as KeyPress, german))).toBe('WINDOWS_INVALID_ARGUMENT');
    expect(codeOf(() => planKeyDown(null as unknown as KeyPress, german))).toBe('WINDOWS_INVALID_ARGUMENT');
    expect(codeOf(() => planKeyDown({ ...press('KeyA', 'a'), ctrlKey: 'yes' } as unknown as KeyPress, german))).toBe(
      'WINDOWS_INVALID_ARGUMENT',
    );
  });

  it('gives a plan or a typed error for any event', () => {
    const event = fc.record({
      code: fc.oneof(fc.string(), fc.constantFrom('KeyA', 'Enter', 'ShiftLeft', 'F13', 'NumpadDivide')),
      key: fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('Enter', 'a', '😀', '')),
      shiftKey: fc.boolean(),
      ctrlKey: fc.boolean(),
      altKey: fc.boolean(),
      metaKey: fc.boolean(),
    });
    fc.assert(
      fc.property(event, (e) => {
        try {
          const plan = planKeyDown(e, german);
          if (plan.kind === 'type') expect(plan.units.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(WindowsError);
        }
      }),
    );
  });
});
