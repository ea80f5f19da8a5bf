import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApiChild, startApiProcess, type ApiProcess } from './support/api-process.js';
import { ConcordServer, dataOf, postGraphQL } from './support/concord-server.js';
import { needDetails } from '../libs/needs/test/support/need-details.js';

/**
 * Requests that carry the same idempotency key and arrive at the same instant, through one API
 * instance and through two instances on one store (the second one a process of its own, so the
 * requests really run at once): every one answers the first request's result, exactly one of
 * them says it was not a replay, and the log holds one record.
 */

const ROUNDS = 50;
const AT_ONCE = 3;
// On EventStoreDB the losing copy sent from the other process waits out the server's write
// timeout (about 2 s) before it is answered as a replay: rounds take longer there.
const RACE_TIMEOUT_MS = 240_000;

const DECLARE = `mutation($input: DeclareNeedInput!, $key: String) {
  declareNeed(input: $input, idempotencyKey: $key) { version position replayed need { id title } } }`;
const RENAME = `mutation($id: ID!, $name: String!, $key: String) {
  renameOrganisation(id: $id, name: $name, idempotencyKey: $key) { version position replayed organisation { name } } }`;

const ORGANISATION = 'lt-customs';

const needInput = (title: string) =>
  needDetails({ organisationId: ORGANISATION, title, description: 'Handheld detectors for the Medininkai crossing', cpvCode: '35124000-9', quantity: 12, estimatedBudget: { amount: '36000.00', currency: 'EUR' } });

interface Answer {
  version: number;
  position: string;
  replayed: boolean;
}

// Building and starting API processes, and many rounds of requests, take longer than a unit test on 2 busy cores.
jest.setTimeout(180_000);

describe('the same idempotency key at the same instant', () => {
  let first: ConcordServer;
  let second: ApiProcess;
  let build: string;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    first = await ConcordServer.start();
    // A second API instance on the same store, in its own process.
    build = mkdtempSync(join(tmpdir(), 'concord-api-child-'));
    second = await startApiProcess(buildApiChild(build), first.dataDir);
    admin = await first.adminToken();
    await first.ok(`mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version } }`, {
      input: { id: ORGANISATION, name: 'Muitinės departamentas', country: 'LT', kind: 'BORDER_GUARD' },
    }, admin);
    await first.ok(`mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { version } }`, {
      input: { id: 'ruta', displayName: 'Rūta', email: 'ruta@example.eu', country: 'LT', organisationId: ORGANISATION },
    }, admin);
    member = await first.token('ruta');
  }, 180_000);

  afterAll(async () => {
    await second?.kill();
    await first?.stop();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  /** Every answer is the first one's; exactly one of them recorded it. */
  function expectOneResult(answers: Answer[]): void {
    expect(new Set(answers.map((answer) => `${answer.version}@${answer.position}`)).size).toBe(1);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
  }

  type Target = ConcordServer | ApiProcess;
  const send = (target: Target, query: string, variables: Record<string, unknown>, token: string) =>
    postGraphQL<any>(target.url, query, variables, token).then(dataOf);

  async function eventsOf(streamId: string) {
    return first.runtime.store.readStream(streamId);
  }

  it.each([
    ['one API instance', (): Target[] => [first, first, first]],
    ['two API instances on one store', (): Target[] => [first, second, first]],
  ])('creating a need: %s', async (label, servers) => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const key = `declare-${label}-${round}`;
      const answers = await Promise.all(
        servers()
          .slice(0, AT_ONCE)
          .map((server) => send(server, DECLARE, { input: needInput(`Detectors ${round}`), key }, member).then((data) => data.declareNeed)),
      );
      expectOneResult(answers);
      expect(new Set(answers.map((answer) => answer.need.id)).size).toBe(1);
      // The log itself: one NeedDeclared on the need's stream.
      const events = await eventsOf(`need-${answers[0].need.id}`);
      expect(events.map((event) => event.type)).toEqual(['NeedDeclared']);
    }
  }, RACE_TIMEOUT_MS);

  it.each([
    ['one API instance', (): Target[] => [first, first, first]],
    ['two API instances on one store', (): Target[] => [second, first, second]],
  ])('changing an existing aggregate: %s', async (label, servers) => {
    const before = (await eventsOf(`organisation-${ORGANISATION}`)).length;
    for (let round = 0; round < ROUNDS; round += 1) {
      const key = `rename-${label}-${round}`;
      const name = `Muitinės departamentas (${label} ${round})`;
      const answers = await Promise.all(
        servers()
          .slice(0, AT_ONCE)
          .map((server) => send(server, RENAME, { id: ORGANISATION, name, key }, admin).then((data) => data.renameOrganisation)),
      );
      expectOneResult(answers);
      const events = await eventsOf(`organisation-${ORGANISATION}`);
      expect(events.length).toBe(before + round + 1);
      expect(events.filter((event) => event.metadata['idempotencyKey'] === key)).toHaveLength(1);
    }
  }, RACE_TIMEOUT_MS);
});
