import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ConcordConfig, ConcordRuntime } from '#runtime';
import { NetworkQueries } from '#network';
import { NeedsQueries, buyerGroupOpportunities } from '#needs';
import { BuyerGroupsQueries, groupOf } from '#buyer-groups';
import { TopicalGroupQueries } from '#topical-groups';
import { seed } from '../src/commands/seed.command.js';
import { SEED_BUYER_GROUP, SEED_COUNTRIES, SEED_TOPICAL_GROUP } from '../src/commands/seed-data.js';

const SEED_COUNTRY_CODES = ['FR', 'SK', 'BG', 'EE', 'CY', 'PT', 'RO', 'LT'];

/** Reads what a run left behind, through a runtime of its own, as the API would after a restart. */
async function inspect(config: ConcordConfig) {
  const runtime = ConcordRuntime.open(config);
  try {
    const network = new NetworkQueries(() => runtime.readModels.db);
    const needs = new NeedsQueries(() => runtime.readModels.db);
    const buyerGroups = new BuyerGroupsQueries(() => runtime.readModels.db);
    const topical = new TopicalGroupQueries(() => runtime.readModels.db);
    const topicalGroups = topical.groups({ first: 50 }).edges.map((edge) => edge.node);
    const topicalIds = topicalGroups.map((group) => group.id);
    const organisations = network.organisations({}, { first: 500 }).edges.map((edge) => edge.node);
    return {
      head: await runtime.store.headPosition(),
      organisations,
      members: network.membersOfOrganisations(organisations.map((organisation) => organisation.id)),
      ncps: SEED_COUNTRY_CODES.map((country) => network.nationalContactPointOf(country)?.id ?? null),
      needs: needs.needs({}, { first: 500 }).edges.map((edge) => edge.node),
      opportunities: buyerGroupOpportunities(needs.jointProcurementCandidates(), 2),
      buyerGroups: buyerGroups.buyerGroups({}, { first: 50 }).edges.map((edge) => groupOf(edge.node)),
      topicalGroups,
      topicalMembers: topical.membersOfGroups(topicalIds),
      meetings: topical.meetingsOfGroups(topicalIds),
      decisions: topical.decisionsOfGroups(topicalIds),
      votes: topical.votesOfDecisions(topical.decisionsOfGroups(topicalIds).map((decision) => decision.id)),
      actions: topical.actionsOfGroups(topicalIds),
    };
  } finally {
    await runtime.close();
  }
}

