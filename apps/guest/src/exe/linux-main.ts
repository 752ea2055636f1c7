// Entry of fernhilfe-gastmodul-linux-x64 (a Node 22 single executable): the `fernhilfe-guest`
// command with the relay address the operator baked in as its default. `--relay` and
// FERNHILFE_RELAY still win, every other option works as before.
import { GuestError } from '../errors';
import { readBakedConfig } from './baked-config';

try {
  process.env.FERNHILFE_RELAY ??= readBakedConfig().relayUrl;
  // The command starts when its module is evaluated, so it is loaded only after the default is set.
  void import('../node/cli');
} catch (error) {
  if (!(error instanceof GuestError)) throw error;
  process.stderr.write(`fernhilfe-gastmodul: ${error.code}: ${error.message}\n`);
  process.exitCode = 2;
}
