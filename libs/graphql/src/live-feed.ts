import { Inject, Injectable } from '@nestjs/common';
import { envelopeOf, type DecodedEvent } from '#kernel';
import { ProjectionRunner } from '#projections';
import type { Loaders } from './loaders.js';

/**
 * GraphQL subscriptions fed by the projection runner's after-commit hook: every API instance
 * serves them from its own read models, with no broker between instances.
 */
/** A subscriber that let more changes wait than the feed keeps for it; its transport disconnects it. */
export class SlowConsumer extends Error {
  constructor(readonly waiting: number) {
    super(`the subscriber fell ${waiting} changes behind and was disconnected`);
    this.name = 'SlowConsumer';
  }
}

/** Changes one subscriber may have waiting unless configured otherwise. */
export const DEFAULT_MAX_QUEUED = 1_000;

@Injectable()
export class LiveFeed {
  constructor(
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    private readonly maxQueued: number = DEFAULT_MAX_QUEUED,
  ) {}

  /**
   * One value per command that recorded an accepted event (its last event stands for it), or per
   * event with `everyEvent`, in commit order, mapped once the read models hold it. Ends when the
   * client unsubscribes.
   */
  stream<T>(
    accept: (event: DecodedEvent) => boolean,
    map: (event: DecodedEvent) => T | null | undefined | Promise<T | null | undefined>,
    options: { everyEvent?: boolean; loaders?: Loaders } = {},
  ): AsyncIterableIterator<T> {
    const queue: DecodedEvent[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    let overflow: SlowConsumer | undefined;
    const unhook = this.runner.onAfterCommit((events) => {
      if (overflow) return;
      for (const event of events) if ((options.everyEvent || endsCommand(event)) && accept(event)) queue.push(event);
      if (queue.length > this.maxQueued) {
        // Keeping everything for a client that does not read would let it exhaust the memory.
        overflow = new SlowConsumer(queue.length);
        queue.length = 0;
        unhook();
      }
      wake?.();
    });
    const finish = (): IteratorResult<T> => {
      done = true;
      unhook();
      wake?.();
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<T> = {
      async next(): Promise<IteratorResult<T>> {
        while (!done) {
          if (overflow) {
            finish();
            throw overflow;
          }
          const event = queue.shift();
          if (event) {
            // A subscription lives long: each message reads fresh rows, not the first message's.
            options.loaders?.clearAll();
            const value = await map(event);
            if (value != null) return { done: false, value };
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
        return { done: true, value: undefined };
      },
      async return(): Promise<IteratorResult<T>> {
        return finish();
      },
      async throw(error?: unknown): Promise<IteratorResult<T>> {
        finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}

function endsCommand(event: DecodedEvent): boolean {
  const envelope = envelopeOf(event.recorded.metadata);
  return !envelope || envelope.batchIndex === envelope.batchSize - 1;
}
