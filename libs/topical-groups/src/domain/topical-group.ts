import type { Decider } from '../../../kernel/src/index.js';
import type { TopicalGroupCommand } from './topical-group.commands.js';
import { decideTopicalGroup } from './topical-group.decide.js';
import type { TopicalGroupEvent } from './topical-group.events.js';
import { evolveTopicalGroup, type TopicalGroupState } from './topical-group.state.js';

export * from './topical-group.commands.js';
export * from './topical-group.events.js';
export * from './topical-group.state.js';
export * from './overdue.js';

export const topicalGroupStream = (id: string) => `topical-group-${id}`;

/** A topical group with its members, meetings, decisions, votes and actions: one stream, one decider. */
export const topicalGroupDecider: Decider<TopicalGroupCommand, TopicalGroupEvent, TopicalGroupState> = {
  initialState: { status: 'none' },
  decide: decideTopicalGroup,
  evolve: evolveTopicalGroup,
};
