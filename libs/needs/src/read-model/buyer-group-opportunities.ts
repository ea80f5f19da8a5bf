import { BadUserInput } from '#kernel';
import { cpvGroup } from '../domain/cpv.js';
import { sumByCurrency, type Money } from '../domain/money.js';
import type { NeedRow } from './needs.queries.js';

export interface BuyerGroupOpportunity {
  /** First 3 CPV digits shared by the needs. */
  cpvGroup: string;
  countries: string[];
  needs: NeedRow[];
  totalBudget: Money[];
}

/**
 * Where a buyer group could form: needs open to joint procurement and not yet pooled, grouped
 * by CPV group, kept when their organisations come from at least `minCountries` countries
 * (joint cross-border procurement needs two member states at least).
 */
export function buyerGroupOpportunities(candidates: readonly NeedRow[], minCountries: number): BuyerGroupOpportunity[] {
  if (!Number.isInteger(minCountries) || minCountries < 1) throw new BadUserInput('minCountries', 'must be at least 1');
  const groups = new Map<string, NeedRow[]>();
  for (const need of candidates) {
    const group = cpvGroup(need.cpv_code);
    groups.set(group, [...(groups.get(group) ?? []), need]);
  }
  return [...groups.entries()]
    .map(([group, needs]) => ({
      cpvGroup: group,
      countries: [...new Set(needs.map((need) => need.country))].sort(),
      needs,
      totalBudget: sumByCurrency(needs.map((need) => ({ amount: need.budget_amount, currency: need.budget_currency }))),
    }))
    .filter((opportunity) => opportunity.countries.length >= minCountries)
    .sort((a, b) => a.cpvGroup.localeCompare(b.cpvGroup));
}
