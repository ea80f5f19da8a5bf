import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './load.js';

/** The compiled tree this file runs from (dist/, or a transpiled copy in a test). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Child {
  pid: number;
  stop(): Promise<void>;
  /** Resident set size, from /proc (Linux), in bytes. */
  rss(): number;
}

function started(child: ChildProcess, what: string): Child {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const closed = new Promise<void>((done) => child.on('close', () => done()));
  child.on('close', (code, signal) => {
    if (code && !signal) console.error(`${what} ended with code ${code}:\n${stderr}`);
  });
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await closed;
      clearTimeout(timer);
    },
    rss() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : NaN;
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The real API (`apps/api/src/main.js`) on `dataDir`, once `/health/ready` answers 200. */
export async function startServer(dataDir: string, env: Record<string, string>): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'apps', 'api', 'src', 'main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...env, CONCORD_DATA_DIR: dataDir, PORT: String(port) },
  });
  const server = started(child, 'the API');
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${base}/health/ready`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error('the API was not ready within 120 s');
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { child: server, url: `${base}/graphql` };
}

/** The bare `node:http` baseline serving `answerFile`. */
export async function startBareServer(answerFile: string): Promise<{ child: Child; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'scale', 'bare-server.js'), answerFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const port = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(line.replace('listening ', '')));
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`the bare server ended with code ${code}`)));
  });
  return { child: started(child, 'the bare server'), url: `http://127.0.0.1:${port}/graphql` };
}

/** One run of the load generator, in a process of its own. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'scale', 'load.js'), JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`the load generator exited with code ${code}:\n${err}`);
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult;
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`load on ${spec.url} had ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result;
}
