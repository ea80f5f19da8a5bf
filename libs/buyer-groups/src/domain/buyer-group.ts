import type { Decider } from '#kernel';
import type { BuyerGroupCommand } from './buyer-group.commands.js';
import { decide } from './buyer-group.decide.js';
import type { BuyerGroupEvent } from './buyer-group.events.js';
import { evolve, type BuyerGroupState } from './buyer-group.state.js';

export * from './buyer-group.commands.js';
export * from './buyer-group.events.js';
export * from './buyer-group.state.js';
export * from './buyer-group.rules.js';
export * from './ted-notice-number.js';
export * from './need-pooling.js';
export { requireFreeToLeaveNetwork } from './buyer-group.decide.js';

/** EBG formation to contract: one buyer group per `buyer-group-<id>` stream. */
export const buyerGroupDecider: Decider<BuyerGroupCommand, BuyerGroupEvent, BuyerGroupState> = {
  initialState: null,
  decide,
  evolve,
};
