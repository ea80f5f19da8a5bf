#!/usr/bin/env node
// tsc compiles TypeScript only: JSON assets read at run time (the CPV vocabulary) are copied
// next to the compiled modules, at the same path under dist/, and dist/ gets a package.json of
// its own whose subpath imports (#kernel, ...) name the compiled modules instead of the sources.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

function* jsonFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* jsonFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.json')) yield path;
  }
}

let copied = 0;
for (const area of ['libs', 'apps']) {
  for (const project of readdirSync(join(root, area), { withFileTypes: true })) {
    const src = join(root, area, project.name, 'src');
    if (!project.isDirectory()) continue;
    let files;
    try {
      files = [...jsonFiles(src)];
    } catch (error) {
      if (error.code === 'ENOENT') continue;
      throw error;
    }
    for (const file of files) {
      const target = join(dist, relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
      copied += 1;
    }
  }
}
const { imports = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const compiled = Object.fromEntries(Object.entries(imports).map(([name, source]) => [name, source.replace(/\.ts$/, '.js')]));
writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ type: 'module', imports: compiled }, null, 2)}\n`);
console.log(`copy-assets: ${copied} file(s) and package.json into dist/`);
