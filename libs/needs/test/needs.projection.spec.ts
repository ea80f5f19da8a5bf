import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { EventCodec, PersonalDataCipher, newId } from '#kernel';
import { SqliteKeyStore } from '#key-store';
import { ProjectionRunner, ReadModelDatabase } from '#projections';
import { networkContext } from '#network';
import { needsContext } from '#needs';
import { NeedsQueries } from '../src/read-model/needs.queries.js';
import { needDetails } from './support/need-details.js';

/** The needs projection fed by a real SQLite event store, including the buyer-groups' pooling facts. */
describe('needs projection', () => {
  let dir: string;
  let store: SqliteEventStore;
  let keys: SqliteKeyStore;
  let readModels: ReadModelDatabase;
  let runner: ProjectionRunner;
  let queries: NeedsQueries;
  let clock = Date.parse('2026-01-05T09:00:00.000Z');

  const append = async (streamId: string, type: string, data: Record<string, unknown>) => {
    clock += 60_000;
    await store.append(streamId, [{ id: newId(), type, data, metadata: { recordedAt: new Date(clock).toISOString() } }]);
    await runner.catchUp(readModels.db);
  };
  const status = (...ids: string[]) =>
    Object.fromEntries(queries.needsByIds(ids).map((row) => [row.id, [row.status, row.buyer_group_id]]));
  const declare = (needId: string, organisationId: string, cpvCode = '35815100-1') =>
    append(
      `need-${needId}`,
      'NeedDeclared',
      needDetails({ needId, organisationId, title: `Vests ${needId}`, description: 'NIJ IIIA soft armour', cpvCode, quantity: 200, estimatedBudget: { amount: '150000.00', currency: 'EUR' } }),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-needs-projection-'));
    store = new SqliteEventStore({ file: join(dir, 'events.db') });
    keys = new SqliteKeyStore(join(dir, 'keys.db'));
    const codec = new EventCodec(new PersonalDataCipher(keys), networkContext.catalog, needsContext.catalog);
    const projections = [...networkContext.projections, ...needsContext.projections];
    readModels = ReadModelDatabase.open(join(dir, 'read-models'), projections);
    runner = new ProjectionRunner({ store, codec, readModels, projections, pointerCheckMs: 0 });
    queries = new NeedsQueries(() => readModels.db);

    await append('organisation-fr', 'OrganisationRegistered', { organisationId: 'fr', name: 'Police nationale', country: 'FR', kind: 'LAW_ENFORCEMENT' });
    await append('organisation-sk', 'OrganisationRegistered', { organisationId: 'sk', name: 'Policajný zbor', country: 'SK', kind: 'LAW_ENFORCEMENT' });
    for (const [need, organisation] of [['n1', 'fr'], ['n2', 'fr'], ['n3', 'sk'], ['n4', 'fr'], ['n5', 'sk']] as const) {
      await declare(need, organisation);
    }
    await append('need-n4', 'NeedWithdrawn', { needId: 'n4', reason: 'budget cut' });
  });

  afterAll(async () => {
    readModels.close();
    await keys.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records declarations with the organisation’s country, and amendments field by field', async () => {
    await append('need-n2', 'NeedAmended', {
      needId: 'n2',
      changes: { quantity: 250, estimatedBudget: { amount: '187500.50', currency: 'EUR' }, targetQuarter: '2028-Q1' },
      previous: { quantity: 200, estimatedBudget: { amount: '150000.00', currency: 'EUR' }, targetQuarter: '2027-Q3' },
    });
    expect(queries.need('n2')).toMatchObject({
      organisation_id: 'fr',
      country: 'FR',
      title: 'Vests n2',
      quantity: 250,
      budget_amount: '187500.50',
      budget_currency: 'EUR',
      target_quarter: '2028-Q1',
      target_year: 2028,
      status: 'OPEN',
      version: 2,
      declared_at: '2026-01-05T09:04:00.000Z',
      updated_at: new Date(clock).toISOString(),
    });
    expect(queries.need('n4')).toMatchObject({ status: 'WITHDRAWN', withdrawn_reason: 'budget cut', version: 2 });
  });

  const pooled = (needId: string, buyerGroupId: string, organisationId = 'fr') =>
    append(`need-${needId}`, 'NeedPooled', { needId, buyerGroupId, poolingEventId: `joined-${buyerGroupId}-${needId}`, organisationId });
  const released = (needId: string, buyerGroupId: string, reason = 'MEMBER_LEFT') =>
    append(`need-${needId}`, 'NeedReleased', { needId, buyerGroupId, poolingEventId: `joined-${buyerGroupId}-${needId}`, reason });

  it('a need is POOLED, with its group, once its own stream records it; the group events alone pool nothing', async () => {
    await append('buyer-group-bg1', 'BuyerGroupProposed', {
      buyerGroupId: 'bg1',
      name: 'Ballistic protection 2027',
      description: 'Joint purchase of vests',
      cpvCode: '35815100-1',
      proposingOrganisationId: 'fr',
      country: 'FR',
      needIds: ['n1', 'n5'],
    });
    expect(status('n1', 'n5')).toEqual({ n1: ['OPEN', null], n5: ['OPEN', null] });
    await pooled('n1', 'bg1');
    await pooled('n3', 'bg1', 'sk');
    await pooled('n2', 'bg2');
    expect(status('n1', 'n2', 'n3', 'n4', 'n5')).toEqual({
      n1: ['POOLED', 'bg1'],
      n2: ['POOLED', 'bg2'],
      n3: ['POOLED', 'bg1'],
      n4: ['WITHDRAWN', null],
      n5: ['OPEN', null],
    });
    // Pooling is an event of the need: its version follows its stream.
    expect(queries.need('n1')!.version).toBe(2);
  });

  it('a released need is OPEN again, and only that one', async () => {
    await released('n3', 'bg1');
    expect(status('n1', 'n2', 'n3')).toEqual({ n1: ['POOLED', 'bg1'], n2: ['POOLED', 'bg2'], n3: ['OPEN', null] });
    await released('n1', 'bg1', 'GROUP_DISSOLVED');
    expect(status('n1', 'n2', 'n3', 'n4', 'n5')).toEqual({
      n1: ['OPEN', null],
      n2: ['POOLED', 'bg2'],
      n3: ['OPEN', null],
      n4: ['WITHDRAWN', null],
      n5: ['OPEN', null],
    });
  });

  it('keeps the counts by status that totalCount answers from, through declarations, withdrawals and pooling', async () => {
    const db = readModels.db;
    const counted = db.prepare('SELECT status, COUNT(*) AS n FROM needs GROUP BY status ORDER BY status').all();
    const kept = db.prepare('SELECT status, n FROM needs_totals WHERE n > 0 ORDER BY status').all();
    expect(kept).toEqual(counted);
    expect(counted.length).toBeGreaterThan(1);
    const all = (db.prepare('SELECT COUNT(*) AS n FROM needs').get() as { n: number }).n;
    expect(queries.needs(null, { first: 1 }).totalCount).toBe(all);
    expect(queries.needs({ status: 'WITHDRAWN' }, { first: 1 }).totalCount).toBe(
      (db.prepare(`SELECT COUNT(*) AS n FROM needs WHERE status = 'WITHDRAWN'`).get() as { n: number }).n,
    );
    // Another condition counts the rows themselves.
    expect(queries.needs({ country: 'SK' }, { first: 1 }).totalCount).toBe(
      (db.prepare(`SELECT COUNT(*) AS n FROM needs WHERE organisation_id = 'sk'`).get() as { n: number }).n,
    );
  });

  it('counts once, when it opens, a file made before the counts were kept', async () => {
    const db = readModels.db;
    db.exec('DELETE FROM needs_totals');
    db.exec(needsContext.projections.find((p) => p.name === 'needs')!.schema);
    expect(db.prepare('SELECT status, n FROM needs_totals ORDER BY status').all()).toEqual(
      db.prepare('SELECT status, COUNT(*) AS n FROM needs GROUP BY status ORDER BY status').all(),
    );
  });

  it('rebuilds into the same rows from the log', async () => {
    const before = readModels.db.prepare('SELECT * FROM needs ORDER BY id').all();
    const fresh = readModels.createFresh();
    await runner.catchUp(fresh.db);
    expect(fresh.db.prepare('SELECT * FROM needs ORDER BY id').all()).toEqual(before);
    fresh.db.close();
  });
});
