import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DxgiMethod } from '../../src/win32/dxgi';

// The Windows SDK's C declarations as wine ships them (Debian's libwine-dev): each interface's
// `…Vtbl` struct lists its methods in vtable order, inherited ones first.
const HEADERS = '/usr/include/wine/wine/windows';

/** The interface whose vtable each method is called through, and the header declaring it. */
const INTERFACES: Record<keyof typeof DxgiMethod, [string, string]> = {
  deviceGetAdapter: ['IDXGIDevice', 'dxgi.h'],
  adapterEnumOutputs: ['IDXGIAdapter', 'dxgi.h'],
  outputGetDesc: ['IDXGIOutput', 'dxgi.h'],
  outputDuplicateOutput: ['IDXGIOutput1', 'dxgi1_2.h'],
  duplicationGetDesc: ['IDXGIOutputDuplication', 'dxgi1_2.h'],
  duplicationAcquireNextFrame: ['IDXGIOutputDuplication', 'dxgi1_2.h'],
  duplicationGetFrameDirtyRects: ['IDXGIOutputDuplication', 'dxgi1_2.h'],
  duplicationGetFrameMoveRects: ['IDXGIOutputDuplication', 'dxgi1_2.h'],
  duplicationReleaseFrame: ['IDXGIOutputDuplication', 'dxgi1_2.h'],
  deviceCreateTexture2D: ['ID3D11Device', 'd3d11.h'],
  contextMap: ['ID3D11DeviceContext', 'd3d11.h'],
  contextUnmap: ['ID3D11DeviceContext', 'd3d11.h'],
  contextCopyResource: ['ID3D11DeviceContext', 'd3d11.h'],
};

function vtable(header: string, name: string): string[] {
  const text = readFileSync(join(HEADERS, header), 'utf8');
  const body = new RegExp(`typedef struct ${name}Vtbl \\{([\\s\\S]*?)\\} ${name}Vtbl;`).exec(text)?.[1];
  if (body === undefined) throw new Error(`${name}Vtbl not found in ${header}`);
  return [...body.matchAll(/\(STDMETHODCALLTYPE \*(\w+)\)/g)].map((match) => match[1] as string);
}

describe('the COM vtable slots the Windows desktop calls', () => {
  it('finds the Windows headers (Debian package libwine-dev)', () => {
    expect(existsSync(join(HEADERS, 'dxgi1_2.h'))).toBe(true);
  });

  it.each(Object.entries(INTERFACES))('%s is at its slot in the SDK declaration', (key, [name, header]) => {
    const method = DxgiMethod[key as keyof typeof DxgiMethod];
    const methods = vtable(header, name);
    expect(methods[method.slot]).toBe(method.name);
    // Overloads do not exist in C vtables, so the name appears once.
    expect(methods.filter((found) => found === method.name)).toHaveLength(1);
    expect(method.prototype).toContain(` ${name}_${method.name}(void *self`);
  });

  it('names every prototype differently (koffi registers prototypes by name, once)', () => {
    const names = Object.values(DxgiMethod).map((method) => /__stdcall (\w+)\(/.exec(method.prototype)?.[1]);
    expect(new Set(names).size).toBe(names.length);
  });
});
