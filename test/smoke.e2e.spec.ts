import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ConcordServer, codeOf } from './support/concord-server.js';

describe('API smoke', () => {
  let server: ConcordServer;
  beforeAll(async () => {
    server = await ConcordServer.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves liveness and readiness', async () => {
    const live = await fetch(`${server.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', eventStore: { kind: 'sqlite', reachable: true }, projections: { caughtUp: true } });
  });

  it('is not ready while the read models lag behind the store', async () => {
    const { runner, store } = server.runtime;
    await runner.stop();
    const appended = await store.append('probe-1', [{ id: randomUUID(), type: 'ProbeRecorded', data: {} }]);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(503);
    runner.start();
    await runner.waitFor(appended.position);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
  });

  it('registers an organisation and reads it back', async () => {
    const admin = await server.adminToken();
    const created = await server.ok<any>(
      `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version position organisation { id name country kind active version members { id } } } }`,
      { input: { name: 'Ministère de l’Intérieur', country: 'FR', kind: 'MINISTRY' } },
      admin,
    );
    expect(created.registerOrganisation.organisation).toMatchObject({ name: 'Ministère de l’Intérieur', country: 'FR', version: 1 });
    const listed = await server.ok<any>(`{ organisations { totalCount edges { node { name } } } }`, {}, admin);
    expect(listed.organisations.totalCount).toBe(1);
    expect(codeOf(await server.graphql(`{ organisations { totalCount } }`))).toBe('UNAUTHENTICATED');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('concord_graphql_operations_total{operation="mutation",outcome="OK"} 1');
    expect(metrics).toContain('concord_graphql_operations_total{operation="query",outcome="UNAUTHENTICATED"} 1');
    expect(metrics).toContain('concord_projections_caught_up 1');
  });
});
