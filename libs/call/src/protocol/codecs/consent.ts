import { CONSENT_SCOPES, type ConsentScope } from '@fernhilfe/session';
import { checkBool, flagFromByte, invalidField } from '../fields';
import type { ConsentMessage } from '../messages';
import type { PayloadCodec } from './codec-shape';

const SCOPE_BITS: Record<ConsentScope, number> = { view: 1, control: 2 };
const ALL_SCOPE_BITS = 3;

function scopeMask(scopes: readonly ConsentScope[]): number {
  if (!Array.isArray(scopes)) invalidField('consent.scopes', 'must be an array');
  let mask = 0;
  for (const scope of scopes) {
    if (typeof scope !== 'string' || !Object.hasOwn(SCOPE_BITS, scope)) invalidField('consent.scopes', 'unknown scope');
    const bit = SCOPE_BITS[scope as ConsentScope];
    if (mask & bit) invalidField('consent.scopes', 'scope listed twice');
    mask |= bit;
  }
  return mask;
}

function checkCombination(granted: boolean, mask: number): void {
  if (granted && !(mask & SCOPE_BITS.view)) invalidField('consent.scopes', 'a grant includes view');
  if (!granted && mask !== 0) invalidField('consent.scopes', 'a refusal carries no scopes');
}

/** `consent`: granted u8 (0/1), scopes u8 bit set (view 1, control 2). */
export const consentCodec: PayloadCodec<ConsentMessage> = {
  size(message) {
    checkBool(message.granted, 'consent.granted');
    checkCombination(message.granted, scopeMask(message.scopes));
    return 2;
  },
  write(writer, message) {
    writer.u8(message.granted ? 1 : 0).u8(scopeMask(message.scopes));
  },
  read(reader) {
    const granted = flagFromByte(reader.u8('consent.granted'), 'consent.granted');
    const mask = reader.u8('consent.scopes');
    if (mask & ~ALL_SCOPE_BITS) invalidField('consent.scopes', 'unknown scope bits');
    checkCombination(granted, mask);
    return { type: 'consent', granted, scopes: CONSENT_SCOPES.filter((scope) => mask & SCOPE_BITS[scope]) };
  },
};
