import type { Actor, CommandContext } from '#kernel';
import type { BuyerGroupCommands } from '#buyer-groups';
import type { TopicalGroupCommands } from '#topical-groups';
import { SEED_COUNTRIES, type SeedBuyerGroup, type SeedTopicalGroup } from './seed-data.js';

/** What each seeding step needs: the API's command tables, and a context per command. */
export interface SeedRun {
  buyerGroups: BuyerGroupCommands;
  topicalGroups: TopicalGroupCommands;
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
  const { buyerGroups, context } = run;
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

  const proposed = await buyerGroups.send(
    'ProposeBuyerGroup',
    {
      input: {
        name: group.name,
        description: group.description,
        cpvCode: group.cpvCode,
        proposingOrganisationId: proposer.organisationId,
        needIds: pooled(proposer.needKeys),
      },
    },
    context(asMember(proposer.memberId), key('propose')),
  );
  const id = proposed.id;
  for (const joiner of joiners) {
    const { organisationId } = joiner;
    const joining = { id, organisationId, needIds: pooled(joiner.needKeys) };
    await buyerGroups.send('JoinBuyerGroup', joining, context(asMember(joiner.memberId), key(`join:${organisationId}`)));
  }
  const leadActor = asMember(lead.memberId);
  await buyerGroups.send('DesignateLeadProcurer', { id, organisationId: lead.organisationId }, context(leadActor, key('lead')));
  const model = { id, model: group.model, applicableLaw: countryOf(lead.organisationId), legalBasis: group.legalBasis };
  await buyerGroups.send('ChooseProcurementModel', model, context(leadActor, key('model')));
  await buyerGroups.send('DraftAgreement', { id, ...group.agreement }, context(leadActor, key('agreement')));
  // The seed drafts the agreement once, so every member signs its first version; the last
  // signature concludes it and the group, with members of three countries, is ESTABLISHED.
  for (const participant of participants) {
    const { organisationId, memberId } = participant;
    await buyerGroups.send('SignAgreement', { id, organisationId, agreementVersion: 1 }, context(asMember(memberId), key(`sign:${organisationId}`)));
  }
  return id;
}

/**
 * The topical group's life so far: an ADMIN creates it and appoints its leader, members join as
 * themselves, the leader records the kick-off meeting, members propose and vote, the leader
 * closes what is ripe and assigns the follow-up. Returns the group's id.
 */
export async function seedTopicalGroup(run: SeedRun, group: SeedTopicalGroup, admin: Actor): Promise<string> {
  const { topicalGroups, context } = run;
  const key = (step: string) => `topical-group:${group.key}:${step}`;
  const leader = asMember(group.leaderId);

  const { name, topic, description } = group;
  const created = await topicalGroups.send('CreateTopicalGroup', { input: { name, topic, description } }, context(admin, key('create')));
  const id = created.id;
  await topicalGroups.send('AppointTopicalGroupLeader', { id, memberId: group.leaderId }, context(admin, key('leader')));
  for (const memberId of group.memberIds) {
    await topicalGroups.send('JoinTopicalGroup', { id }, context(asMember(memberId), key(`join:${memberId}`)));
  }
  const { meeting } = group;
  const held = { heldOn: new Date(meeting.heldOn), title: meeting.title, minutes: meeting.minutes, attendeeIds: meeting.attendeeIds };
  await topicalGroups.send('RecordMeeting', { id, input: held }, context(leader, key(`meeting:${meeting.key}`)));

  const decisionIds = new Map<string, string>();
  for (const decision of group.decisions) {
    const decisionKey = key(`decision:${decision.key}`);
    const proposal = { title: decision.title, text: decision.text, dueBy: new Date(decision.dueBy) };
    const proposed = await topicalGroups.send('ProposeDecision', { id, input: proposal }, context(asMember(decision.proposedBy), decisionKey));
    const { decisionId } = proposed.command;
    decisionIds.set(decision.key, decisionId);
    for (const { memberId, choice } of decision.votes) {
      await topicalGroups.send('CastVote', { id, decisionId, choice }, context(asMember(memberId), `${decisionKey}:vote:${memberId}`));
    }
    if (decision.close) await topicalGroups.send('CloseDecision', { id, decisionId }, context(leader, `${decisionKey}:close`));
  }

  const { action } = group;
  const decisionId = decisionIds.get(action.decisionKey);
  if (!decisionId) throw new Error(`seed data: action ${action.key} follows decision ${action.decisionKey}, which the seed does not propose`);
  const assigned = { title: action.title, assigneeId: action.assigneeId, dueBy: new Date(action.dueBy), decisionId };
  await topicalGroups.send('AssignAction', { id, input: assigned }, context(leader, key(`action:${action.key}`)));
  return id;
}

/** The country of a seeded organisation: the lead procurer's law is that of its country. */
function countryOf(organisationId: string): string {
  const found = SEED_COUNTRIES.find(({ organisations }) => organisations.some((organisation) => organisation.id === organisationId));
  if (!found) throw new Error(`seed data: organisation ${organisationId} is not seeded`);
  return found.country;
}
