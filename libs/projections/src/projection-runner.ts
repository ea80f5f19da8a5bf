import type Database from 'better-sqlite3';
import { isAtOrAfter, type EventStore, type Position, type RecordedEvent } from '#event-store';
import type { DecodedEvent, EventCodec } from '#kernel';
import { BatchApplier } from './batch-applier.js';
import type { Projection } from './projection.js';
import { readCheckpoint, removeDatabaseFiles, type ReadModelDatabase } from './read-model-database.js';
import { openReadModelFile } from './read-model-file.js';

export type AfterCommitHook = (events: DecodedEvent[]) => void;

export interface ProjectionRunnerOptions {
  store: EventStore;
  codec: EventCodec;
  readModels: ReadModelDatabase;
  projections: readonly Projection[];
  batchSize?: number;
  /** Delay before restarting after a failed batch. */
  retryDelayMs?: number;
  /** How often to look whether another process (the CLI) swapped in a rebuilt file. */
  pointerCheckMs?: number;
  onError?: (error: unknown) => void;
}

interface Waiter {
  position: Position;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const IDLE = Symbol('idle');

/**
 * Feeds read models from the store's $all subscription, in batches of whatever is available,
 * each batch committed with its checkpoint. After each commit it wakes read-your-writes
 * waiters and calls the after-commit hooks (GraphQL subscriptions).
 */
export class ProjectionRunner {
  private readonly applier: BatchApplier;
  private readonly hooks = new Set<AfterCommitHook>();
  private readonly waiters = new Set<Waiter>();
  private readonly batchSize: number;
  private position: Position;
  /** Last position handed to the after-commit hooks: each event is announced once. */
  private announced: Position;
  private controller?: AbortController;
  private loop?: Promise<void>;
  private pointerTimer?: NodeJS.Timeout;
  private adopting = false;
  private lastError: unknown;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.applier = new BatchApplier(options.codec, options.projections);
    this.batchSize = options.batchSize ?? 500;
    this.position = options.readModels.checkpoint();
    this.announced = this.position;
  }

  get checkpoint(): Position {
    return this.position;
  }

  get failing(): unknown {
    return this.lastError;
  }

