import { checkInt, invalidField, tooLarge, U16, U32 } from '../fields';
import type { HelloMessage } from '../messages';
import type { PayloadCodec } from './codec-shape';

const ROLES = ['guest', 'viewer'] as const;

/** `hello`: role u8, versions (u8 count + u16 each), capabilities u32, width u16, height u16. */
export const helloCodec: PayloadCodec<HelloMessage> = {
  size(message, limits) {
    if (!ROLES.includes(message.role)) invalidField('hello.role', 'must be guest or viewer');
    if (!Array.isArray(message.versions) || message.versions.length === 0) {
      invalidField('hello.versions', 'must list at least one version');
    }
    if (message.versions.length > limits.maxVersions) {
      tooLarge('hello.versions', message.versions.length, limits.maxVersions);
    }
    for (const version of message.versions) checkInt(version, 1, U16, 'hello.versions');
    checkInt(message.capabilities, 0, U32, 'hello.capabilities');
    checkInt(message.screen?.width, 0, U16, 'hello.screen.width');
    checkInt(message.screen?.height, 0, U16, 'hello.screen.height');
    return 1 + 1 + 2 * message.versions.length + 4 + 2 + 2;
  },
  write(writer, message) {
    writer.u8(ROLES.indexOf(message.role) + 1).u8(message.versions.length);
    for (const version of message.versions) writer.u16(version);
    writer.u32(message.capabilities).u16(message.screen.width).u16(message.screen.height);
  },
  read(reader, limits) {
    const role = ROLES[reader.u8('hello.role') - 1];
    if (role === undefined) invalidField('hello.role', 'must be 1 or 2');
    const count = reader.u8('hello.versions');
    if (count === 0) invalidField('hello.versions', 'must list at least one version');
    if (count > limits.maxVersions) tooLarge('hello.versions', count, limits.maxVersions);
    const versions: number[] = [];
    for (let i = 0; i < count; i++) {
      const version = reader.u16('hello.versions');
      if (version === 0) invalidField('hello.versions', 'version 0 does not exist');
      versions.push(version);
    }
    const capabilities = reader.u32('hello.capabilities');
    const width = reader.u16('hello.screen.width');
    const height = reader.u16('hello.screen.height');
    return { type: 'hello', role, versions, capabilities, screen: { width, height } };
  },
};
