import { describe, expect, it } from 'vitest';
import { GuestError, GuestErrorCode } from '../src/errors';
import { CliUsageError } from '../src/node/cli-options';
import { WorkerEncodeError } from '../src/web/frame-encoder';

describe('GuestErrorCode', () => {
  it('holds unique codes, each prefixed with the app', () => {
    const codes: string[] = Object.values(GuestErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((code) => !code.startsWith('GUEST_'))).toEqual([]);
  });
});

describe("the guest app's own errors", () => {
  it('are GuestErrors with their own name and a code from the table', () => {
    expect(new CliUsageError('--bogus')).toBeInstanceOf(GuestError);
    expect(new CliUsageError('--bogus')).toMatchObject({ name: 'CliUsageError', code: 'GUEST_CLI_INVALID_OPTION' });
    expect(new WorkerEncodeError('boom')).toBeInstanceOf(GuestError);
    expect(new WorkerEncodeError('boom')).toMatchObject({ name: 'WorkerEncodeError', code: 'GUEST_ENCODER_FAILED' });
  });
});
