/**
 * Runs every benchmark in bench/: each `*.bench.js` next to this file that exports `main`.
 *
 *   npm run bench      (builds, then runs dist/bench/run-all.js)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export async function runAll(): Promise<void> {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const benches = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.bench.js'))
    .sort();
  if (benches.length === 0) throw new Error(`no *.bench.js in ${dir}: run npm run build first`);
  for (const name of benches) {
    const module = (await import(pathToFileURL(path.join(dir, name)).href)) as { main?: () => Promise<unknown> };
    if (typeof module.main !== 'function') {
      console.warn(`${name}: no exported main(), skipped`);
      continue;
    }
    console.log(`\n=== ${name} ===`);
    await module.main();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runAll().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
