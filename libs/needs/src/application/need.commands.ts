import { Forbidden, NotFound, requiredText, commandsOf, type Aggregate, type Caller, type CommandRules } from '#kernel';
import type { NetworkAccess, NetworkQueries } from '#network';
import { needDecider, needStream, type NeedCommand, type NeedEvent, type NeedReleasedBecause, type NeedState } from '../domain/need.js';
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

/** Pooling and release follow from buyer-group events: no client sends them directly. */
const onlyAsConsequence = () => {
  throw new Forbidden('needs are pooled and released by joining, leaving or dissolving a buyer group');
};

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
    complete: ({ changes }: { id: string; changes: NeedChangesInput }) => ({ changes: needChanges(changes, 'changes') }),
    may: declaringMembers('amend its needs'),
  },
  WithdrawNeed: {
    complete: ({ reason }: { id: string; reason: string }) => ({ reason: requiredText(reason, 'reason', 2000) }),
    may: declaringMembers('withdraw its needs'),
  },
  PoolNeed: {
    complete: ({ buyerGroupId, poolingEventId, organisationId, cpvCode }: { id: string; buyerGroupId: string; poolingEventId: string; organisationId: string; cpvCode: string }) => ({
      buyerGroupId,
      poolingEventId,
      organisationId,
      cpvCode,
    }),
    may: onlyAsConsequence,
  },
  ReleaseNeed: {
    complete: ({ buyerGroupId, reason, poolingEventId }: { id: string; buyerGroupId: string; reason: NeedReleasedBecause; poolingEventId?: string }) => ({
      buyerGroupId,
      reason,
      ...(poolingEventId ? { poolingEventId } : {}),
    }),
    may: onlyAsConsequence,
  },
} satisfies CommandRules<NeedCommand, NeedState, NeedServices>;

export class NeedCommands extends commandsOf(needs, needRules) {}
