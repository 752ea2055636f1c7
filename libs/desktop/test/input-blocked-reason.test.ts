import { type InputBlockedReason as CallInputBlockedReason, INPUT_BLOCKED_REASON_CODES } from '@fernhilfe/call';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { InputBlockedReason } from '../src/index';

describe('InputBlockedReason', () => {
  it('is the same union as the one @fernhilfe/call sends in input-blocked', () => {
    expectTypeOf<InputBlockedReason>().toEqualTypeOf<CallInputBlockedReason>();
    const everyReason: Record<InputBlockedReason, true> = { 'elevated-window': true, 'secure-desktop': true };
    expect(Object.keys(INPUT_BLOCKED_REASON_CODES).sort()).toEqual(Object.keys(everyReason).sort());
  });
});
