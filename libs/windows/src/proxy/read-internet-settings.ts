import { loadKoffi } from '../koffi/load-koffi';
import type { InternetSettings } from './internet-settings';

const HKEY_CURRENT_USER = 0x80000001;
const RRF_RT_REG_SZ = 0x00000002;
const RRF_RT_REG_DWORD = 0x00000010;
const ERROR_SUCCESS = 0;
const KEY = 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const MAX_VALUE_CHARS = 4096;

/**
 * Reads the current user's manual proxy values from the registry (advapi32 `RegGetValueW`).
 * Missing values are `undefined`; nothing here throws for an absent key.
 *
 * @returns the values
 */
export function readInternetSettings(): InternetSettings {
  const koffi = loadKoffi();
  const advapi32 = koffi.load('advapi32.dll');
  const RegGetValueW = advapi32.func(
    'long __stdcall RegGetValueW(uintptr_t hkey, const char16_t *subKey, const char16_t *value, uint32_t flags, _Out_ uint32_t *type, _Out_ void *data, _Inout_ uint32_t *size)',
  );
  const readString = (name: string): string | undefined => {
    const data = Buffer.alloc(MAX_VALUE_CHARS * 2);
    const size = [data.length];
    const status = RegGetValueW(HKEY_CURRENT_USER, KEY, name, RRF_RT_REG_SZ, [0], data, size);
    if (status !== ERROR_SUCCESS) return undefined;
    return data.toString('utf16le', 0, Math.max(0, (size[0] ?? 2) - 2));
  };
  const readDword = (name: string): number | undefined => {
    const data = Buffer.alloc(4);
    const status = RegGetValueW(HKEY_CURRENT_USER, KEY, name, RRF_RT_REG_DWORD, [0], data, [4]);
    return status === ERROR_SUCCESS ? data.readUInt32LE(0) : undefined;
  };
  return {
    proxyEnable: readDword('ProxyEnable'),
    proxyServer: readString('ProxyServer'),
    proxyOverride: readString('ProxyOverride'),
  };
}
