/**
 * @packageDocumentation
 * `@fernhilfe/windows`: the Windows platform layer of a Fernhilfe guest (work in progress, issue 15).
 */

export { KOFFI_NATIVE_ENV, KOFFI_SEA_ASSET, type KoffiApi, loadKoffi } from './koffi/load-koffi';
export {
  type InternetSettings,
  type SystemProxy,
  systemProxyFromInternetSettings,
} from './proxy/internet-settings';
export { readInternetSettings } from './proxy/read-internet-settings';
