/**
 * @packageDocumentation
 * `@fernhilfe/windows`: the Windows platform layer of a Fernhilfe guest (work in progress, issue 15).
 *
 * @example
 * ```ts
 * import { loadKoffi } from '@fernhilfe/windows';
 *
 * const user32 = loadKoffi().load('user32.dll');
 * const GetSystemMetrics = user32.func('int __stdcall GetSystemMetrics(int nIndex)');
 * console.log(GetSystemMetrics(0), GetSystemMetrics(1));
 * ```
 */

export { KOFFI_NATIVE_ENV, KOFFI_SEA_ASSET, type KoffiApi, loadKoffi } from './koffi/load-koffi';
export {
  type InternetSettings,
  type SystemProxy,
  systemProxyFromInternetSettings,
} from './proxy/internet-settings';
export { readInternetSettings } from './proxy/read-internet-settings';
