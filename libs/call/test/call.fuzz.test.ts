import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallPair, settle } from './call-pair';

describe('call fuzz: arbitrary bytes from the relay', () => {
  it('never throw, and end the call with protocol-error or leave it running', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 5 }),
        fc.boolean(),
        async (junk, afterHandshake) => {
          const pair = createCallPair();
          pair.guest.start();
          if (afterHandshake) await settle();
          for (const bytes of junk) {
            expect(() => pair.viewer.receive(bytes)).not.toThrow();
            expect(() => pair.guest.receive(bytes)).not.toThrow();
          }
          await settle();
          for (const call of [pair.guest, pair.viewer]) {
            if (call.state === 'ended') expect(['protocol-error', 'peer-lost']).toContain(call.endReason);
          }
        },
      ),
    );
  });
});
