import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../libs/event-store/src/index.js';
import { buildApiChild, startApiProcess, type ApiProcess } from './support/api-process.js';
import { ConcordServer } from './support/concord-server.js';
import { GROUP, JOIN, LEAVE_NETWORK, NEED, PROPOSE, call, declareDetectors, groupInput, ok, registerProcurers, type ApiAt } from './support/procurers.js';

/**
 * Rules that span aggregates, under requests at the same instant: through this process's API
 * and an API in a process of its own on the same store, so the requests really race. The
 * invariants are checked on the event log itself, then on the read models.
 */

const ROUNDS = 50;

/** Who held the need after each event of its stream; throws if a second group took it while held. */
function holdersOf(events: RecordedEvent[]): Array<string | null> {
  let holder: string | null = null;
  return events.map((event) => {
    const data = event.data as { buyerGroupId?: string };
    if (event.type === 'NeedPooled') {
      if (holder !== null) throw new Error(`${event.streamId}: pooled by ${data.buyerGroupId} while ${holder} held it`);
      holder = data.buyerGroupId!;
    }
    if (event.type === 'NeedReleased') holder = null;
    return holder;
  });
}

// Building and starting API processes, and many rounds of requests, take longer than a unit test on 2 busy cores.
jest.setTimeout(180_000);