describe('concord seed', () => {
  let dataDir: string;
  let config: ConcordConfig;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'concord-seed-'));
    config = loadConfig({ CONCORD_DATA_DIR: dataDir });
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the demo network, a buyer group and a topical group through the command handlers, then records nothing on a second run', async () => {
    const first = await seed(config);
    const seeded = await inspect(config);
    const memberCount = SEED_COUNTRIES.flatMap((c) => c.organisations.flatMap((o) => o.members)).length;
    const needCount = SEED_COUNTRIES.flatMap((c) => c.organisations.flatMap((o) => o.needs)).length;
    const participants = [SEED_BUYER_GROUP.proposer, ...SEED_BUYER_GROUP.joiners];
    // Proposed, one join per joiner, lead, model, draft, one signature per member, concluded.
    const buyerGroupEvents = 1 + SEED_BUYER_GROUP.joiners.length + 3 + participants.length + 1;
    // Each pooled need records its pooling on its own stream.
    const pooledNeeds = participants.flatMap((participant) => participant.needKeys).length;
    const { decisions } = SEED_TOPICAL_GROUP;
    const votes = decisions.flatMap((decision) => decision.votes).length;
    // Created, the leader's join and appointment, one join per member, the meeting, the
    // proposals, the votes, the closings, the action.
    const topicalGroupEvents =
      1 + 2 + SEED_TOPICAL_GROUP.memberIds.length + 1 + decisions.length + votes + decisions.filter((d) => d.close).length + 1;

    expect(first).toEqual({
      countries: 8,
      organisations: 24,
      members: memberCount,
      nationalContactPoints: 8,
      needs: needCount,
      buyerGroups: { ESTABLISHED: 1 },
      topicalGroups: 1,
      decisions: { ADOPTED: 1, OPEN: 1 },
      recordedEvents: 24 + memberCount + 8 + needCount + buyerGroupEvents + pooledNeeds + topicalGroupEvents,
    });
    expect(new Set(seeded.organisations.map((o) => o.country))).toEqual(new Set(SEED_COUNTRY_CODES));
    for (const country of SEED_COUNTRY_CODES) {
      const kinds = seeded.organisations.filter((o) => o.country === country).map((o) => o.kind).sort();
      expect([country, kinds]).toEqual([country, ['BORDER_GUARD', 'LAW_ENFORCEMENT', 'MINISTRY']]);
    }
    for (const organisation of seeded.organisations) {
      const count = seeded.members.filter((m) => m.organisation_id === organisation.id).length;
      expect(count).toBeGreaterThanOrEqual(2);
      expect(count).toBeLessThanOrEqual(3);
    }
    expect(seeded.members).toHaveLength(memberCount);
    expect(seeded.ncps.every((id) => id !== null)).toBe(true);
    const organisationOf = (memberId: string) => seeded.members.find((m) => m.id === memberId)?.organisation_id;
    const countryOf = (memberId: string) => seeded.members.find((m) => m.id === memberId)?.country;

    // Every need was declared by a member of its organisation, as the handlers require.
    expect(seeded.needs).toHaveLength(needCount);
    const countriesOf = (cpv: string) => new Set(seeded.needs.filter((n) => n.cpv_code === cpv).map((n) => n.country));
    for (const cpv of ['35124000-9', '35613000-4', '35815100-1']) expect(countriesOf(cpv).size).toBeGreaterThanOrEqual(3);

    // The metal-detector group: three organisations of three countries, each pooling its need,
    // led by the Romanian border police under Romanian law, its agreement signed by all.
    expect(seeded.buyerGroups).toHaveLength(1);
    const group = seeded.buyerGroups[0]!;
    expect(group).toMatchObject({ name: SEED_BUYER_GROUP.name, cpvCode: '35124000-9', status: 'ESTABLISHED', leadProcurerId: 'ro-igpf' });
    expect(group.establishedAt).not.toBeNull();
    expect(group.members.map((m) => [m.organisationId, m.country])).toEqual([
      ['ro-igpf', 'RO'],
      ['bg-granichna-politsia', 'BG'],
      ['cy-astynomia-kyprou', 'CY'],
    ]);
    expect(group.procurementModel).toMatchObject({ model: 'JOINT_AWARD', applicableLaw: 'RO', legalBasis: 'DIRECTIVE_2014_24_EU' });
    expect(group.agreement).toMatchObject({ version: 1, title: SEED_BUYER_GROUP.agreement.title, terms: SEED_BUYER_GROUP.agreement.terms });
    expect(group.agreement!.concludedAt).not.toBeNull();
    expect(group.agreement!.signatures.map((signature) => [signature.organisationId, organisationOf(signature.signedBy)])).toEqual(
      group.members.map((m) => [m.organisationId, m.organisationId]),
    );
    for (const member of group.members) {
      const pooled = seeded.needs.filter((n) => member.needIds.includes(n.id));
      expect(pooled.map((n) => [n.organisation_id, n.cpv_code, n.status, n.buyer_group_id])).toEqual([
        [member.organisationId, '35124000-9', 'POOLED', group.id],
      ]);
    }
    // The pooled needs left the opportunities; the other metal detectors, the UAVs and the vests are still open.
    expect(seeded.opportunities.map((o) => o.cpvGroup)).toEqual(['351', '356', '358']);
    const detectors = seeded.opportunities[0]!;
    expect(detectors.countries).toEqual(['FR', 'LT']);
    expect(detectors.needs.some((need) => need.buyer_group_id !== null)).toBe(false);

    // The topical group: led by its appointed leader, joined by members of several countries.
    expect(seeded.topicalGroups).toHaveLength(1);
    const topical = seeded.topicalGroups[0]!;
    expect(topical).toMatchObject({ name: 'Ballistic protection', leader_id: 'fr-sophie-lefebvre' });
    const groupMembers = seeded.topicalMembers.map((m) => m.member_id);
    expect(new Set(groupMembers)).toEqual(new Set(['fr-sophie-lefebvre', ...SEED_TOPICAL_GROUP.memberIds]));
    expect(new Set(groupMembers.map(countryOf)).size).toBeGreaterThanOrEqual(4);
    expect(seeded.meetings).toHaveLength(1);
    const meeting = seeded.meetings[0]!;
    expect(meeting.held_on).toBe('2026-10-21T08:00:00.000Z');
    const attendees = JSON.parse(meeting.attendee_ids) as string[];
    expect(attendees).toHaveLength(5);
    expect(attendees.every((attendee) => groupMembers.includes(attendee))).toBe(true);

    // One decision adopted by the vote, one still open until September 2027.
    expect(seeded.decisions).toHaveLength(2);
    const adopted = seeded.decisions.find((decision) => decision.title === decisions[0]!.title);
    const open = seeded.decisions.find((decision) => decision.title === decisions[1]!.title);
    expect(adopted).toMatchObject({ title: decisions[0]!.title, status: 'ADOPTED', votes_for: 5, votes_against: 0, votes_abstain: 1 });
    expect(adopted!.closed_at).not.toBeNull();
    expect(open).toMatchObject({ title: decisions[1]!.title, status: 'OPEN', due_by: '2027-09-30T14:00:00.000Z', closed_at: null });
    expect(open).toMatchObject({ votes_for: 2, votes_against: 1, votes_abstain: 0 });
    expect(seeded.votes).toHaveLength(votes);
    expect(seeded.votes.every((vote) => groupMembers.includes(vote.member_id))).toBe(true);
    expect(seeded.actions).toHaveLength(1);
    expect(seeded.actions[0]).toMatchObject({
      decision_id: adopted!.id,
      assignee_id: 'pt-miguel-santos',
      due_by: '2027-04-30T16:00:00.000Z',
      completed_at: null,
    });

    const second = await seed(config);
    expect(second).toEqual({ ...first, recordedEvents: 0 });
    expect((await inspect(config)).head).toBe(seeded.head);
  });
});
