import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../src/cli-options';
import { CliUsageError } from '../src/errors';
import { type RelayFixture, startRelayFixture } from './relay-fixture';

let plain: RelayFixture;
let framed: RelayFixture;

beforeAll(async () => {
  plain = await startRelayFixture();
  framed = await startRelayFixture({
    args: ['--frame-ancestors', 'https://helpdesk.example.com, https://*.intranet.example'],
  });
});
afterAll(async () => {
  await plain?.close();
  await framed?.close();
});

function directives(policy: string | null): Map<string, string> {
  return new Map(
    (policy ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('security headers of the real relay', () => {
  it('sends a strict CSP on the customer page and the console, without unsafe-inline', async () => {
    for (const path of ['/', '/agent/', '/agent/index.html', '/app.js']) {
      const answer = await fetch(`${plain.base}${path}`);
      const policy = answer.headers.get('content-security-policy');
      const csp = directives(policy);
      expect(csp.get('default-src'), path).toBe("'self'");
      expect(csp.get('script-src'), path).toBe("'self'");
      expect(csp.get('style-src'), path).toBe("'self'");
      expect(csp.get('connect-src'), path).toBe("'self'");
      expect(csp.get('worker-src'), path).toBe("'self'");
      expect(csp.get('object-src'), path).toBe("'none'");
      expect(csp.get('frame-ancestors'), path).toBe("'self'");
      expect(policy, path).not.toContain('unsafe');
      expect(answer.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(answer.headers.get('strict-transport-security'), path).toBeNull();
      await answer.arrayBuffer();
    }
  });

  it('lets only the customer page capture the screen (Permissions-Policy)', async () => {
    const guest = (await fetch(`${plain.base}/`)).headers.get('permissions-policy') ?? '';
    const viewer = (await fetch(`${plain.base}/agent/`)).headers.get('permissions-policy') ?? '';
    expect(guest.split(', ')).toContain('display-capture=(self)');
    expect(viewer.split(', ')).toContain('display-capture=()');
    for (const feature of ['camera', 'microphone', 'geolocation', 'usb', 'clipboard-read']) {
      expect(guest.split(', ')).toContain(`${feature}=()`);
      expect(viewer.split(', ')).toContain(`${feature}=()`);
    }
  });

  it('lets the configured helpdesk frame the console, never the customer page', async () => {
    const agentConsole = await fetch(`${framed.base}/agent/`);
    expect(directives(agentConsole.headers.get('content-security-policy')).get('frame-ancestors')).toBe(
      'https://helpdesk.example.com https://*.intranet.example',
    );
    expect(agentConsole.headers.get('x-frame-options')).toBeNull();
    const guest = await fetch(`${framed.base}/`);
    expect(directives(guest.headers.get('content-security-policy')).get('frame-ancestors')).toBe("'self'");
    const embed = await fetch(`${framed.base}/agent/embed.js`, { headers: { Origin: 'https://helpdesk.example.com' } });
    expect(embed.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses frame-ancestors that are not origins (they would end up in a header)', () => {
    const read = (value: string) => () => readSettings(['--frame-ancestors', value], {}).frameAncestors;
    for (const bad of [
      '',
      "'self'; script-src *",
      'https://a.example\r\nX: y',
      "'unsafe-inline'",
      "'none' 'self'",
      '*',
    ]) {
      expect(read(bad), bad).toThrow(CliUsageError);
    }
    expect(read("'none'")()).toEqual(["'none'"]);
    expect(readSettings([], { FERNHILFE_FRAME_ANCESTORS: 'https://h.example:8443' }).frameAncestors).toEqual([
      'https://h.example:8443',
    ]);
    expect(readSettings([], {}).frameAncestors).toEqual(["'self'"]);
  });

  it('sends Strict-Transport-Security on every answer when it serves TLS', async () => {
    const tls = await startRelayFixture({ tls: true });
    try {
      const { request } = await import('node:https');
      const headersOf = (path: string) =>
        new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
          request(`${tls.base}${path}`, { ca: tls.cert }, (answer) => {
            answer.resume();
            resolve(answer.headers);
          })
            .on('error', reject)
            .end();
        });
      for (const path of ['/', '/agent/', '/healthz', '/relay', '/missing/../x']) {
        expect((await headersOf(path))['strict-transport-security'], path).toBe('max-age=31536000');
      }
    } finally {
      await tls.close();
    }
  });
});