describe('cross-aggregate rules under concurrency', () => {
  let server: ConcordServer;
  let other: ApiProcess;
  let build: string;
  let admin: string;
  const token: Record<string, string> = {};
  const stream = (id: string) => server.runtime.store.readStream(id);

  beforeAll(async () => {
    server = await ConcordServer.start();
    admin = await server.adminToken();
    await registerProcurers(server, admin);
    for (const member of ['camille', 'peter', 'ivana']) token[member] = await server.token(member);
    build = mkdtempSync(join(tmpdir(), 'concord-api-child-'));
    other = await startApiProcess(buildApiChild(build), server.dataDir);
  });

  afterAll(async () => {
    await other?.kill();
    await server?.stop();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  it(`a need is pooled by at most one buyer group: ${ROUNDS} rounds of three groups claiming it at once`, async () => {
    const apis: ApiAt[] = [server, other, server];
    for (let round = 0; round < ROUNDS; round += 1) {
      const need = await declareDetectors(server, token['camille']!, 'fr-police', `Detectors round ${round}`);
      const ids = apis.map((_, index) => `ebg-race-${round}-${index}`);
      const answers = await Promise.all(
        apis.map((api, index) => call(api, PROPOSE, { input: groupInput(ids[index]!, 'fr-police', [need]) }, token['camille']!)),
      );
      const winners = answers.flatMap((answer, index) => (answer.errors ? [] : [ids[index]!]));
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      for (const answer of answers.filter((a) => a.errors)) {
        const error = answer.errors![0]!;
        expect(error.extensions?.['code']).toBe('DOMAIN_RULE_VIOLATED');
        expect(['need-pooled-elsewhere', 'pooled-need-not-open']).toContain(error.extensions?.['rule']);
        // The loser learns which group holds the need.
        expect(error.extensions?.['buyerGroupId']).toBe(winner);
        expect(error.message).toContain(`buyer group ${winner}`);
      }

      // The log: the need's own stream never had two holders and ends held by the winner; only
      // the winner's group stream exists, and it lists the need.
      const needEvents = await stream(`need-${need}`);
      expect(holdersOf(needEvents).at(-1)).toBe(winner);
      for (const id of ids) {
        const groupEvents = await stream(`buyer-group-${id}`);
        if (id === winner) expect((groupEvents[0]!.data as { needIds: string[] }).needIds).toEqual([need]);
        else expect(groupEvents).toEqual([]);
      }
      // Every NeedPooled of a loser was given back, caused by itself.
      for (const pooled of needEvents.filter((e) => e.type === 'NeedPooled' && (e.data as any).buyerGroupId !== winner)) {
        const release = needEvents.find((e) => e.type === 'NeedReleased' && (e.data as any).poolingEventId === (pooled.data as any).poolingEventId);
        expect(release).toBeDefined();
      }

      // The read models, through either API: POOLED with its group, and the group lists it.
      for (const api of [server, other]) {
        expect((await ok(api, NEED, { id: need }, admin)).need).toMatchObject({ status: 'POOLED', buyerGroup: { id: winner } });
      }
      const group = (await ok(server, GROUP, { id: winner }, admin)).buyerGroup;
      expect(group.members[0].needs).toEqual([{ id: need, status: 'POOLED' }]);
    }
  });

  it(`joining with a need another group is proposing with, ${ROUNDS} rounds: one of them gets it`, async () => {
    const host = 'ebg-host';
    await ok(server, PROPOSE, { input: groupInput(host, 'sk-border', []) }, token['peter']!);
    const joinedWith: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const need = await declareDetectors(server, token['ivana']!, 'bg-mvr', `Gates round ${round}`);
      const proposal = `ebg-bg-${round}`;
      // The first join takes Bulgaria into the host group; later rounds find it a member and only race the proposal.
      const [joined, proposed] = await Promise.all([
        call(round % 2 ? server : other, JOIN, { id: host, org: 'bg-mvr', needIds: [need] }, token['ivana']!),
        call(round % 2 ? other : server, PROPOSE, { input: groupInput(proposal, 'bg-mvr', [need]) }, token['ivana']!),
      ]);
      const holders = holdersOf(await stream(`need-${need}`));
      const holder = holders.at(-1) ?? null;
      if (!joined.errors) joinedWith.push(need);
      expect([!joined.errors, !proposed.errors].filter(Boolean).length).toBeLessThanOrEqual(1);
      if (!proposed.errors) expect(holder).toBe(proposal);
      else if (!joined.errors) expect(holder).toBe(host);
      else expect(holder).toBeNull();
      expect((await ok(server, NEED, { id: need }, admin)).need.buyerGroup?.id ?? null).toBe(holder);
    }
    // The host group lists exactly the needs its streams say it holds.
    const group = (await ok(server, GROUP, { id: host }, admin)).buyerGroup;
    const bulgaria = group.members.find((member: any) => member.organisation.id === 'bg-mvr');
    expect((bulgaria?.needs ?? []).map((n: any) => n.id)).toEqual(joinedWith);
  });

  it('leaving the network: refused while in a launched procedure, otherwise out of each group, caused by the leave', async () => {
    // A launched group holds its member back: the refusal names the group, nothing is recorded.
    const launched = 'ebg-launched';
    const groupOf = (id: string) => ok(server, GROUP, { id }, admin).then((data) => data.buyerGroup);
    await ok(server, PROPOSE, { input: groupInput(launched, 'fr-police', []) }, token['camille']!);
    await ok(server, JOIN, { id: launched, org: 'sk-border', needIds: [] }, token['peter']!);
    const step = (query: string, variables: Record<string, unknown>) => ok(server, query, { id: launched, ...variables }, token['camille']!);
    await step(`mutation($id: ID!, $org: ID!) { designateLeadProcurer(id: $id, organisationId: $org) { version } }`, { org: 'fr-police' });
    await step(`mutation($id: ID!) { chooseProcurementModel(id: $id, model: JOINT_AWARD, applicableLaw: "FR", legalBasis: DIRECTIVE_2014_24_EU) { version } }`, {});
    await step(`mutation($id: ID!) { draftAgreement(id: $id, title: "Joint procurement agreement", terms: "Terms") { version } }`, {});
    for (const [org, member] of [['fr-police', 'camille'], ['sk-border', 'peter']] as const) {
      await ok(server, `mutation($id: ID!, $org: ID!) { signAgreement(id: $id, organisationId: $org, agreementVersion: 1) { version } }`, { id: launched, org }, token[member]!);
    }
    await step(`mutation($id: ID!) { launchProcedure(id: $id, noticeNumber: "2027/S 045-123456", procedureType: "OPEN") { version } }`, {});
    expect((await groupOf(launched)).status).toBe('PROCURING');

    const before = (await stream('organisation-sk-border')).length;
    const refused = await call(server, LEAVE_NETWORK, { id: 'sk-border', reason: 'Reorganisation' }, admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', rule: 'no-leaving-network-after-launch', buyerGroupId: launched });
    expect((await stream('organisation-sk-border')).length).toBe(before);

    // Otherwise it leaves each group: the host group it joined above, with its needs given back.
    const left = (await ok(server, LEAVE_NETWORK, { id: 'bg-mvr', reason: 'Merged into the ministry' }, admin)).leaveNetwork;
    expect(left.organisation.active).toBe(false);
    const leftEvent = (await stream('organisation-bg-mvr')).at(-1)!;
    const hostEvents = await stream('buyer-group-ebg-host');
    const hostLeave = hostEvents.find((event) => event.type === 'OrganisationLeftBuyerGroup')!;
    expect(hostLeave.metadata['causationId']).toBe(leftEvent.id);
    for (const needId of (hostLeave.data as { releasedNeedIds: string[] }).releasedNeedIds) {
      const released = (await stream(`need-${needId}`)).at(-1)!;
      expect(released.type).toBe('NeedReleased');
      expect(released.metadata['causationId']).toBe(hostLeave.id);
    }
    const host = (await groupOf('ebg-host')).members.map((member: any) => member.organisation.id);
    expect(host).toEqual(['sk-border']);
  });
});
