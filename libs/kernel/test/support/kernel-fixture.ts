/**
 * Real infrastructure for kernel tests: a SQLite event store and key store in a temp dir, a
 * codec over them and a clock the test controls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import type { Clock } from '../../src/clock.js';
import type { CommandHandlingDeps } from '../../src/command-handling.js';
import type { EventCatalog } from '../../src/event-catalog.js';
import { EventCodec } from '../../src/event-codec.js';
import { PersonalDataCipher } from '../../src/personal-data/personal-data-cipher.js';
import { SqliteKeyStore } from '../../src/personal-data/sqlite-key-store.js';

export class SettableClock implements Clock {
  constructor(public instant = new Date('2025-01-02T03:04:05.678Z')) {}
  now(): Date {
    return this.instant;
  }
}

export interface KernelFixture extends CommandHandlingDeps {
  dir: string;
  store: SqliteEventStore;
  keys: SqliteKeyStore;
  clock: SettableClock;
  allEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export function openKernelFixture(...catalogs: EventCatalog[]): KernelFixture {
  const dir = mkdtempSync(join(tmpdir(), 'concord-kernel-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.db') });
  const keys = new SqliteKeyStore(join(dir, 'keys.db'));
  const codec = new EventCodec(new PersonalDataCipher(keys), ...catalogs);
  const clock = new SettableClock();
  return {
    dir,
    store,
    keys,
    codec,
    clock,
    allEvents: () => store.readAll(),
    async close() {
      await store.close();
      await keys.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
