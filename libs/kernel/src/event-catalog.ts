/** Which fields of an event are personal data, and whose. */
export interface PersonalDataPolicy {
  subject(data: Record<string, unknown>): string;
  fields: string[];
  /**
   * Personal fields the role table keeps from auditors (a member's email: the member, ADMIN and
   * their NCP only); the audit trail shows them to ADMIN alone.
   */
  restricted?: string[];
}

/** Turns data of schema version n into version n + 1. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** What the infrastructure must know about a context's event types. */
export interface EventCatalog {
  personalData?: Record<string, PersonalDataPolicy>;
  /** upcasters[type][n - 1] lifts schema version n to n + 1; the current version is length + 1. */
  upcasters?: Record<string, Upcaster[]>;
}

export function mergeCatalogs(...catalogs: EventCatalog[]): Required<EventCatalog> {
  const merged: Required<EventCatalog> = { personalData: {}, upcasters: {} };
  for (const catalog of catalogs) {
    Object.assign(merged.personalData, catalog.personalData);
    Object.assign(merged.upcasters, catalog.upcasters);
  }
  return merged;
}
