import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventStoreEnv } from './concord-server.js';

/** The compiled `concord` CLI, run as a child process on a data directory, the way an operator runs it. */

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> ...args` from the repository root, without blocking this process. */
export function node(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Runs `node bin/concord.js ...args` against `dataDir` (and its EventStoreDB, on that pass). */
export async function concord(dataDir: string, ...args: string[]): Promise<Run> {
  return node(join(ROOT, 'bin', 'concord.js'), args, { CONCORD_DATA_DIR: dataDir, ...(await eventStoreEnv(dataDir)) });
}

/** `npm run build`, as `npm install` does through `prepare`: the CLI under test is the compiled one. */
export function buildCli(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`the CLI does not build, so it cannot be tested (npm run build exited ${code}):\n${output}`)),
    );
  });
}
