import { BadUserInput } from '#kernel';
import { cpvDivision, cpvGroup } from '../domain/cpv.js';
import { sumByCurrency, type Money } from '../domain/money.js';
import type { NeedRow } from './needs.queries.js';

export const INVENTORY_DIMENSIONS = ['CPV_DIVISION', 'CPV_GROUP', 'COUNTRY', 'TARGET_YEAR', 'APPROACH'] as const;
export type InventoryDimension = (typeof INVENTORY_DIMENSIONS)[number];

export interface InventoryEntry {
  /** One value per requested dimension, in the requested order. */
  key: string[];
  needCount: number;
  organisationCount: number;
  totalQuantity: number;
  totalBudget: Money[];
}

const VALUE_OF: Record<InventoryDimension, (need: NeedRow) => string> = {
  CPV_DIVISION: (need) => cpvDivision(need.cpv_code),
  CPV_GROUP: (need) => cpvGroup(need.cpv_code),
  COUNTRY: (need) => need.country,
  TARGET_YEAR: (need) => String(need.target_year),
  APPROACH: (need) => need.approach,
};

/**
 * The inventory of investment needs summed along any combination of dimensions. Budgets are
 * summed per currency as integers of minor units, so totals are exact. Entries come sorted by key.
 */
/** The contract's totalQuantity is an Int: a sum beyond 32 bits answers its largest value, never an error. */
export const MAX_GRAPHQL_INT = 2_147_483_647;

export function investmentInventory(needs: readonly NeedRow[], groupBy: readonly InventoryDimension[]): InventoryEntry[] {
  if (new Set(groupBy).size !== groupBy.length) throw new BadUserInput('groupBy', 'names a dimension more than once');
  const groups = new Map<string, { key: string[]; needs: NeedRow[] }>();
  for (const need of needs) {
    const key = groupBy.map((dimension) => VALUE_OF[dimension](need));
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, needs: [] };
    group.needs.push(need);
    groups.set(id, group);
  }
  return [...groups.values()]
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ key, needs: members }) => ({
      key,
      needCount: members.length,
      organisationCount: new Set(members.map((need) => need.organisation_id)).size,
      totalQuantity: Math.min(MAX_GRAPHQL_INT, members.reduce((sum, need) => sum + need.quantity, 0)),
      totalBudget: sumByCurrency(members.map((need) => ({ amount: need.budget_amount, currency: need.budget_currency }))),
    }));
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}
