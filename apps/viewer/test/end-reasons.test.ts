import { describe, expect, it } from 'vitest';
import { END_REASONS, isEndReason } from '../src/connection/end-reasons';

describe('end reasons', () => {
  it('are the session lib’s ten reasons', () => {
    expect([...END_REASONS].sort()).toEqual(
      [
        'guest-ended',
        'agent-ended',
        'guest-window-closed',
        'expired',
        'consent-refused',
        'security-code-mismatch',
        'peer-lost',
        'protocol-error',
        'relay-shutdown',
        'interrupted',
      ].sort(),
    );
  });

  it('are recognised', () => {
    expect(isEndReason('peer-lost')).toBe(true);
    expect(isEndReason('nope')).toBe(false);
    expect(isEndReason(3)).toBe(false);
  });
});
