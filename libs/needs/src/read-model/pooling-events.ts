import type { DomainEvent } from '#kernel';

/**
 * The facts of the buyer-groups context that pool needs, as recorded on `buyer-group-<id>`
 * streams. Pooling is recorded there, not on the need streams, so the needs read model derives
 * each need's POOLED status and buyer group from them.
 */
export interface BuyerGroupProposed {
  buyerGroupId: string;
  name: string;
  description: string;
  cpvCode: string;
  proposingOrganisationId: string;
  country: string;
  needIds: string[];
}

export interface OrganisationJoinedBuyerGroup {
  buyerGroupId: string;
  organisationId: string;
  country: string;
  needIds: string[];
}

export interface OrganisationLeftBuyerGroup {
  buyerGroupId: string;
  organisationId: string;
  reason: string;
}

export interface BuyerGroupDissolved {
  buyerGroupId: string;
  reason: string;
}

/** The buyer-group events the needs read model reads. */
export type PoolingEvent =
  | DomainEvent<'BuyerGroupProposed', BuyerGroupProposed>
  | DomainEvent<'OrganisationJoinedBuyerGroup', OrganisationJoinedBuyerGroup>
  | DomainEvent<'OrganisationLeftBuyerGroup', OrganisationLeftBuyerGroup>
  | DomainEvent<'BuyerGroupDissolved', BuyerGroupDissolved>;
