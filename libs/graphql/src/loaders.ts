import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, one per name: references met while resolving one response are
 * fetched in one batched query per kind, whatever the page size.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  /** Forgets everything loaded: a long-lived subscription calls it before each message. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }

  get<V>(name: string, batch: (keys: readonly string[]) => V[] | Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<string, unknown>(async (keys) => batch(keys));
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<string, V>;
  }

  /** Loads rows by key, answering each key with its row or null. */
  byKey<V>(name: string, fetch: (keys: readonly string[]) => V[], keyOf: (row: V) => string): DataLoader<string, V | null> {
    return this.get<V | null>(name, (keys) => {
      const rows = new Map(fetch(keys).map((row) => [keyOf(row), row]));
      return keys.map((key) => rows.get(key) ?? null);
    });
  }

  /** Loads the rows belonging to each key (one-to-many). */
  groupedBy<V>(name: string, fetch: (keys: readonly string[]) => V[], keyOf: (row: V) => string): DataLoader<string, V[]> {
    return this.get<V[]>(name, (keys) => {
      const groups = new Map<string, V[]>(keys.map((key) => [key, []]));
      for (const row of fetch(keys)) groups.get(keyOf(row))?.push(row);
      return keys.map((key) => groups.get(key) ?? []);
    });
  }
}
