/**
 * Child process of projection-runner.spec.ts: runs a ProjectionRunner with a slow projection over
 * an existing data dir and prints what it does, one line each, so the parent can SIGKILL it in
 * the middle of a batch:
 *   applying <position>            before each event is applied (inside the batch's transaction)
 *   committed <position> <count>   after each batch has committed
 *
 * Usage: node runner-kill-child.js <data dir> <slow ms per event> <batch size>
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { EventCodec, PersonalDataCipher, SqliteKeyStore } from '#kernel';
import { ProjectionRunner, ReadModelDatabase } from '#projections';
import { countingCatalog, countingProjection } from './support/counting-projection.js';

const [dataDir, slowMs = '5', batchSize = '50'] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: runner-kill-child <data dir> <slow ms> <batch size>\n');
  process.exit(2);
}

// writeSync: each line is in the pipe before the next event is touched.
const print = (line: string) => writeSync(1, `${line}\n`);

const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
const codec = new EventCodec(new PersonalDataCipher(new SqliteKeyStore(join(dataDir, 'keys.db'))), countingCatalog);
const projection = countingProjection({
  slowMs: Number(slowMs),
  onApply: (event) => print(`applying ${event.recorded.position}`),
});
const readModels = ReadModelDatabase.open(join(dataDir, 'read-models'), [projection]);
const runner = new ProjectionRunner({
  store,
  codec,
  readModels,
  projections: [projection],
  batchSize: Number(batchSize),
  pointerCheckMs: 0,
  onError: (error) => process.stderr.write(`projection error: ${String(error)}\n`),
});
runner.onAfterCommit((events) => print(`committed ${events[events.length - 1]!.recorded.position} ${events.length}`));
runner.start();
