// Entry of Fernhilfe-Gastmodul.exe (Windows x64, a Node 22 single executable). For now it shows
// that the module is whole: the baked relay address, koffi from the embedded asset, the screen.
import { loadKoffi } from '@fernhilfe/windows';
import { GuestError } from '../errors';
import { readBakedConfig } from './baked-config';

// GetSystemMetrics indices of the virtual screen (all monitors).
const SM_CXVIRTUALSCREEN = 78;
const SM_CYVIRTUALSCREEN = 79;

function main(): number {
  try {
    const config = readBakedConfig();
    const user32 = loadKoffi().load('user32.dll');
    const getSystemMetrics = user32.func('int __stdcall GetSystemMetrics(int nIndex)');
    const width = getSystemMetrics(SM_CXVIRTUALSCREEN) as number;
    const height = getSystemMetrics(SM_CYVIRTUALSCREEN) as number;
    process.stdout.write(`Fernhilfe-Gastmodul: relay ${config.relayUrl}\n`);
    if (config.organisation !== undefined) process.stdout.write(`Fernhilfe-Gastmodul: ${config.organisation}\n`);
    process.stdout.write(`Fernhilfe-Gastmodul: screen ${width}x${height}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof GuestError)) throw error;
    process.stderr.write(`Fernhilfe-Gastmodul: ${error.code}: ${error.message}\n`);
    return 1;
  }
}

process.exitCode = main();
