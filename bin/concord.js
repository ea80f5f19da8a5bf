#!/usr/bin/env node
// The `concord` command: runs the compiled CLI (npm install builds it through `prepare`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('concord: the CLI is not built yet; run `npm run build` (npm install does it).\n');
  process.exit(1);
}
await import(pathToFileURL(main).href);
