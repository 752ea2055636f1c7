import { loadKoffi } from '../../src/koffi/load-koffi';

const koffi = loadKoffi();
const user32 = koffi.load('user32.dll');
const GetSystemMetrics = user32.func('int __stdcall GetSystemMetrics(int nIndex)');
console.log(JSON.stringify({ width: GetSystemMetrics(0), height: GetSystemMetrics(1) }));
