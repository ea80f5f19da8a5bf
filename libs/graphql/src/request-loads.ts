import type { RequestContext } from './request-context.js';

/**
 * A kind of node loaded by id through the request's DataLoader (one query per kind, whatever the
 * page), mapped to what clients read; `load(request, queries, id)` answers null for no row.
 */
export function loadedById<Queries, Row extends { id: string }, Node>(
  name: string,
  fetch: (queries: Queries, ids: readonly string[]) => Row[],
  map: (row: Row, request: RequestContext) => Node,
) {
  return (request: RequestContext, queries: Queries, id: string): Promise<Node | null> =>
    request.loaders
      .byKey(name, (ids) => fetch(queries, ids), (row) => row.id)
      .load(id)
      .then((row) => (row ? map(row, request) : null));
}

/** The nodes belonging to each key (one-to-many), loaded through the request's DataLoader. */
export function loadedByOwner<Queries, Row, Node>(
  name: string,
  fetch: (queries: Queries, keys: readonly string[]) => Row[],
  ownerOf: (row: Row) => string,
  map: (row: Row, request: RequestContext) => Node,
) {
  return async (request: RequestContext, queries: Queries, key: string): Promise<Node[]> => {
    const rows = await request.loaders.groupedBy(name, (keys) => fetch(queries, keys), ownerOf).load(key);
    return rows.map((row) => map(row, request));
  };
}
