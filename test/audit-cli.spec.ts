import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Progress } from '../apps/cli/src/progress.js';
import { buildCli, concord, type Run } from './support/concord-cli.js';
import { ConcordServer } from './support/concord-server.js';

/**
 * The audit, projection and token commands of the compiled `concord` CLI, run as child
 * processes on the data directory of a running API, the way an operator runs them.
 */

/** Each test runs the compiled CLI several times; on a loaded machine a run takes seconds. */
jest.setTimeout(120_000);

const RENAME = `mutation($id: ID!, $name: String!) { renameOrganisation(id: $id, name: $name) { version organisation { name } } }`;
const ERASE = `mutation($id: ID!) { eraseMemberPersonalData(memberId: $id) { version } }`;
/** What a client reads, spanning several read-model tables. */
const READ = `{ organisations(first: 500) { totalCount edges { node { id name country kind active version members { id displayName country erased version } } } } }`;

describe('concord audit, projections and token commands', () => {
  let dataDir: string;
  let server: ConcordServer;
  let admin: string;
  let renamed: string;
  let renamedAt: string;

  beforeAll(async () => {
    await buildCli();
    dataDir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
    const seeded = await concord(dataDir, 'seed');
    expect(seeded).toMatchObject({ code: 0 });
    server = await ConcordServer.start({ dataDir });
    admin = await server.adminToken();
    // Some history of the API's own on top of the seed: renames, and an erasure.
    const organisations = (await server.ok<any>(READ, {}, admin)).organisations.edges.map((edge: any) => edge.node);
    renamed = organisations[0].id;
    for (const name of ['Renamed once', 'Renamed twice']) await server.ok(RENAME, { id: renamed, name }, admin);
    const erased = organisations.find((organisation: any) => organisation.members.length > 0).members[0].id;
    await server.ok(ERASE, { id: erased }, admin);
    const events = await server.runtime.store.readStream(`organisation-${renamed}`);
    renamedAt = String(events[1]!.metadata['recordedAt']);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function exportTo(file: string, ...options: string[]): Promise<Run> {
    const run = await concord(dataDir, 'audit', 'export', ...options);
    writeFileSync(file, run.stdout);
    return run;
  }

  it('export writes one complete event per line; verify of the export passes; so does verify of the live store', async () => {
    const file = join(dataDir, 'log.jsonl');
    const exported = await exportTo(file);
    expect(exported.code).toBe(0);
    const stored = await server.runtime.store.readAll();
    const lines = exported.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(stored.map((event) => event.id));
    expect(lines[0]).toEqual({
      streamId: stored[0]!.streamId,
      revision: 0,
      position: stored[0]!.position,
      id: stored[0]!.id,
      type: stored[0]!.type,
      data: stored[0]!.data,
      metadata: stored[0]!.metadata,
      recordedAt: stored[0]!.recordedAt,
    });
    // Not a terminal: a plain summary line on stderr, and stdout is the JSONL alone.
    expect(exported.stderr).toContain(`export: ${stored.length} events exported`);
    expect(exported.stderr).not.toContain('\r');

    const verified = await concord(dataDir, 'audit', 'verify', '--file', file);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^valid: \\d+ streams, ${stored.length} events`)) });
    const live = await concord(dataDir, 'audit', 'verify');
    expect(live).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^valid: \\d+ streams, ${stored.length} events`)) });
    const one = await concord(dataDir, 'audit', 'verify', '--stream', `organisation-${renamed}`);
    expect(one).toMatchObject({ code: 0, stdout: expect.stringMatching(/^valid: 1 streams, 3 events/) });
    const typo = await concord(dataDir, 'audit', 'verify', '--stream', 'organisation-nobody');
    expect(typo).toMatchObject({ code: 1, stderr: expect.stringContaining('no event of stream organisation-nobody') });
  });

  it('the export with one byte changed fails, naming the event and its line', async () => {
    const file = join(dataDir, 'changed.jsonl');
    await exportTo(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes('"type":"OrganisationRegistered"'));
    const target = JSON.parse(lines[index]!) as { streamId: string; revision: number; id: string };
    const at = lines[index]!.indexOf('"name":"') + '"name":"'.length;
    const byte = lines[index]![at] === 'X' ? 'Y' : 'X';
    lines[index] = `${lines[index]!.slice(0, at)}${byte}${lines[index]!.slice(at + 1)}`;
    writeFileSync(file, lines.join('\n'));

    const verified = await concord(dataDir, 'audit', 'verify', '--file', file);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`first bad event: ${target.streamId} revision ${target.revision} (event ${target.id}`);
    expect(verified.stdout).toContain(`line ${index + 1})`);
    expect(verified.stdout).toMatch(/kind: altered/);

    writeFileSync(file, lines.map((line, i) => (i === index ? line.slice(0, 30) : line)).join('\n'));
    const unreadable = await concord(dataDir, 'audit', 'verify', '--file', file);
    expect(unreadable).toMatchObject({ code: 1, stdout: expect.stringContaining(`INVALID: line ${index + 1} is not an exported event`) });
  });

  it('the export with the actor of one event edited, and nothing else, fails as envelope-altered, naming the event and its line', async () => {
    const file = join(dataDir, 'actor-edited.jsonl');
    await exportTo(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes(`"streamId":"organisation-${renamed}"`) && line.includes('"revision":1,'));
    const target = JSON.parse(lines[index]!) as { streamId: string; revision: number; id: string; metadata: { actor: { subject: string } } };
    const subject = `"subject":${JSON.stringify(target.metadata.actor.subject)}`;
    expect(lines[index]!.split(subject)).toHaveLength(2);
    lines[index] = lines[index]!.replace(subject, '"subject":"mallory"');
    writeFileSync(file, lines.join('\n'));

    const verified = await concord(dataDir, 'audit', 'verify', '--file', file);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(`first bad event: ${target.streamId} revision 1 (event ${target.id}`);
    expect(verified.stdout).toContain(`line ${index + 1})`);
    expect(verified.stdout).toMatch(/kind: envelope-altered/);
    expect(verified.stdout).toMatch(/reason: .*does not match its envelopeHash/);
  });

  it('a partial export verifies with its streams anchored mid-stream; --strict refuses it', async () => {
    const file = join(dataDir, 'partial.jsonl');
    const exported = await exportTo(file, '--stream-prefix', 'organisation-', '--from', renamedAt);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.streamId, line.revision])).toEqual([
      [`organisation-${renamed}`, 1],
      [`organisation-${renamed}`, 2],
    ]);
    const verified = await concord(dataDir, 'audit', 'verify', '--file', file);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining('note: 1 streams start in mid-stream') });
    const strict = await concord(dataDir, 'audit', 'verify', '--file', file, '--strict');
    expect(strict).toMatchObject({ code: 1, stdout: expect.stringMatching(/kind: missing/) });
  });

  it('export --to leaves out the events recorded at or after it; with --from it exports a window', async () => {
    const history = await server.runtime.store.readStream(`organisation-${renamed}`);
    const secondRenameAt = String(history[2]!.metadata['recordedAt']);
    expect(Date.parse(secondRenameAt)).toBeGreaterThan(Date.parse(renamedAt));
    const recordedAt = (event: { metadata: Record<string, unknown>; recordedAt: string }) => Date.parse(String(event.metadata['recordedAt'] ?? event.recordedAt));
    const stored = await server.runtime.store.readAll();
    const lines = (run: Run) => run.stdout.trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line));

    const upTo = await exportTo(join(dataDir, 'up-to.jsonl'), '--to', renamedAt);
    expect(upTo.code).toBe(0);
    const before = lines(upTo);
    expect(before.map((line) => line.id)).toEqual(stored.filter((event) => recordedAt(event) < Date.parse(renamedAt)).map((event) => event.id));
    // The seeded registration is before --to; the first rename, recorded at --to, and the second are not.
    expect(before.filter((line) => line.streamId === `organisation-${renamed}`).map((line) => [line.revision, line.type])).toEqual([[0, 'OrganisationRegistered']]);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(stored.length);

    const window = lines(await exportTo(join(dataDir, 'window.jsonl'), '--stream-prefix', `organisation-${renamed}`, '--from', renamedAt, '--to', secondRenameAt));
    expect(window.map((line) => [line.revision, line.data.name])).toEqual([[1, 'Renamed once']]);
    expect(await concord(dataDir, 'audit', 'export', '--from', secondRenameAt, '--to', renamedAt)).toMatchObject({ code: 2, stderr: expect.stringContaining('--to must be after --from') });
  });

  it('replay --check passes on the seeded store', async () => {
    const checked = await concord(dataDir, 'audit', 'replay', '--check');
    expect(checked).toMatchObject({ code: 0, stdout: expect.stringMatching(/^no difference: the replay equals the live read models \(\d+ tables, \d+ live rows\)/) });
    expect(checked.stderr).toMatch(/replay: \d+ events replayed up to position \d+/);
  });

  it('projections rebuild while clients keep querying and writing: nothing fails, nothing goes back in time, the data is the same after', async () => {
    const others = (data: any) => data.organisations.edges.filter((edge: any) => edge.node.id !== renamed);
    const versionOf = (data: any) => data.organisations.edges.find((edge: any) => edge.node.id === renamed).node.version as number;
    const before = await server.ok<any>(READ, {}, admin);
    const oldFile = server.runtime.readModels.currentFile;
    const failures: unknown[] = [];
    let queries = 0;
    let writes = 0;
    let stop = false;
    const reader = async () => {
      let seen = versionOf(before);
      while (!stop) {
        const result = await server.graphql<any>(READ, {}, admin);
        queries += 1;
        if (result.errors || !result.data) failures.push(result.errors ?? 'no data');
        else if (JSON.stringify(others(result.data)) !== JSON.stringify(others(before))) failures.push({ differs: result.data });
        else if (versionOf(result.data) < seen) failures.push({ wentBack: { from: seen, to: versionOf(result.data) } });
        else seen = versionOf(result.data);
      }
    };
    // A writer too: its events land in the old file after the rebuild read the log, and must
    // not be lost or undone when the API adopts the rebuilt file.
    const writer = async () => {
      while (!stop) {
        const result = await server.graphql<any>(RENAME, { id: renamed, name: `Written ${writes}` }, admin);
        if (result.errors || !result.data) failures.push({ write: result.errors });
        writes += 1;
      }
    };
    const clients = [reader(), reader(), writer()];
    try {
      const rebuilt = await concord(dataDir, 'projections', 'rebuild');
      expect(rebuilt).toMatchObject({ code: 0, stdout: expect.stringMatching(/^rebuilt the read models into read-models-.*\.db/) });
      await until(() => server.runtime.readModels.currentFile !== oldFile, 'the API adopted the rebuilt file');
      const adoptedAt = { queries, writes };
      await until(() => queries >= adoptedAt.queries + 20 && writes >= adoptedAt.writes + 5, 'clients used the adopted file');
    } finally {
      stop = true;
      await Promise.all(clients);
    }
    expect(failures).toEqual([]);
    expect(existsSync(oldFile)).toBe(false);
    const after = await server.ok<any>(READ, {}, admin);
    expect(others(after)).toEqual(others(before));
    const stream = await server.runtime.store.readStream(`organisation-${renamed}`);
    expect(versionOf(after)).toBe(stream.length);
    expect(after.organisations.edges.find((edge: any) => edge.node.id === renamed).node.name).toBe(`Written ${writes - 1}`);
  });

  it('replay --check prints a row of the live read models that the replay does not produce, and a rebuild repairs it', async () => {
    const live = new Database(server.runtime.readModels.currentFile);
    live.pragma('busy_timeout = 5000');
    const { name } = live.prepare('SELECT name FROM organisations WHERE id = ?').get(renamed) as { name: string };
    live.prepare(`UPDATE organisations SET name = 'Tampered in the read model' WHERE id = ?`).run(renamed);
    live.close();

    const checked = await concord(dataDir, 'audit', 'replay', '--check');
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('DIFFERENT: the replay does not equal the live read models');
    expect(checked.stdout).toContain(`organisations id=${renamed}: name: live "Tampered in the read model", replay ${JSON.stringify(name)}`);

    const oldFile = server.runtime.readModels.currentFile;
    expect((await concord(dataDir, 'projections', 'rebuild')).code).toBe(0);
    await until(() => server.runtime.readModels.currentFile !== oldFile, 'the API adopted the rebuilt file');
    const organisation = await server.ok<any>(`query($id: ID!) { organisation(id: $id) { name } }`, { id: renamed }, admin);
    expect(organisation.organisation.name).toBe(name);
    expect(await concord(dataDir, 'audit', 'replay', '--check')).toMatchObject({ code: 0 });
  });

  it('refuses what it cannot do, with its usage', async () => {
    expect(await concord(dataDir, 'audit', 'replay')).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --check') });
    expect(await concord(dataDir, 'audit', 'export', '--from', 'yesterday')).toMatchObject({ code: 2, stderr: expect.stringContaining('--from yesterday') });
    expect(await concord(dataDir, 'audit', 'verify', '--file', join(dataDir, 'missing.jsonl'))).toMatchObject({ code: 1, stderr: expect.stringContaining('ENOENT') });
  });

  describe('concord token', () => {
    const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version organisation { id } } }`;
    /** The claims of a JWT, read without verifying it. */
    const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

    it('prints a token the API on the same data dir accepts, for the subject and role asked, valid for the ttl asked', async () => {
      const notBefore = Math.floor(Date.now() / 1000);
      const issued = await concord(dataDir, 'token', '--sub', 'ops-admin', '--role', 'ADMIN', '--ttl', '5m');
      const notAfter = Math.ceil(Date.now() / 1000);
      expect(issued).toMatchObject({ code: 0, stderr: '' });
      expect(issued.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const token = issued.stdout.trim();
      const payload = claims(token);
      expect(payload).toMatchObject({ sub: 'ops-admin', roles: ['ADMIN'] });
      // Five minutes from when it was issued, and it was issued while the command ran.
      expect(Number(payload['exp']) - Number(payload['iat'])).toBe(300);
      expect(Number(payload['iat'])).toBeGreaterThanOrEqual(notBefore);
      expect(Number(payload['iat'])).toBeLessThanOrEqual(notAfter);

      const registered = await server.graphql<any>(REGISTER, { input: { name: 'Europol liaison', country: 'NL', kind: 'LAW_ENFORCEMENT' } }, token);
      expect(registered.errors).toBeUndefined();
      expect(registered.data!.registerOrganisation.version).toBe(1);
      expect((await server.ok<any>(`{ myRoles }`, {}, token)).myRoles).toEqual(['ADMIN']);
    });

    it('signs with the secret of the data dir it is pointed at: a token of another data dir is refused', async () => {
      const elsewhere = mkdtempSync(join(tmpdir(), 'concord-cli-other-'));
      try {
        const issued = await concord(elsewhere, 'token', '--sub', 'ops-admin', '--role', 'ADMIN', '--ttl', '5m');
        expect(issued.code).toBe(0);
        const refused = await server.graphql(REGISTER, { input: { name: 'Forged', country: 'NL', kind: 'OTHER' } }, issued.stdout.trim());
        expect(refused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('refuses an unknown role, a missing subject and a ttl that is not a duration, with exit code 2 and its usage', async () => {
      const pirate = await concord(dataDir, 'token', '--sub', 'ops-admin', '--role', 'PIRATE');
      expect(pirate).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('unknown role PIRATE; roles are ADMIN, AUDITOR') });
      const anonymous = await concord(dataDir, 'token', '--role', 'ADMIN');
      expect(anonymous).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('concord token needs --sub ID') });
      const banana = await concord(dataDir, 'token', '--sub', 'ops-admin', '--ttl', 'banana');
      expect(banana).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--ttl banana is not a duration') });
      const forever = await concord(dataDir, 'token', '--sub', 'ops-admin', '--ttl', '5200w');
      expect(forever).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('longer than the 86400 seconds') });
      for (const refused of [pirate, anonymous, banana]) expect(refused.stderr).toContain('concord token --sub ID');
    });
  });
});

describe('progress', () => {
  const sink = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (text: string) => written.push(text) } };
  };

  it('draws a bar redrawn in place on a terminal', () => {
    const { written, stream } = sink(true);
    const progress = new Progress('export', 4, stream);
    for (let i = 0; i < 4; i += 1) progress.advance();
    progress.finish('4 events exported');
    const text = written.join('');
    expect(text).toContain(`\rexport ${'█'.repeat(15)}${'░'.repeat(15)}  50.0% 2/4 events`);
    expect(text).toContain(`\rexport ${'█'.repeat(30)} 100.0% 4/4 events\n`);
    expect(text.endsWith('export: 4 events exported\n')).toBe(true);
  });

  it('writes plain lines when the stream is not a terminal', () => {
    const { written, stream } = sink(false);
    const progress = new Progress('verify', undefined, stream);
    progress.advance(999);
    progress.advance(1);
    progress.advance(1500);
    progress.finish('2500 events read');
    expect(written).toEqual(['verify: 1000 events\n', 'verify: 2500 events\n', 'verify: 2500 events read\n']);
  });
});

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
