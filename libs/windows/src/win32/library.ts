import { type KoffiApi, loadKoffi } from '../koffi/load-koffi';

/**
 * A Win32 handle (HWND, HDC, HBITMAP, HCURSOR, HANDLE) as koffi passes `intptr_t`: a number,
 * 0 for NULL. Signed, so handles Windows sign-extends to 64 bits round-trip unchanged.
 */
export type Win32Handle = number;

const libraries = new Map<string, ReturnType<KoffiApi['load']>>();

function library(dll: string): ReturnType<KoffiApi['load']> {
  let found = libraries.get(dll);
  if (found === undefined) {
    found = loadKoffi().load(dll);
    libraries.set(dll, found);
  }
  return found;
}

/**
 * Declares a function of a system DLL from its C prototype (koffi syntax).
 *
 * @param dll - e.g. `user32.dll`
 * @param prototype - e.g. `int __stdcall GetSystemMetrics(int index)`
 * @returns the callable function, typed by the caller
 */
export function win32Function<F>(dll: string, prototype: string): F {
  return library(dll).func(prototype) as F;
}

/**
 * Like {@link win32Function}, for functions older Windows versions (or wine) may lack.
 *
 * @returns the function, or `undefined` when the DLL does not export it
 */
export function optionalWin32Function<F>(dll: string, prototype: string): F | undefined {
  try {
    return win32Function<F>(dll, prototype);
  } catch {
    return undefined;
  }
}

/**
 * Binds a group of functions once, on first use, so that importing a module never touches koffi
 * (the pure parts run on any platform).
 *
 * @param bind - declares the functions
 * @returns a getter returning the same bound group every time
 */
export function lazyBinding<T>(bind: () => T): () => T {
  let bound: T | undefined;
  return () => {
    bound ??= bind();
    return bound;
  };
}
