import { cpvLabel } from '../domain/cpv.js';
import type { NeedState, ProcurementApproach } from '../domain/need.js';
import type { NeedRow } from '../read-model/needs.queries.js';
import type { BuyerGroupOpportunity } from '../read-model/buyer-group-opportunities.js';
import type { BuyerGroupOpportunityType, NeedType } from './needs.types.js';

export function needFromRow(row: NeedRow): NeedType {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    title: row.title,
    description: row.description,
    cpv: { code: row.cpv_code, label: cpvLabel(row.cpv_code) },
    quantity: row.quantity,
    unit: row.unit,
    estimatedBudget: { amount: row.budget_amount, currency: row.budget_currency },
    targetQuarter: row.target_quarter,
    approach: row.approach as ProcurementApproach,
    openToJointProcurement: row.open_to_joint_procurement === 1,
    status: row.status,
    buyerGroupId: row.buyer_group_id,
    declaredAt: new Date(row.declared_at),
    updatedAt: new Date(row.updated_at),
    version: row.version,
  };
}

/** The need as its own stream tells it (time travel), pooling and release included. */
export function needFromState(state: NeedState, version: number): NeedType | null {
  if (!state) return null;
  return {
    id: state.id,
    organisationId: state.organisationId,
    title: state.title,
    description: state.description,
    cpv: { code: state.cpvCode, label: cpvLabel(state.cpvCode) },
    quantity: state.quantity,
    unit: state.unit,
    estimatedBudget: { ...state.estimatedBudget },
    targetQuarter: state.targetQuarter,
    approach: state.approach,
    openToJointProcurement: state.openToJointProcurement,
    status: state.status === 'withdrawn' ? 'WITHDRAWN' : state.pooling ? 'POOLED' : 'OPEN',
    buyerGroupId: state.pooling?.buyerGroupId ?? null,
    declaredAt: new Date(state.declaredAt),
    updatedAt: new Date(state.updatedAt),
    version,
  };
}

export function opportunityFromRead(opportunity: BuyerGroupOpportunity): BuyerGroupOpportunityType {
  return { ...opportunity, needs: opportunity.needs.map(needFromRow) };
}