  start(): void {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal);
    if (this.options.pointerCheckMs !== 0) {
      // adoptSwappedFile reports its own failures: nothing escapes the timer.
      this.pointerTimer = setInterval(() => void this.adoptSwappedFile(), this.options.pointerCheckMs ?? 500);
      this.pointerTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.pointerTimer);
    this.pointerTimer = undefined;
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.controller = undefined;
  }

  onAfterCommit(hook: AfterCommitHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** Resolves once every event up to `position` is in the read models. */
  waitFor(position: Position, timeoutMs = 10_000): Promise<void> {
    if (!position || isAtOrAfter(this.position, position)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`read models did not reach position ${position} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  async isCaughtUp(): Promise<boolean> {
    const head = await this.options.store.headPosition();
    return !this.lastError && (head === undefined || isAtOrAfter(this.position, head));
  }

  /** Projects from zero into a fresh file, then swaps it in without stopping reads. */
  async rebuild(): Promise<void> {
    const { readModels } = this.options;
    const fresh = readModels.createFresh();
    const wasRunning = this.loop !== undefined;
    try {
      // Each pass stops at the head it started from, so a steady flow of appends cannot keep it
      // going forever; the restarted runner follows on from wherever the fresh file stands.
      await this.catchUp(fresh.db, (await this.options.store.headPosition()) ?? '');
      await this.stop();
      await this.catchUp(fresh.db, (await this.options.store.headPosition()) ?? '');
      readModels.swapTo(fresh.file, fresh.db);
      await this.jumpToCheckpoint();
    } catch (error) {
      // A failed rebuild leaves the live file as it was and the scratch file gone.
      fresh.db.close();
      removeDatabaseFiles(fresh.file);
      throw error;
    } finally {
      if (wasRunning) this.start();
    }
  }

  /**
   * Applies every recorded event after the file's checkpoint, or only those up to `upTo`
   * ('' for none); used by rebuilds.
   */
  async catchUp(db: Database.Database, upTo?: Position): Promise<void> {
    for (;;) {
      const from = readCheckpoint(db);
      if (upTo !== undefined && isAtOrAfter(from, upTo)) return;
      const read = await this.options.store.readAll({ fromPosition: from || undefined, maxCount: this.batchSize });
      const page = upTo === undefined ? read : read.filter((event) => isAtOrAfter(upTo, event.position));
      if (page.length === 0) return;
      await this.applier.apply(db, page);
      // Everything above settles in microtasks: without this, a rebuild would hold the event
      // loop (and every read) until it is done.
      await nextMacrotask();
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      if (!this.lastError) failures = 0;
      try {
        await this.follow(signal);
      } catch (error) {
        if (signal.aborted) return;
        this.lastError = error;
        this.options.onError?.(error);
        // A failure that persists (a checkpoint of another log, access denied) is retried ever
        // more slowly; it stays visible in `failure` and readiness meanwhile.
        failures += 1;
        const base = this.options.retryDelayMs ?? 1000;
        await sleep(Math.min(base * 2 ** Math.min(failures - 1, 5), 30_000), signal);
        // Resume from what was committed: a failed batch left nothing behind.
        this.position = this.options.readModels.checkpoint();
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const events = this.options.store.subscribeToAll({ fromPosition: this.position || undefined, signal });
    const iterator = events[Symbol.asyncIterator]();
    let pending = iterator.next();
    for (;;) {
      const first = await pending;
      if (first.done) return;
      const batch: RecordedEvent[] = [first.value];
      pending = iterator.next();
      let ended = false;
      // Take what is already available without waiting for more, up to the batch size.
      while (batch.length < this.batchSize) {
        const next = await Promise.race([pending, nextMacrotask()]);
        if (next === IDLE) break;
        if (next.done) {
          ended = true;
          break;
        }
        batch.push(next.value);
        pending = iterator.next();
      }
      if (signal.aborted) return;
      await this.commit(batch);
      if (ended) return;
      // Let requests in between batches while working through a backlog. `pending` gets a
      // handler meanwhile, so a failing subscription is an error of this loop, not an unhandled one.
      pending.catch(() => undefined);
      await nextMacrotask();
    }
  }

  private async commit(batch: RecordedEvent[]): Promise<void> {
    const decoded = await this.applier.apply(this.options.readModels.db, batch);
    this.position = batch[batch.length - 1]!.position;
    this.lastError = undefined;
    this.releaseWaiters();
    // After adopting a file that is behind, events already announced are applied again: not news.
    this.announce(decoded.filter((event) => !isAtOrAfter(this.announced, event.recorded.position)));
  }

  /**
   * After a swap the position jumps to the new file's checkpoint: wake the waiters it reached and
   * announce the events that only the rebuild applied, so subscribers miss none.
   */
  private async jumpToCheckpoint(): Promise<void> {
    this.position = this.options.readModels.checkpoint();
    this.lastError = undefined;
    this.releaseWaiters();
    try {
      while (this.hooks.size > 0 && !isAtOrAfter(this.announced, this.position)) {
        const page = await this.options.store.readAll({ fromPosition: this.announced || undefined, maxCount: this.batchSize });
        const gap = page.filter((event) => isAtOrAfter(this.position, event.position));
        if (gap.length === 0) break;
        this.announce(await Promise.all(gap.map((event) => this.options.codec.decode(event))));
      }
    } catch (error) {
      // Subscribers miss the gap, but the read models must keep following.
      this.options.onError?.(error);
    }
    if (!isAtOrAfter(this.announced, this.position)) this.announced = this.position;
  }

  private releaseWaiters(): void {
    for (const waiter of this.waiters) {
      if (isAtOrAfter(this.position, waiter.position)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private announce(events: DecodedEvent[]): void {
    if (events.length === 0) return;
    this.announced = events[events.length - 1]!.recorded.position;
    for (const hook of this.hooks) {
      try {
        hook(events);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private async adoptSwappedFile(): Promise<void> {
    const file = this.options.readModels.pointerMovedTo();
    // One adoption at a time: the timer fires again while a slow one is still under way.
    if (!file || !this.loop || this.adopting) return;
    this.adopting = true;
    try {
      await this.stop();
      // The other process stopped where the log ended for it; this instance may have projected
      // further since. Catch the file up before reading from it, so reads never go back in time.
      const adopted = openReadModelFile(file, this.options.projections);
      try {
        await this.catchUp(adopted);
      } catch (error) {
        adopted.close();
        throw error;
      }
      this.options.readModels.swapTo(file, adopted);
      await this.jumpToCheckpoint();
    } catch (error) {
      // Called from a timer: report, keep serving the current file, and try again next tick.
      this.options.onError?.(error);
    } finally {
      // Even when the swap failed, keep projecting into whichever file is live.
      this.start();
      this.adopting = false;
    }
  }
}

function nextMacrotask(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
