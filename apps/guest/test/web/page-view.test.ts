import { END_REASONS } from '@fernhilfe/session';
import { RelayRejectedError, TransportError, TransportErrorCode } from '@fernhilfe/transport';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, translator } from '../../src/web/i18n';
import { type EndCause, INITIAL_STATE, joinFailureFor, type PageState } from '../../src/web/page-state';
import { type BlockView, describeEnd, pageView } from '../../src/web/page-view';

const de = translator('de');
const en = translator('en');
const agent = { org: 'Stadtwerke Fernhilfe', agentName: 'Frau Weber' };

function texts(blocks: BlockView[]): string[] {
  return blocks.flatMap((block) => {
    if (block.kind === 'text') return [block.text];
    if (block.kind === 'facts') return [block.heading, ...block.items];
    if (block.kind === 'code') return [block.label, block.code, block.hint];
    return [block.label, block.error ?? ''];
  });
}

describe('pageView', () => {
  it('starts with the number field and Start Support', () => {
    const view = pageView(INITIAL_STATE, en);
    expect(view.step).toBe('enter');
    expect(view.sharing).toBe(false);
    expect(view.actions).toEqual([{ id: 'start', label: 'Start Support', primary: true }]);
    expect(view.blocks.find((b) => b.kind === 'number-field')).toMatchObject({ value: '', error: undefined });
    expect(pageView(INITIAL_STATE, de).actions[0]?.label).toBe('Support starten');
  });

  it('shows a number problem under the field', () => {
    const state: PageState = { step: 'enter', input: '1234', check: { status: 'invalid', problem: { kind: 'typo' } } };
    const field = pageView(state, de).blocks.find((b) => b.kind === 'number-field');
    expect(field).toMatchObject({ value: '1234', error: de('number.typo') });
  });

  it('shows a join failure above the field, with the wait for rate limiting', () => {
    const state: PageState = {
      step: 'enter',
      input: '',
      check: { status: 'empty' },
      failure: { kind: 'rate-limited', retryAfterSeconds: 42 },
    };
    const first = pageView(state, de).blocks[0];
    expect(first).toMatchObject({ kind: 'text', tone: 'error' });
    expect(first?.kind === 'text' && first.text).toContain('42');
  });

  it('shows a spinner and Cancel while connecting', () => {
    const view = pageView({ step: 'connecting' }, de);
    expect(view.busy).toBe(true);
    expect(view.actions.map((a) => a.id)).toEqual(['cancel']);
  });

  it('asks with who, the security code and what is shared, Ja first', () => {
    const view = pageView({ step: 'confirm', agent, code: '123 456' }, de);
    const all = texts(view.blocks);
    expect(all).toContain('Frau Weber');
    expect(all).toContain('Stadtwerke Fernhilfe');
    expect(view.blocks).toContainEqual({
      kind: 'code',
      label: 'Sicherheitscode',
      code: '123 456',
      hint: 'Ihr Mitarbeiter liest Ihnen diesen Code vor — fahren Sie nur fort, wenn er übereinstimmt.',
    });
    expect(all.join(' ')).toContain('Keine Dateien');
    expect(all.join(' ')).toContain('Keine Steuerung');
    expect(view.actions.map((a) => [a.id, a.primary])).toEqual([
      ['confirm', true],
      ['refuse', false],
    ]);
    expect(view.sharing).toBe(false);
  });

  it('shows the sharing bar, the view-only notice and End while live', () => {
    const view = pageView({ step: 'live', agent }, de);
    expect(view.sharing).toBe(true);
    expect(view.documentTitle).toContain('geteilt');
    expect(texts(view.blocks).join(' ')).toContain('Nur ansehen');
    expect(view.actions).toEqual([{ id: 'end', label: 'Beenden', primary: true }]);
  });

  it('is not sharing in any other step', () => {
    const others: PageState[] = [
      INITIAL_STATE,
      { step: 'connecting' },
      { step: 'confirm', agent, code: '1' },
      { step: 'choosing', agent },
      { step: 'ended', outcome: { cause: 'agent-ended', shared: true } },
    ];
    for (const state of others) expect(pageView(state, en).sharing, state.step).toBe(false);
  });

  it('explains the end and says when nothing was shared', () => {
    const refused = pageView({ step: 'ended', outcome: { cause: 'picker-cancelled', shared: false } }, en);
    expect(texts(refused.blocks)).toEqual([en('end.picker-cancelled'), en('ended.nothing-shared')]);
    expect(refused.actions.map((a) => a.id)).toEqual(['back']);
    const agentEnded = pageView({ step: 'ended', outcome: { cause: 'agent-ended', shared: true } }, de);
    expect(texts(agentEnded.blocks)).toEqual(['Ihr Mitarbeiter hat die Sitzung beendet.']);
  });

  it('has a distinct text for every end cause in both languages', () => {
    const causes: EndCause[] = [...END_REASONS, 'stopped-sharing', 'picker-cancelled', 'capture-unsupported'];
    for (const language of LANGUAGES) {
      const t = translator(language);
      const seen = new Set(causes.map((cause) => describeEnd(cause, t)));
      expect(seen.size, language).toBe(causes.length);
    }
  });
});

describe('joinFailureFor', () => {
  it('maps the relay’s refusals by code', () => {
    const refused = (code: TransportErrorCode) => new RelayRejectedError(code, 'x');
    expect(joinFailureFor(refused(TransportErrorCode.UNKNOWN_NUMBER))).toEqual({ kind: 'unknown-number' });
    expect(joinFailureFor(refused(TransportErrorCode.EXPIRED))).toEqual({ kind: 'expired' });
    expect(joinFailureFor(refused(TransportErrorCode.ALREADY_TAKEN))).toEqual({ kind: 'already-taken' });
    expect(joinFailureFor(new RelayRejectedError(TransportErrorCode.RATE_LIMITED, 'x', 12_300))).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 13,
    });
  });

  it('calls a connection that cannot be opened unreachable, anything else failed', () => {
    expect(joinFailureFor(new TransportError(TransportErrorCode.CONNECT_FAILED, 'x'))).toEqual({ kind: 'unreachable' });
    expect(joinFailureFor(new TransportError(TransportErrorCode.TIMEOUT, 'x'))).toEqual({ kind: 'unreachable' });
    expect(joinFailureFor(new Error('boom'))).toEqual({ kind: 'failed' });
  });

  it('classifies like the Node guest and the viewer: too many connections is rate limiting, TLS unreachable', () => {
    expect(joinFailureFor(new RelayRejectedError(TransportErrorCode.TOO_MANY_CONNECTIONS, 'x'))).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 10,
    });
    expect(joinFailureFor(new TransportError(TransportErrorCode.TLS_FAILED, 'x'))).toEqual({ kind: 'unreachable' });
  });
});
