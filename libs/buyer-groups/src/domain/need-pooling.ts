import type { BuyerGroupEvent } from './buyer-group.events.js';
import type { BuyerGroupState } from './buyer-group.state.js';

/**
 * Which needs a buyer-group event takes in or gives back. The need streams decide pooling (a
 * need is held by one group at a time), so the buyer-group events that pool or release needs
 * go with `NeedPooled` / `NeedReleased` on each need's own stream.
 */
export interface NeedsPooled {
  buyerGroupId: string;
  organisationId: string;
  /** The group's CPV code: a pooled need shares its CPV group. */
  cpvCode: string;
  needIds: string[];
}

export interface NeedsReleased {
  buyerGroupId: string;
  reason: 'MEMBER_LEFT' | 'GROUP_DISSOLVED';
  needIds: string[];
}

/** The needs `event` pools into the group, `state` being the group before it. */
export function needsPooledBy(event: BuyerGroupEvent, state: BuyerGroupState): NeedsPooled | null {
  if (event.type === 'BuyerGroupProposed') {
    const { buyerGroupId, proposingOrganisationId, cpvCode, needIds } = event.data;
    return needIds.length ? { buyerGroupId, organisationId: proposingOrganisationId, cpvCode, needIds } : null;
  }
  if (event.type === 'OrganisationJoinedBuyerGroup' && state) {
    const { buyerGroupId, organisationId, needIds } = event.data;
    return needIds.length ? { buyerGroupId, organisationId, cpvCode: state.cpvCode, needIds } : null;
  }
  return null;
}

/** The needs `event` gives back to their organisations. */
export function needsReleasedBy(event: BuyerGroupEvent): NeedsReleased | null {
  if (event.type === 'OrganisationLeftBuyerGroup') {
    const { buyerGroupId, releasedNeedIds } = event.data;
    return releasedNeedIds.length ? { buyerGroupId, reason: 'MEMBER_LEFT', needIds: releasedNeedIds } : null;
  }
  if (event.type === 'BuyerGroupDissolved') {
    const { buyerGroupId, releasedNeedIds } = event.data;
    return releasedNeedIds.length ? { buyerGroupId, reason: 'GROUP_DISSOLVED', needIds: releasedNeedIds } : null;
  }
  return null;
}
