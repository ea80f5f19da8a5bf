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

/**
 * The nodes belonging to each key (one-to-many), loaded through the request's DataLoader. With a
 * `variant` (a status asked for, say), one loader per variant: a page costs one query per distinct one.
 */
export function loadedByOwner<Queries, Row, Node, Variant extends string | null = never>(
  name: string,
  fetch: (queries: Queries, keys: readonly string[], variant: Variant) => Row[],
  ownerOf: (row: Row) => string,
  map: (row: Row, request: RequestContext) => Node,
) {
  return async (request: RequestContext, queries: Queries, key: string, ...variant: [Variant] | []): Promise<Node[]> => {
    const loader = variant.length ? `${name}:${variant[0] ?? '*'}` : name;
    const rows = await request.loaders.groupedBy(loader, (keys) => fetch(queries, keys, variant[0] as Variant), ownerOf).load(key);
    return rows.map((row) => map(row, request));
  };
}
