/**
 * The real API in a process of its own, on a data dir the test shares with it: for requests
 * that truly race (two event loops, one store) and for SIGKILL at a chosen point.
 *
 * The sources are transpiled with @swc/core into a temp dir when a test starts, so no prior
 * build is needed.
 */
import swc from '@swc/core';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { eventStoreEnv } from './concord-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

/**
 * Transpiles apps, libraries, this folder's child and any `extraDirs` of the repository (e.g.
 * `bench`) to ESM JavaScript under `outDir`; returns the child script.
 */
export function buildApiChild(outDir: string, extraDirs: string[] = []): string {
  const walk = (dir: string, found: string[] = []): string[] => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'test') walk(full, found);
      } else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) || entry.name.endsWith('.json')) {
        found.push(full);
      }
    }
    return found;
  };
  const sources = [
    ...walk(path.join(repoRoot, 'apps')),
    ...walk(path.join(repoRoot, 'libs')),
    ...extraDirs.flatMap((dir) => walk(path.join(repoRoot, dir))),
    path.join(here, 'api-child.ts'),
  ];
  for (const source of sources) {
    const target = path.join(outDir, path.relative(repoRoot, source)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (source.endsWith('.json')) {
      fs.copyFileSync(source, target);
      continue;
    }
    const { code } = swc.transformFileSync(source, {
      swcrc: false,
      module: { type: 'es6' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
    });
    fs.writeFileSync(target, code);
  }
  // The repository's own package.json settings (ESM, subpath imports) hold for the copy.
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const imports = pkg.imports ? JSON.parse(JSON.stringify(pkg.imports).replace(/\.ts"/g, '.js"')) : undefined;
  fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module', ...(imports ? { imports } : {}) }));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  return path.join(outDir, 'test', 'support', 'api-child.js');
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Lines the child printed after it was listening. */
  lines: string[];
  /** Resolves with the first printed line that matches. */
  printed(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
}

/** Starts the API child on `dataDir`; `mode` is what api-child.ts should do besides serving. */
export async function startApiProcess(script: string, dataDir: string, mode = 'serve', env: Record<string, string> = {}, args: string[] = []): Promise<ApiProcess> {
  // On the test's event store: the EventStoreDB of this data dir when the suite runs on one.
  const storeEnv = env['CONCORD_EVENT_STORE'] ? {} : await eventStoreEnv(dataDir);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dataDir, mode, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', CONCORD_RATE_LIMIT_REQUESTS: '1000000', CONCORD_RATE_LIMIT_MUTATIONS: '1000000', ...storeEnv, ...env },
    });
    const lines: string[] = [];
    const waiters: Array<{ pattern: RegExp; done: (line: string) => void }> = [];
    let stderr = '';
    let started = false;
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<void>((done) => child.on('close', () => done()));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!started && line.startsWith('listening ')) {
        started = true;
        resolve({
          url: line.slice('listening '.length),
          child,
          lines,
          printed(pattern, timeoutMs = 20_000) {
            const seen = lines.find((l) => pattern.test(l));
            if (seen) return Promise.resolve(seen);
            return new Promise((done, fail) => {
              const timer = setTimeout(() => fail(new Error(`child never printed ${pattern}; stderr:\n${stderr}`)), timeoutMs);
              waiters.push({ pattern, done: (l) => (clearTimeout(timer), done(l)) });
            });
          },
          async kill() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await closed;
          },
        });
        return;
      }
      lines.push(line);
      for (const waiter of waiters.splice(0)) {
        if (waiter.pattern.test(line)) waiter.done(line);
        else waiters.push(waiter);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (!started) reject(new Error(`API child ended (code ${code}, signal ${signal}) before listening:\n${stderr}`));
    });
  });
}
