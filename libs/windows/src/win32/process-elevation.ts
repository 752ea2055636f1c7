import { lazyBinding, type Win32Handle, win32Function } from './library';

// winnt.h / processthreadsapi.h constants.
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const TOKEN_QUERY = 0x0008;
const TOKEN_ELEVATION = 20;

const api = lazyBinding(() => ({
  GetCurrentProcess: win32Function<() => Win32Handle>('kernel32.dll', 'intptr_t __stdcall GetCurrentProcess()'),
  OpenProcess: win32Function<(access: number, inherit: boolean, pid: number) => Win32Handle>(
    'kernel32.dll',
    'intptr_t __stdcall OpenProcess(uint32_t access, bool inherit, uint32_t pid)',
  ),
  CloseHandle: win32Function<(handle: Win32Handle) => boolean>(
    'kernel32.dll',
    'bool __stdcall CloseHandle(intptr_t handle)',
  ),
  OpenProcessToken: win32Function<(process: Win32Handle, access: number, token: [number]) => boolean>(
    'advapi32.dll',
    'bool __stdcall OpenProcessToken(intptr_t process, uint32_t access, _Out_ intptr_t *token)',
  ),
  GetTokenInformation: win32Function<
    (token: Win32Handle, kind: number, out: [number], size: number, needed: [number]) => boolean
  >(
    'advapi32.dll',
    'bool __stdcall GetTokenInformation(intptr_t token, int kind, _Out_ uint32_t *out, uint32_t size, _Out_ uint32_t *needed)',
  ),
}));

/** Whether a process runs elevated; `undefined` when Windows does not let us ask. */
function tokenElevated(process: Win32Handle): boolean | undefined {
  const { OpenProcessToken, GetTokenInformation, CloseHandle } = api();
  const token: [number] = [0];
  if (!OpenProcessToken(process, TOKEN_QUERY, token)) return undefined;
  try {
    const elevated: [number] = [0];
    const needed: [number] = [0];
    if (!GetTokenInformation(token[0], TOKEN_ELEVATION, elevated, 4, needed)) return undefined;
    return elevated[0] !== 0;
  } finally {
    CloseHandle(token[0]);
  }
}

/** @returns whether this process runs elevated (as administrator) */
export function isCurrentProcessElevated(): boolean {
  return tokenElevated(api().GetCurrentProcess()) ?? false;
}

/**
 * Whether another process runs elevated. A process we may not even query (access denied) counts
 * as elevated: Windows' UIPI would drop our input into it as well.
 *
 * @param pid - the process id
 * @returns `true` when it is elevated or out of our reach
 */
export function isProcessElevated(pid: number): boolean {
  const { OpenProcess, CloseHandle } = api();
  const process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
  if (process === 0) return true;
  try {
    return tokenElevated(process) ?? true;
  } finally {
    CloseHandle(process);
  }
}
