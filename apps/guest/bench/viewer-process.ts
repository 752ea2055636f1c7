// The relay and the headless viewer for the streaming benchmark, in their own process so the
// guest's CPU figures count only the guest. Prints {"url","number"} as one JSON line, then
// decodes and acknowledges frames until stdin closes, then prints {"arrivals"} (per frame: its
// arrival, open and decode time) as a second line.
import { startRelay } from '../e2e/support/relay';
import { startViewer } from '../e2e/support/viewer';

const relay = await startRelay();
const viewer = await startViewer(relay.url);
process.stdout.write(`${JSON.stringify({ url: relay.url, number: viewer.number })}\n`);
const paired = await viewer.paired;
process.stdin.resume();
process.stdin.on('end', async () => {
  process.stdout.write(`${JSON.stringify({ arrivals: paired.arrivals })}\n`);
  await paired.call.end('agent-ended').catch(() => undefined);
  await relay.relay.close();
  process.exit(0);
});
