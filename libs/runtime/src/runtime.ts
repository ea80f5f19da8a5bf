import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { CommandExecutor, EventCodec, PersonalDataCipher, PostgresKeyStore, SqliteKeyStore, systemClock, type Clock, type CommandHandlingDeps, type KeyStore } from '#kernel';
import { ProjectionRunner, ReadModelDatabase } from '#projections';
import type { ConcordConfig } from './config.js';
import { CONTEXTS } from './contexts.js';

/**
 * Everything a Concord process needs outside Nest: the store, keys, codec and read models.
 * The API and the CLI open the same runtime, so the CLI goes through the same command path.
 */
export class ConcordRuntime implements CommandHandlingDeps {
  readonly clock: Clock = systemClock;
  readonly commands: CommandExecutor;

  private constructor(
    readonly config: ConcordConfig,
    readonly store: EventStore,
    readonly keys: KeyStore,
    readonly codec: EventCodec,
    readonly readModels: ReadModelDatabase,
    readonly runner: ProjectionRunner,
  ) {
    this.commands = new CommandExecutor(this, runner);
  }

  static open(
    config: ConcordConfig,
    options: { onProjectionError?: (error: unknown) => void; onStoreWarning?: (message: string) => void } = {},
  ): ConcordRuntime {
    const store = openEventStore(config, options.onStoreWarning);
    const keys = openKeyStore(config);
    const codec = new EventCodec(new PersonalDataCipher(keys), ...CONTEXTS.map((context) => context.catalog));
    const projections = CONTEXTS.flatMap((context) => context.projections);
    const readModels = ReadModelDatabase.open(join(config.dataDir, 'read-models'), projections);
    const runner = new ProjectionRunner({ store, codec, readModels, projections, onError: options.onProjectionError });
    return new ConcordRuntime(config, store, keys, codec, readModels, runner);
  }

  async close(): Promise<void> {
    await this.runner.stop();
    this.readModels.close();
    await this.keys.close();
    await this.store.close();
  }
}

/**
 * Never in the event log: an append-only log cannot forget. PostgreSQL lets every instance on
 * one EventStoreDB open the same sealed data; the embedded default is a file in the data dir.
 */
function openKeyStore(config: ConcordConfig): KeyStore {
  if (config.keyStore === 'postgres') return new PostgresKeyStore({ connectionString: config.postgresUrl! });
  return new SqliteKeyStore(join(config.dataDir, 'keys.db'));
}

function openEventStore(config: ConcordConfig, warn?: (message: string) => void): EventStore {
  if (config.eventStore === 'eventstoredb') {
    return new EventStoreDbEventStore({
      connectionString: config.eventStoreDbConnectionString!,
      onSubscriptionRetry: (reason, delayMs) => warn?.(`subscription to $all dropped (${reason}); resubscribing in ${delayMs} ms`),
    });
  }
  return new SqliteEventStore({ file: join(config.dataDir, 'events.db'), synchronous: config.sqliteSynchronous });
}
