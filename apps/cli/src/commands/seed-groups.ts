import type { CommandBus } from '@nestjs/cqrs';
import type { Actor, AggregateChange, CommandContext } from '../../../../libs/kernel/src/index.js';
import {
  ChooseProcurementModel,
  DesignateLeadProcurer,
  DraftAgreement,
  JoinBuyerGroup,
  ProposeBuyerGroup,
  SignAgreement,
} from '../../../../libs/buyer-groups/src/application/buyer-group.commands.js';
import { AppointTopicalGroupLeader, CreateTopicalGroup, JoinTopicalGroup } from '../../../../libs/topical-groups/src/application/group.commands.js';
import type { TopicalGroupChange } from '../../../../libs/topical-groups/src/application/on-topical-group.js';
import { AssignAction, CastVote, CloseDecision, ProposeDecision, RecordMeeting } from '../../../../libs/topical-groups/src/application/work.commands.js';
import { SEED_COUNTRIES, type SeedBuyerGroup, type SeedTopicalGroup } from './seed-data.js';

/** What each seeding step needs: the API's command bus, and a context per command. */
export interface SeedRun {
  bus: CommandBus;
  /** The context of one command: who acts, and an idempotency key of its own. */
  context(actor: Actor, key: string): CommandContext;
}

/** A seeded member acting as themself, with no platform role: the rules apply to them as to anyone. */
const asMember = (memberId: string): Actor => ({ subject: memberId, roles: [] });

/**
 * Takes the buyer group from proposal to ESTABLISHED, each step by a member of the organisation
 * the rules name: proposing, joining and signing by the organisation's own member, the lead
 * procurer's steps by the lead's member. Returns the group's id.
 */
export async function seedBuyerGroup(run: SeedRun, group: SeedBuyerGroup, needIds: ReadonlyMap<string, string>): Promise<string> {
  const { bus, context } = run;
  const key = (step: string) => `buyer-group:${group.key}:${step}`;
  const pooled = (needKeys: string[]) =>
    needKeys.map((needKey) => {
      const id = needIds.get(needKey);
      if (!id) throw new Error(`seed data: buyer group ${group.key} pools need ${needKey}, which the seed does not declare`);
      return id;
    });
  const { proposer, joiners } = group;
  const participants = [proposer, ...joiners];
  const lead = participants.find((participant) => participant.organisationId === group.leadProcurerId);
  if (!lead) throw new Error(`seed data: the lead procurer ${group.leadProcurerId} is not a member of buyer group ${group.key}`);

  const proposed = await bus.execute<ProposeBuyerGroup, AggregateChange>(
    new ProposeBuyerGroup(
      {
        name: group.name,
        description: group.description,
        cpvCode: group.cpvCode,
        proposingOrganisationId: proposer.organisationId,
        needIds: pooled(proposer.needKeys),
      },
      context(asMember(proposer.memberId), key('propose')),
    ),
  );
  const id = proposed.id;
  for (const joiner of joiners) {
    await bus.execute(
      new JoinBuyerGroup(id, joiner.organisationId, pooled(joiner.needKeys), context(asMember(joiner.memberId), key(`join:${joiner.organisationId}`))),
    );
  }
  const leadActor = asMember(lead.memberId);
  await bus.execute(new DesignateLeadProcurer(id, lead.organisationId, context(leadActor, key('lead'))));
  await bus.execute(
    new ChooseProcurementModel(id, group.model, countryOf(lead.organisationId), group.legalBasis, context(leadActor, key('model'))),
  );
  await bus.execute(new DraftAgreement(id, group.agreement.title, group.agreement.terms, context(leadActor, key('agreement'))));
  // The seed drafts the agreement once, so every member signs its first version; the last
  // signature concludes it and the group, with members of three countries, is ESTABLISHED.
  for (const participant of participants) {
    await bus.execute(
      new SignAgreement(id, participant.organisationId, 1, context(asMember(participant.memberId), key(`sign:${participant.organisationId}`))),
    );
  }
  return id;
}

/**
 * The topical group's life so far: an ADMIN creates it and appoints its leader, members join as
 * themselves, the leader records the kick-off meeting, members propose and vote, the leader
 * closes what is ripe and assigns the follow-up. Returns the group's id.
 */
export async function seedTopicalGroup(run: SeedRun, group: SeedTopicalGroup, admin: Actor): Promise<string> {
  const { bus, context } = run;
  const key = (step: string) => `topical-group:${group.key}:${step}`;
  const leader = asMember(group.leaderId);

  const created = await bus.execute<CreateTopicalGroup, AggregateChange>(
    new CreateTopicalGroup({ name: group.name, topic: group.topic, description: group.description }, context(admin, key('create'))),
  );
  const id = created.id;
  await bus.execute(new AppointTopicalGroupLeader(id, group.leaderId, context(admin, key('leader'))));
  for (const memberId of group.memberIds) {
    await bus.execute(new JoinTopicalGroup(id, context(asMember(memberId), key(`join:${memberId}`))));
  }
  const { meeting } = group;
  await bus.execute(
    new RecordMeeting(
      id,
      { heldOn: new Date(meeting.heldOn), title: meeting.title, minutes: meeting.minutes, attendeeIds: meeting.attendeeIds },
      context(leader, key(`meeting:${meeting.key}`)),
    ),
  );

  const decisionIds = new Map<string, string>();
  for (const decision of group.decisions) {
    const decisionKey = key(`decision:${decision.key}`);
    const proposed = await bus.execute<ProposeDecision, TopicalGroupChange>(
      new ProposeDecision(
        id,
        { title: decision.title, text: decision.text, dueBy: new Date(decision.dueBy) },
        context(asMember(decision.proposedBy), decisionKey),
      ),
    );
    const decisionId = proposed.decisionId!;
    decisionIds.set(decision.key, decisionId);
    for (const { memberId, choice } of decision.votes) {
      await bus.execute(new CastVote(id, decisionId, choice, context(asMember(memberId), `${decisionKey}:vote:${memberId}`)));
    }
    if (decision.close) await bus.execute(new CloseDecision(id, decisionId, context(leader, `${decisionKey}:close`)));
  }

  const { action } = group;
  const decisionId = decisionIds.get(action.decisionKey);
  if (!decisionId) throw new Error(`seed data: action ${action.key} follows decision ${action.decisionKey}, which the seed does not propose`);
  await bus.execute(
    new AssignAction(
      id,
      { title: action.title, assigneeId: action.assigneeId, dueBy: new Date(action.dueBy), decisionId },
      context(leader, key(`action:${action.key}`)),
    ),
  );
  return id;
}

/** The country of a seeded organisation: the lead procurer's law is that of its country. */
function countryOf(organisationId: string): string {
  const found = SEED_COUNTRIES.find(({ organisations }) => organisations.some((organisation) => organisation.id === organisationId));
  if (!found) throw new Error(`seed data: organisation ${organisationId} is not seeded`);
  return found.country;
}
