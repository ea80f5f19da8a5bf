import { projectionOf, prepared } from '#projections';
import type { NeedDetails, NeedEvent } from '../domain/need.js';
import { targetYearOf } from '../domain/target-quarter.js';

/** Columns of each amendable field: a change to a field rewrites exactly these. */
const COLUMNS: { [K in keyof NeedDetails]: (value: NeedDetails[K]) => Record<string, unknown> } = {
  title: (value) => ({ title: value }),
  description: (value) => ({ description: value }),
  cpvCode: (value) => ({ cpv_code: value }),
  quantity: (value) => ({ quantity: value }),
  unit: (value) => ({ unit: value }),
  estimatedBudget: (value) => ({ budget_amount: value.amount, budget_currency: value.currency }),
  targetQuarter: (value) => ({ target_quarter: value, target_year: targetYearOf(value) }),
  approach: (value) => ({ approach: value }),
  openToJointProcurement: (value) => ({ open_to_joint_procurement: value ? 1 : 0 }),
};

export const needsProjection = projectionOf<NeedEvent>({
  name: 'needs',
  schema: `
    CREATE TABLE IF NOT EXISTS needs (
      id TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      cpv_code TEXT NOT NULL,
      quantity INTEGER NOT NULL,
      unit TEXT NOT NULL,
      budget_amount TEXT NOT NULL,
      budget_currency TEXT NOT NULL,
      target_quarter TEXT NOT NULL,
      target_year INTEGER NOT NULL,
      approach TEXT NOT NULL,
      open_to_joint_procurement INTEGER NOT NULL,
      status TEXT NOT NULL,
      buyer_group_id TEXT,
      withdrawn_reason TEXT,
      declared_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      version INTEGER NOT NULL
    ) STRICT;
    -- Needs by status, kept with every change to needs, so a count costs the same at any size.
    CREATE TABLE IF NOT EXISTS needs_totals (status TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT, WITHOUT ROWID;
    -- A file made before the totals existed is counted once.
    INSERT INTO needs_totals (status, n)
      SELECT status, COUNT(*) FROM needs WHERE NOT EXISTS (SELECT 1 FROM needs_totals) GROUP BY status;
    CREATE TRIGGER IF NOT EXISTS needs_totals_on_insert AFTER INSERT ON needs BEGIN
      INSERT INTO needs_totals (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER IF NOT EXISTS needs_totals_on_delete AFTER DELETE ON needs BEGIN
      UPDATE needs_totals SET n = n - 1 WHERE status = OLD.status;
    END;
    CREATE TRIGGER IF NOT EXISTS needs_totals_on_status AFTER UPDATE OF status ON needs WHEN OLD.status IS NOT NEW.status BEGIN
      UPDATE needs_totals SET n = n - 1 WHERE status = OLD.status;
      INSERT INTO needs_totals (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
    END;
  `,
  // Every event finds its need by id: the indexes serve the queries only.
  indexes: `
    CREATE INDEX IF NOT EXISTS needs_by_declaration ON needs (declared_at, id);
    CREATE INDEX IF NOT EXISTS needs_by_organisation ON needs (organisation_id, declared_at, id);
    CREATE INDEX IF NOT EXISTS needs_by_status_cpv ON needs (status, cpv_code);
    CREATE INDEX IF NOT EXISTS needs_by_buyer_group ON needs (buyer_group_id) WHERE buyer_group_id IS NOT NULL;
  `,

  on: {
    NeedDeclared: (db, { data: d, recordedAt: at, recorded }) => {
      prepared(db,
        `INSERT INTO needs (id, organisation_id, title, description, cpv_code, quantity, unit, budget_amount, budget_currency,
           target_quarter, target_year, approach, open_to_joint_procurement, status, declared_at, updated_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)`,
      ).run(
        d.needId,
        d.organisationId,
        d.title,
        d.description,
        d.cpvCode,
        d.quantity,
        d.unit,
        d.estimatedBudget.amount,
        d.estimatedBudget.currency,
        d.targetQuarter,
        targetYearOf(d.targetQuarter),
        d.approach,
        d.openToJointProcurement ? 1 : 0,
        at,
        at,
        recorded.revision + 1,
      );
    },
    NeedAmended: (db, { data: d, recordedAt: at, recorded }) => {
      const columns: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(d.changes)) {
        Object.assign(columns, COLUMNS[field as keyof NeedDetails]?.(value as never));
      }
      const names = Object.keys(columns);
      prepared(db, `UPDATE needs SET ${names.map((name) => `${name} = ?`).join(', ')}${names.length ? ', ' : ''}updated_at = ?, version = ? WHERE id = ?`).run(
        ...Object.values(columns),
        at,
        recorded.revision + 1,
        d.needId,
      );
    },
    NeedWithdrawn: (db, { data: d, recordedAt: at, recorded }) => {
      prepared(db, `UPDATE needs SET status = 'WITHDRAWN', withdrawn_reason = ?, updated_at = ?, version = ? WHERE id = ?`).run(
        d.reason,
        at,
        recorded.revision + 1,
        d.needId,
      );
    },
    // Pooling is the need stream's own fact: the buyer-group events that caused it are not read here.
    NeedPooled: (db, { data: d, recorded }) => {
      prepared(db, `UPDATE needs SET status = 'POOLED', buyer_group_id = ?, version = ? WHERE id = ?`).run(d.buyerGroupId, recorded.revision + 1, d.needId);
    },
    NeedReleased: (db, { data: d, recorded }) => {
      prepared(db, `UPDATE needs SET status = 'OPEN', buyer_group_id = NULL, version = ? WHERE id = ?`).run(recorded.revision + 1, d.needId);
    },
  },
});
