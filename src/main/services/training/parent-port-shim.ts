/**
 * Test aid, loaded with --import into a forked trainer: makes the process look
 * like an Electron utility process (a `process.parentPort`, no `process.send`),
 * so the trainer's utilityProcess path runs where Electron cannot.
 */
type Listener = (e: { data: unknown }) => void;
const send = process.send!.bind(process);
const listeners: Listener[] = [];
// Like Electron's parentPort, messages wait until a handler is registered.
const waiting: unknown[] = [];
process.on('message', (m: unknown) => (listeners.length ? listeners.forEach((l) => l({ data: m })) : waiting.push(m)));
function on(_event: 'message', listener: Listener): void {
  listeners.push(listener);
  for (const m of waiting.splice(0)) listener({ data: m });
}
Object.assign(process, { parentPort: { postMessage: (m: unknown) => send(m), on } });
process.send = undefined;
