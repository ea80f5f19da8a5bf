import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../libs/event-store/src/index.js';
import { buildApiChild, startApiProcess } from './support/api-process.js';
import { ConcordServer, TEST_EVENT_STORE } from './support/concord-server.js';
import {
  GROUP,
  JOIN,
  LEAVE,
  LEAVE_NETWORK,
  NEED,
  PROPOSE,
  call,
  declareDetectors,
  groupInput,
  ok,
  registerProcurers,
  until,
} from './support/procurers.js';

/**
 * A change spanning several streams, cut short by SIGKILL between its two appends (the API
 * runs in a child process that stalls right after the first one), then an API restarted on the
 * same data: the needs, the groups and the network agree again, as the log itself shows.
 */
// Building and starting API processes, and many rounds of requests, take longer than a unit test on 2 busy cores.
jest.setTimeout(180_000);

describe('SIGKILL between the two appends of a change spanning streams, then a restart', () => {
  let dataDir: string;
  let build: string;
  let script: string;
  let server: ConcordServer | undefined;
  /** On EventStoreDB (one in-memory server per data dir), keeps the data dir's server alive across restarts. */
  let keeper: ConcordServer | undefined;
  let admin: string;
  const token: Record<string, string> = {};

  /** The restarted API takes anything unfinished for interrupted at once. */
  const restart = async () => {
    server = await ConcordServer.start({ dataDir, env: { CONCORD_UNFINISHED_CHANGE_GRACE_MS: '0' } });
    return server;
  };
  const stop = async () => {
    await server?.stop({ keepData: true });
    server = undefined;
  };
  const stream = (id: string): Promise<RecordedEvent[]> => server!.runtime.store.readStream(id);
  const types = async (id: string) => (await stream(id)).map((event) => event.type);

  /** Sends `query` to an API child that stalls after appending `stallAfter`, and SIGKILLs it there. */
  async function killedAfter(stallAfter: string, query: string, variables: Record<string, unknown>, as: string): Promise<void> {
    const child = await startApiProcess(script, dataDir, 'stall-after', {}, [stallAfter]);
    const sent = call(child, query, variables, as).catch(() => undefined);
    await child.printed(new RegExp(`^appended ${stallAfter} `));
    await child.kill();
    await sent;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'concord-crash-e2e-'));
    build = mkdtempSync(join(tmpdir(), 'concord-api-child-'));
    script = buildApiChild(build);
    if (TEST_EVENT_STORE === 'eventstoredb') keeper = await ConcordServer.start({ dataDir });
    const first = await restart();
    admin = await first.adminToken();
    await registerProcurers(first, admin);
    for (const member of ['camille', 'peter', 'ivana']) token[member] = await first.token(member);
    await stop();
  });

  afterAll(async () => {
    await stop();
    await keeper?.stop({ keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  });

  it('a need pooled for a group that was never proposed is released after the restart, and may be pooled again', async () => {
    let api = await restart();
    const need = await declareDetectors(api, token['camille']!, 'fr-police');
    await stop();

    await killedAfter('NeedPooled', PROPOSE, { input: groupInput('ebg-crashed', 'fr-police', [need]) }, token['camille']!);

    api = await restart();
    await until(async () => (await types(`need-${need}`)).length === 3, 'the recovery released the need');
    const events = await stream(`need-${need}`);
    expect(events.map((event) => event.type)).toEqual(['NeedDeclared', 'NeedPooled', 'NeedReleased']);
    expect(events[1]!.data).toMatchObject({ buyerGroupId: 'ebg-crashed' });
    expect(events[2]!.data).toMatchObject({ buyerGroupId: 'ebg-crashed', reason: 'POOLING_NOT_COMPLETED' });
    // Caused by the pooling it undoes; the group was never proposed.
    expect(events[2]!.metadata['causationId']).toBe(events[1]!.id);
    expect(await stream('buyer-group-ebg-crashed')).toEqual([]);
    const read = (await ok(api, NEED, { id: need }, admin)).need;
    expect(read).toMatchObject({ status: 'OPEN', buyerGroup: null });

    const proposed = (await ok(api, PROPOSE, { input: groupInput('ebg-after-crash', 'fr-police', [need]) }, token['camille']!)).proposeBuyerGroup;
    expect(proposed.buyerGroup.members[0].needs).toEqual([{ id: need, status: 'POOLED' }]);
    expect((await ok(api, NEED, { id: need }, admin)).need).toMatchObject({ status: 'POOLED', buyerGroup: { id: 'ebg-after-crash' } });
    await stop();
  });

  it('a need its organisation took out of a group is released after the restart', async () => {
    let api = await restart();
    const frNeed = await declareDetectors(api, token['camille']!, 'fr-police');
    const skNeed = await declareDetectors(api, token['peter']!, 'sk-border');
    await ok(api, PROPOSE, { input: groupInput('ebg-left', 'fr-police', [frNeed]) }, token['camille']!);
    await ok(api, JOIN, { id: 'ebg-left', org: 'sk-border', needIds: [skNeed] }, token['peter']!);
    await stop();

    await killedAfter('OrganisationLeftBuyerGroup', LEAVE, { id: 'ebg-left', org: 'sk-border', reason: 'Budget moved' }, token['peter']!);

    api = await restart();
    await until(async () => (await types(`need-${skNeed}`)).at(-1) === 'NeedReleased', 'the recovery released the need');
    const left = (await stream('buyer-group-ebg-left')).find((event) => event.type === 'OrganisationLeftBuyerGroup')!;
    const released = (await stream(`need-${skNeed}`)).at(-1)!;
    expect(released.data).toMatchObject({ buyerGroupId: 'ebg-left', reason: 'MEMBER_LEFT' });
    expect(released.metadata['causationId']).toBe(left.id);
    expect((await ok(api, NEED, { id: skNeed }, admin)).need).toMatchObject({ status: 'OPEN', buyerGroup: null });
    expect((await ok(api, NEED, { id: frNeed }, admin)).need).toMatchObject({ status: 'POOLED', buyerGroup: { id: 'ebg-left' } });
    await stop();
  });

  it('an organisation that left the network leaves its groups after the restart', async () => {
    let api = await restart();
    const bgNeed = await declareDetectors(api, token['ivana']!, 'bg-mvr');
    await ok(api, PROPOSE, { input: groupInput('ebg-bulgaria-alone', 'bg-mvr', [bgNeed]) }, token['ivana']!);
    await ok(api, JOIN, { id: 'ebg-after-crash', org: 'bg-mvr', needIds: [] }, token['ivana']!);
    await stop();

    await killedAfter('OrganisationLeftNetwork', LEAVE_NETWORK, { id: 'bg-mvr', reason: 'Merged into the ministry' }, admin);

    api = await restart();
    const leftNetwork = (await stream('organisation-bg-mvr')).at(-1)!;
    expect(leftNetwork.type).toBe('OrganisationLeftNetwork');
    await until(async () => (await types('buyer-group-ebg-bulgaria-alone')).includes('BuyerGroupDissolved'), 'the lone group was dissolved');
    await until(async () => (await types('buyer-group-ebg-after-crash')).includes('OrganisationLeftBuyerGroup'), 'it left the other group');
    const dissolved = (await stream('buyer-group-ebg-bulgaria-alone')).at(-1)!;
    expect(dissolved.metadata['causationId']).toBe(leftNetwork.id);
    const leftGroup = (await stream('buyer-group-ebg-after-crash')).find((event) => event.type === 'OrganisationLeftBuyerGroup')!;
    expect(leftGroup.metadata['causationId']).toBe(leftNetwork.id);
    await until(async () => (await types(`need-${bgNeed}`)).at(-1) === 'NeedReleased', 'its need was released');
    expect((await stream(`need-${bgNeed}`)).at(-1)!.metadata['causationId']).toBe(dissolved.id);
    const group = (await ok(api, GROUP, { id: 'ebg-after-crash' }, admin)).buyerGroup;
    expect(group.members.map((member: any) => member.organisation.id)).toEqual(['fr-police']);
  });
});
