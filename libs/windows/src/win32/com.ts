import { WindowsError, WindowsErrorCode } from '../errors';
import { loadKoffi } from '../koffi/load-koffi';
import { lazyBinding } from './library';

/** A COM interface pointer as koffi passes `void *`: an address, never null once checked. */
export type ComPointer = bigint;

/** A COM method of an interface: its slot in the vtable and its C prototype after `this`. */
export interface ComMethod {
  /** Slot in the interface's vtable, counting the inherited IUnknown and IDXGIObject methods. */
  slot: number;
  /** Name for error messages. */
  name: string;
  /** koffi prototype, with `void *self` as the first parameter, named uniquely (`IDXGIOutput_GetDesc`). */
  prototype: string;
}

const POINTER_SIZE = 8;

/** `IUnknown::QueryInterface`, `AddRef`, `Release`: slots 0–2 of every COM interface. */
const QUERY_INTERFACE: ComMethod = {
  slot: 0,
  name: 'QueryInterface',
  prototype: 'int32_t __stdcall IUnknown_QueryInterface(void *self, const uint8_t *iid, _Out_ void **out)',
};
const RELEASE: ComMethod = { slot: 2, name: 'Release', prototype: 'uint32_t __stdcall IUnknown_Release(void *self)' };

const prototypes = new Map<string, unknown>();
const koffi = lazyBinding(() => loadKoffi());

function prototypeOf(method: ComMethod): unknown {
  let found = prototypes.get(method.prototype);
  if (found === undefined) {
    found = koffi().proto(method.prototype);
    prototypes.set(method.prototype, found);
  }
  return found;
}

/**
 * Calls a method of a COM object through its vtable.
 *
 * @param object - the interface pointer
 * @param method - which method
 * @param args - its arguments after `this`
 * @returns what the method returns (an HRESULT for most)
 */
export function callComMethod(object: ComPointer, method: ComMethod, ...args: unknown[]): unknown {
  const api = koffi();
  const vtable = api.decode(object, 'void *') as bigint;
  const entry = api.decode(vtable, method.slot * POINTER_SIZE, 'void *') as bigint;
  return api.call(entry, prototypeOf(method) as Parameters<typeof api.call>[1], object, ...args);
}

/** Whether an HRESULT reports success (`SUCCEEDED`). */
export const succeeded = (hresult: number): boolean => hresult >= 0;

/** An HRESULT as Windows documents it: `0x887A0026`. */
export const hresultText = (hresult: number): string =>
  `0x${(hresult >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

/**
 * Calls a COM method returning an HRESULT and throws when it failed.
 *
 * @returns the HRESULT (a success code, e.g. `S_FALSE`)
 * @throws {@link WindowsError} `WINDOWS_WIN32_CALL_FAILED` naming the method and HRESULT
 */
export function checkedComCall(object: ComPointer, method: ComMethod, ...args: unknown[]): number {
  const hresult = callComMethod(object, method, ...args) as number;
  if (!succeeded(hresult)) throw comFailure(method.name, hresult);
  return hresult;
}

/**
 * @param name - the failed function or method
 * @param hresult - what it returned
 * @returns the error to throw, carrying the HRESULT
 */
export function comFailure(name: string, hresult: number): WindowsError & { hresult: number } {
  const error = new WindowsError(WindowsErrorCode.WIN32_CALL_FAILED, `${name} failed with ${hresultText(hresult)}`);
  return Object.assign(error, { hresult });
}

/**
 * Reads the interface pointer a COM call wrote into its out parameter.
 *
 * @throws {@link WindowsError} `WINDOWS_WIN32_CALL_FAILED` when it is null
 */
export function outPointer(out: [unknown], name: string): ComPointer {
  const value = out[0];
  if (typeof value !== 'bigint' || value === 0n) {
    throw new WindowsError(WindowsErrorCode.WIN32_CALL_FAILED, `${name} returned no object`);
  }
  return value;
}

/**
 * Asks a COM object for another interface (`IUnknown::QueryInterface`).
 *
 * @param object - the object
 * @param iid - the interface's IID bytes ({@link guid})
 * @param name - the interface's name for errors
 * @returns the new interface pointer (release it)
 */
export function queryInterface(object: ComPointer, iid: Uint8Array, name: string): ComPointer {
  const out: [unknown] = [null];
  checkedComCall(object, QUERY_INTERFACE, iid, out);
  return outPointer(out, `QueryInterface(${name})`);
}

/** Releases a COM interface pointer; `undefined` is ignored. Never throws. */
export function releaseCom(object: ComPointer | undefined): void {
  if (object === undefined) return;
  try {
    callComMethod(object, RELEASE);
  } catch {
    // Releasing is best effort while tearing down.
  }
}

/**
 * The 16 bytes of a GUID in memory order, from its usual text form.
 *
 * @param text - e.g. `54ec77fa-1377-44e6-8c32-88fd5f44c84c`
 * @returns the bytes `QueryInterface` takes
 */
export function guid(text: string): Uint8Array {
  const hex = text.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
    throw new WindowsError(WindowsErrorCode.INVALID_ARGUMENT, `not a GUID: ${text}`);
  }
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, Number.parseInt(hex.slice(0, 8), 16), true);
  view.setUint16(4, Number.parseInt(hex.slice(8, 12), 16), true);
  view.setUint16(6, Number.parseInt(hex.slice(12, 16), 16), true);
  for (let i = 0; i < 8; i++) bytes[8 + i] = Number.parseInt(hex.slice(16 + i * 2, 18 + i * 2), 16);
  return bytes;
}
