import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConcordServer, codeOf } from './support/concord-server.js';

/** renameTopicalGroup, the command README's "Adding a command" walks through, end to end. */

const CREATE = `mutation($input: CreateTopicalGroupInput!) { createTopicalGroup(input: $input) { topicalGroup { id } } }`;
const RENAME = `mutation($id: ID!, $name: String!, $v: Int, $key: String) {
  renameTopicalGroup(id: $id, name: $name, expectedVersion: $v, idempotencyKey: $key) { version position topicalGroup { id name version } } }`;
const GET = `query($id: ID!, $asOf: DateTime) { topicalGroup(id: $id, asOf: $asOf) { name version } }`;
const HISTORY = `query($s: String!) { streamHistory(streamId: $s) { edges { node { type } } } }`;

describe('renaming a topical group', () => {
  let server: ConcordServer;
  let admin: string;
  let auditor: string;
  let member: string;
  let groupId: string;

  beforeAll(async () => {
    server = await ConcordServer.start();
    admin = await server.adminToken();
    auditor = await server.token('auditor', ['AUDITOR']);
    await server.ok(
      `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { member { id } } }`,
      { input: { id: 'anna-de', displayName: 'Anna Schmidt', email: 'anna@example.eu', country: 'DE' } },
      admin,
    );
    member = await server.token('anna-de');
    const input = { name: 'UAV procurement', topic: 'Drones', description: 'Counter-UAS and surveillance drones' };
    groupId = (await server.ok<any>(CREATE, { input }, admin)).createTopicalGroup.topicalGroup.id;
  });

  afterAll(async () => {
    await server.stop();
  });

  it('an ADMIN renames it; the read model, time travel and the stream all show it', async () => {
    const before = new Date().toISOString();
    const renamed = (await server.ok<any>(RENAME, { id: groupId, name: '  UAV and counter-UAS  ', v: 1 }, admin)).renameTopicalGroup;
    expect(renamed).toMatchObject({ version: 2, topicalGroup: { id: groupId, name: 'UAV and counter-UAS', version: 2 } });
    expect((await server.ok<any>(GET, { id: groupId }, member)).topicalGroup).toEqual({ name: 'UAV and counter-UAS', version: 2 });
    expect((await server.ok<any>(GET, { id: groupId, asOf: before }, auditor)).topicalGroup).toEqual({ name: 'UAV procurement', version: 1 });
    const history = (await server.ok<any>(HISTORY, { s: `topical-group-${groupId}` }, auditor)).streamHistory.edges.map((edge: { node: unknown }) => edge.node);
    expect(history.map((event: { type: string }) => event.type)).toEqual(['TopicalGroupCreated', 'TopicalGroupRenamed']);
  });

  it('the name it already has records nothing', async () => {
    const again = (await server.ok<any>(RENAME, { id: groupId, name: 'UAV and counter-UAS' }, admin)).renameTopicalGroup;
    expect(again).toMatchObject({ version: 2, topicalGroup: { name: 'UAV and counter-UAS' } });
  });

  it('refuses anyone but an ADMIN, an unknown group, an empty name and a stale version, recording nothing', async () => {
    expect(codeOf(await server.graphql(RENAME, { id: groupId, name: 'Drones' }, member))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(RENAME, { id: 'no-such-group', name: 'Drones' }, admin))).toBe('NOT_FOUND');
    expect(codeOf(await server.graphql(RENAME, { id: groupId, name: '   ' }, admin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.graphql(RENAME, { id: groupId, name: 'Drones', v: 1 }, admin))).toBe('CONFLICT');
    expect((await server.ok<any>(GET, { id: groupId }, admin)).topicalGroup).toEqual({ name: 'UAV and counter-UAS', version: 2 });
  });

  it('a retry with the same idempotency key answers the first result', async () => {
    const first = (await server.ok<any>(RENAME, { id: groupId, name: 'Drones', key: 'rename-1' }, admin)).renameTopicalGroup;
    const retry = (await server.ok<any>(RENAME, { id: groupId, name: 'Drones', key: 'rename-1' }, admin)).renameTopicalGroup;
    expect(retry).toEqual(first);
    expect(first.version).toBe(3);
  });
});
