import { NotFound, requiredText, commandsOf, type Aggregate, type Caller, type CommandRules } from '#kernel';
import type { NetworkAccess, NetworkQueries } from '#network';
import { needDecider, needStream, type NeedCommand, type NeedEvent, type NeedState } from '../domain/need.js';
import { needChanges, needDetails, type NeedChangesInput, type NeedDetailsInput } from '../domain/need-input.js';
import type { NeedsQueries } from '../read-model/needs.queries.js';

export interface NeedServices {
  access: NetworkAccess;
  network: NetworkQueries;
  needs: NeedsQueries;
}

export const needs: Aggregate<NeedCommand, NeedEvent, NeedState> = { name: 'need', decider: needDecider, stream: needStream };

interface DeclareNeedSent {
  input: NeedDetailsInput & { id?: string | null; organisationId: string };
}

/** Members of the organisation that declared the need. */
const declaringMembers =
  (action: string) =>
  ({ actor, services }: Caller<NeedServices>, _command: unknown, state: NeedState) =>
    services.access.requireMemberOfOrganisation(actor, state!.organisationId, action);

/** The buyer group pooling the need, as the read model knows it (pooling is recorded there). */
const poolingGroupOf = (services: NeedServices, id: string) => services.needs.need(id)?.buyer_group_id ?? null;

export const needRules = {
  DeclareNeed: {
    creates: ({ input }: DeclareNeedSent) => input.id,
    complete: ({ input }: DeclareNeedSent, { services }, id) => {
      const organisationId = requiredText(input.organisationId, 'input.organisationId', 100);
      const details = needDetails(input, 'input');
      const organisation = services.network.organisation(organisationId);
      if (!organisation) throw new NotFound('organisation', organisationId);
      return { needId: id, organisationId, organisationActive: organisation.active === 1, ...details };
    },
    may: ({ actor, services }, command) => services.access.requireMemberOfOrganisation(actor, command.organisationId, 'declare its needs'),
  },
  AmendNeed: {
    complete: ({ id, changes }: { id: string; changes: NeedChangesInput }, { services }) => ({
      changes: needChanges(changes, 'changes'),
      pooledInBuyerGroupId: poolingGroupOf(services, id),
    }),
    may: declaringMembers('amend its needs'),
  },
  WithdrawNeed: {
    complete: ({ id, reason }: { id: string; reason: string }, { services }) => ({
      reason: requiredText(reason, 'reason', 2000),
      pooledInBuyerGroupId: poolingGroupOf(services, id),
    }),
    may: declaringMembers('withdraw its needs'),
  },
} satisfies CommandRules<NeedCommand, NeedState, NeedServices>;

export class NeedCommands extends commandsOf(needs, needRules) {}
