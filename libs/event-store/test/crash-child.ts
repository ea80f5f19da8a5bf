/**
 * Child process of crash.spec.ts: appends single events in a loop and prints, one line each, the
 * position, event id and stream id of every append as soon as it resolves. The parent kills it
 * with SIGKILL at an arbitrary moment and checks that every printed event survived.
 *
 * Usage: node crash-child.js <database file> <label>
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store.js';

const [file, label = 'run'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: crash-child <database file> <label>\n');
  process.exit(2);
}

const store = new SqliteEventStore({ file, synchronous: 'FULL' });
const STREAMS = 17;

for (let i = 0; ; i += 1) {
  const streamId = `crash-${label}-${i % STREAMS}`;
  const id = randomUUID();
  const { position } = await store.append(streamId, [{ id, type: 'Ticked', data: { label, i }, metadata: { pid: process.pid } }]);
  // Writes to a pipe are synchronous on Linux: the line is out before the next append starts.
  process.stdout.write(`${position} ${id} ${streamId}\n`);
}
