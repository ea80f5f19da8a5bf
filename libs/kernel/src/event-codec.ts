import type { RecordedEvent } from '#event-store';
import type { DomainEvent } from './decider.js';
import { mergeCatalogs, type EventCatalog } from './event-catalog.js';
import type { PersonalDataCipher } from './personal-data/personal-data-cipher.js';

export const ERASED_MARK = '[erased]';

/** A recorded event as the domain reads it: upcast to the current schema, personal data opened. */
export interface DecodedEvent extends DomainEvent<string, Record<string, unknown>> {
  recordedAt: string;
  recorded: RecordedEvent;
  /** Some personal data of this event was crypto-shredded. */
  erased: boolean;
}

/**
 * Between the domain's events and the stored ones: seals personal data on the way in,
 * opens it and applies upcasters on the way out.
 */
export class EventCodec {
  private readonly catalog: Required<EventCatalog>;

  constructor(
    private readonly cipher: PersonalDataCipher,
    ...catalogs: EventCatalog[]
  ) {
    this.catalog = mergeCatalogs(...catalogs);
  }

  /** Fields of this event type that only ADMIN may read in the audit trail. */
  restrictedFieldsOf(type: string): readonly string[] {
    return this.catalog.personalData[type]?.restricted ?? [];
  }

  schemaVersionOf(type: string): number {
    return (this.catalog.upcasters[type]?.length ?? 0) + 1;
  }

  async encode(event: DomainEvent): Promise<{ type: string; data: Record<string, unknown> }> {
    const data = { ...(event.data as Record<string, unknown>) };
    const policy = this.catalog.personalData[event.type];
    if (policy) {
      const subject = policy.subject(data);
      for (const field of policy.fields) {
        if (data[field] !== undefined && data[field] !== null) data[field] = await this.cipher.seal(subject, data[field]);
      }
    }
    return { type: event.type, data };
  }

  /** `erasedAs` is what shredded values become: null for the domain, a mark for auditors. */
  async decode(recorded: RecordedEvent, erasedAs: unknown = null): Promise<DecodedEvent> {
    const opened = await this.cipher.openAll(recorded.data, erasedAs);
    let data = opened.data as Record<string, unknown>;
    const stored = Number(recorded.metadata['schemaVersion'] ?? 1);
    const upcasters = this.catalog.upcasters[recorded.type] ?? [];
    for (let version = stored; version <= upcasters.length; version += 1) data = upcasters[version - 1]!(data);
    const recordedAt = String(recorded.metadata['recordedAt'] ?? recorded.recordedAt);
    return { type: recorded.type, data, recordedAt, recorded, erased: opened.erasedAny };
  }
}
