import { describe, expect, it } from 'vitest';
import { relayUrl } from '../../src/web/relay-url';

describe('relayUrl', () => {
  it('uses /relay on the page’s own server, ws or wss by the page’s scheme', () => {
    expect(relayUrl('http://localhost:8080/')).toBe('ws://localhost:8080/relay');
    expect(relayUrl('https://support.example.com/#1234')).toBe('wss://support.example.com/relay');
    expect(relayUrl('https://support.example.com/hilfe/', '')).toBe('wss://support.example.com/relay');
  });

  it('follows the operator’s meta tag', () => {
    expect(relayUrl('https://www.example.com/support', 'wss://relay.example.com/relay')).toBe(
      'wss://relay.example.com/relay',
    );
    expect(relayUrl('https://www.example.com/support', '/fernhilfe/relay')).toBe(
      'wss://www.example.com/fernhilfe/relay',
    );
  });
});
