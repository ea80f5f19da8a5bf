import { loadedById, loadedByOwner } from '#graphql';
import type { NeedsQueries, NeedStatus } from '../read-model/needs.queries.js';
import { needFromRow, needFromState } from './needs.mappers.js';
import { NeedType } from './needs.types.js';

/** Loads needs by id through the request's DataLoader. */
export const loadNeed = loadedById('needById', (queries: NeedsQueries, ids) => queries.needsByIds(ids), needFromRow);

export const needsOfOrganisation = loadedByOwner(
  'needsByOrganisation',
  (queries: NeedsQueries, ids, status: NeedStatus | null) => queries.needsOfOrganisations(ids, status),
  (row) => row.organisation_id,
  needFromRow,
);

/** How clients read a need: by id now, or as its own stream tells it at an instant. */
export const needView = {
  query: 'need', type: () => NeedType, load: loadNeed, fromState: needFromState,
  description: 'asOf: the need as its own stream tells it then (AUDITOR, ADMIN).',
};
