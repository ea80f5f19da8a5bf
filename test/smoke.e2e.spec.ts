import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConcordServer, codeOf } from './support/concord-server.js';

describe('API smoke', () => {
  let server: ConcordServer;
  beforeAll(async () => {
    server = await ConcordServer.start();
  });
  afterAll(async () => {
    await server.stop();
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
  });
});
