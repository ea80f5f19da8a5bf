import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real EventStoreDB server of its own for a test: single node, insecure, in memory, on
 * 127.0.0.1 and a free port. Found at $EVENTSTOREDB_BIN, $EVENTSTOREDB_HOME/eventstored or
 * /opt/eventstoredb/eventstored (.ci/run's locations).
 */
/** Servers a test process started; none outlives it, whatever way it ends. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class EventStoreDbProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly logDir: string,
  ) {}

  static binary(): string | undefined {
    const candidates = [
      process.env['EVENTSTOREDB_BIN'],
      process.env['EVENTSTOREDB_HOME'] && join(process.env['EVENTSTOREDB_HOME'], 'eventstored'),
      '/opt/eventstoredb/eventstored',
    ];
    return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  }

  static async start(): Promise<EventStoreDbProcess> {
    const binary = EventStoreDbProcess.binary();
    if (!binary) throw new Error('no EventStoreDB server installed (EVENTSTOREDB_BIN, EVENTSTOREDB_HOME or /opt/eventstoredb)');
    for (let attempt = 1; ; attempt += 1) {
      const [port, replicationPort] = [await freePort(), await freePort()];
      const logDir = mkdtempSync(join(tmpdir(), 'concord-esdb-'));
      const child = spawn(
        binary,
        [
          '--mem-db',
          '--insecure',
          '--node-ip=127.0.0.1',
          `--node-port=${port}`,
          '--replication-ip=127.0.0.1',
          `--replication-port=${replicationPort}`,
          '--run-projections=None',
          '--enable-atom-pub-over-http=false',
          '--max-append-size=4194304',
          `--log=${logDir}`,
        ],
        { stdio: 'ignore', env: { ...process.env, EVENTSTORE_TELEMETRY_OPTOUT: 'true' } },
      );
      running.add(child);
      child.once('exit', () => running.delete(child));
      const server = new EventStoreDbProcess(child, port, logDir);
      if (await server.becomesLive(60_000)) return server;
      await server.stop();
      if (attempt >= 3) throw new Error(`EventStoreDB did not become live on port ${port}`);
    }
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Freezes the server (SIGSTOP): it keeps its connections but answers nothing. */
  stall(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGCONT');
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.logDir, { recursive: true, force: true });
  }

  private async becomesLive(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) return false;
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/health/live`, { signal: AbortSignal.timeout(1000) });
        // Live a few tens of milliseconds before the node is leader: give it a moment more.
        if (response.ok) return (await sleep(250), true);
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    return false;
  }
}

/** A port nothing listens on right now, for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
