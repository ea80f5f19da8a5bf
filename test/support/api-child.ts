/**
 * Child process of the concurrency and crash tests: the real API on a given data dir.
 *
 * Usage: node api-child.js <data dir> <mode>
 *   serve                 serve until killed
 *   stall-after <type>    once an event of that type is appended, print `appended <type> <stream>`
 *                         and never return from that append, so the parent can SIGKILL the
 *                         process between that append and the next one of the same change
 */
import 'reflect-metadata';
import { writeSync } from 'node:fs';
import { createApp } from '../../apps/api/src/app.js';
import { loadConfig, ConcordRuntime } from '#runtime';

const [dataDir, mode = 'serve', stallType] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: api-child <data dir> <mode>\n');
  process.exit(2);
}

const print = (line: string) => writeSync(1, `${line}\n`);
const config = loadConfig({ ...process.env, CONCORD_DATA_DIR: dataDir, PORT: '0' });
const app = await createApp(config, { logger: ['error', 'warn'] });

if (mode === 'stall-after') {
  const store = app.get(ConcordRuntime).store;
  const append = store.append.bind(store);
  store.append = async (streamId, events, options) => {
    const result = await append(streamId, events, options);
    if (events.some((event) => event.type === stallType)) {
      print(`appended ${stallType} ${streamId}`);
      await new Promise(() => undefined);
    }
    return result;
  };
}

await app.listen(0, '127.0.0.1');
const address = app.getHttpServer().address() as { port: number };
print(`listening http://127.0.0.1:${address.port}`);
