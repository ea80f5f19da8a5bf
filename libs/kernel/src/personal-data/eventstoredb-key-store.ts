import { ErrorType, EventStoreDBClient, FORWARDS, NO_STREAM, START, isCommandError, jsonEvent } from '@eventstore/db-client';
import { randomBytes } from 'node:crypto';
import { PERSONAL_DATA_KEY_STREAM_PREFIX } from '#event-store';
import { DomainRuleViolation } from '../errors.js';
import type { KeyStore } from './key-store.js';

/** How long an instance trusts a key it read: another instance's erasure shows within this. */
const CACHE_MS = 10_000;

type KeyLookup = { state: 'found'; key: Buffer } | { state: 'absent' } | { state: 'destroyed' };

/**
 * Keys in EventStoreDB, so that every API instance on one cluster opens the same sealed data:
 * one `personal-data-key-<subject>` stream per subject, tombstoned on erasure (the event store
 * adapter keeps these streams out of `$all` reads, projections and exports).
 */
export class EventStoreDbKeyStore implements KeyStore {
  private readonly client: EventStoreDBClient;
  private readonly cache = new Map<string, { key: Buffer; until: number }>();

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async keyFor(subject: string): Promise<Buffer> {
    const found = await this.lookup(subject);
    if (found.state === 'found') return found.key;
    if (found.state === 'destroyed') {
      throw new DomainRuleViolation('personal-data-erased', `personal data of ${subject} was erased`);
    }
    const fresh = randomBytes(32);
    try {
      await this.client.appendToStream(
        streamOf(subject),
        jsonEvent({ type: 'PersonalDataKeyCreated', data: { subject, key: fresh.toString('base64') } }),
        { expectedRevision: NO_STREAM },
      );
    } catch (error) {
      // Another instance created it first: everyone must use that one.
      if (failedWith(error, ErrorType.WRONG_EXPECTED_VERSION)) return this.keyFor(subject);
      throw error;
    }
    this.remember(subject, fresh);
    return fresh;
  }

  async find(subject: string): Promise<Buffer | undefined> {
    const found = await this.lookup(subject);
    return found.state === 'found' ? found.key : undefined;
  }

  async isDestroyed(subject: string): Promise<boolean> {
    this.cache.delete(subject);
    return (await this.lookup(subject)).state === 'destroyed';
  }

  async destroy(subject: string): Promise<void> {
    this.cache.delete(subject);
    try {
      await this.client.tombstoneStream(streamOf(subject));
    } catch (error) {
      if (failedWith(error, ErrorType.STREAM_DELETED)) return;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async lookup(subject: string): Promise<KeyLookup> {
    const cached = this.cache.get(subject);
    if (cached && cached.until > Date.now()) return { state: 'found', key: cached.key };
    try {
      for await (const resolved of this.client.readStream<{ type: string; data: { key: string } }>(streamOf(subject), {
        direction: FORWARDS,
        fromRevision: START,
        maxCount: 1n,
      })) {
        const data = resolved.event?.data as { key?: unknown } | undefined;
        if (typeof data?.key === 'string') {
          const key = Buffer.from(data.key, 'base64');
          this.remember(subject, key);
          return { state: 'found', key };
        }
      }
      return { state: 'absent' };
    } catch (error) {
      if (failedWith(error, ErrorType.STREAM_NOT_FOUND)) return { state: 'absent' };
      if (failedWith(error, ErrorType.STREAM_DELETED)) return { state: 'destroyed' };
      throw error;
    }
  }

  private remember(subject: string, key: Buffer): void {
    this.cache.set(subject, { key, until: Date.now() + CACHE_MS });
  }
}

function failedWith(error: unknown, type: ErrorType): boolean {
  return error instanceof Error && isCommandError(error) && error.type === type;
}

function streamOf(subject: string): string {
  return `${PERSONAL_DATA_KEY_STREAM_PREFIX}${subject}`;
}
