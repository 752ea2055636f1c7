import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPermissionGate, MESSAGE_TYPES, type SessionMessage } from '../../src/index';
import { anyMessage, messageArbitraries } from './arbitraries';

type Action = { kind: 'grant' } | { kind: 'revoke' } | { kind: 'message'; message: SessionMessage };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: 'grant' as const }),
  fc.constant({ kind: 'revoke' as const }),
  anyMessage.map((message) => ({ kind: 'message' as const, message })),
  messageArbitraries.pointer.map((message) => ({ kind: 'message' as const, message })),
  messageArbitraries.key.map((message) => ({ kind: 'message' as const, message })),
);

describe('PermissionGate', () => {
  it('never lets input through without a current grant (any sequence)', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        const gate = createPermissionGate();
        let granted = false;
        let refused = 0;
        for (const step of actions) {
          if (step.kind === 'grant') {
            gate.grant();
            granted = true;
          } else if (step.kind === 'revoke') {
            gate.revoke();
            granted = false;
          } else {
            const entry = MESSAGE_TYPES[step.message.type];
            const decision = gate.admit(step.message);
            if (entry.input && !granted) expect(decision).toEqual({ pass: false, reason: 'no-control' });
            if (entry.direction === 'guest→viewer')
              expect(decision).toEqual({ pass: false, reason: 'wrong-direction' });
            if (!decision.pass) refused++;
            if (step.message.type === 'control-revoke') granted = false;
          }
          expect(gate.controlGranted).toBe(granted);
        }
        expect(gate.refusalCount).toBe(refused);
      }),
    );
  });

  it('passes input while granted and records refusals with time and reason', () => {
    let now = 5;
    const seen: unknown[] = [];
    const gate = createPermissionGate({ clock: () => now, maxRecordedRefusals: 2, onRefusal: (r) => seen.push(r) });
    const key: SessionMessage = { type: 'key', down: true, modifiers: 0, code: 'KeyA', key: 'a' };
    expect(gate.admit(key)).toEqual({ pass: false, reason: 'no-control' });
    gate.grant();
    expect(gate.admit(key)).toEqual({ pass: true });
    expect(gate.admit({ type: 'control-revoke' })).toEqual({ pass: true });
    now = 9;
    expect(gate.admit(key).pass).toBe(false);
    expect(gate.admit({ type: 'consent', granted: true, scopes: ['view'] }).pass).toBe(false);
    expect(gate.admit({ type: 'clipboard' } as never).pass).toBe(false);
    expect(gate.refusalCount).toBe(4);
    expect(gate.refusals).toHaveLength(2);
    expect(seen[0]).toEqual({ type: 'key', reason: 'no-control', at: 5 });
  });
});
