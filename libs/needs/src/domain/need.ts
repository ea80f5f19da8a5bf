import { DomainRuleViolation, type Decider, type DomainEvent } from '#kernel';
import { sameMoney, type Money } from './money.js';

export const PROCUREMENT_APPROACHES = ['STANDARD', 'PCP', 'PPI', 'INNOVATION_PARTNERSHIP'] as const;
export type ProcurementApproach = (typeof PROCUREMENT_APPROACHES)[number];

/** What an organisation plans to buy; every field is validated before it reaches the decider. */
export interface NeedDetails {
  title: string;
  description: string;
  cpvCode: string;
  quantity: number;
  unit: string;
  estimatedBudget: Money;
  targetQuarter: string;
  approach: ProcurementApproach;
  openToJointProcurement: boolean;
}

export type NeedChanges = Partial<NeedDetails>;

export type NeedCommand =
  | ({
      type: 'DeclareNeed';
      needId: string;
      organisationId: string;
      /** Whether the declaring organisation is still in the network, as the read model knows it. */
      organisationActive: boolean;
    } & NeedDetails)
  | {
      type: 'AmendNeed';
      changes: NeedChanges;
      /** The buyer group pooling this need, as the read model knows it (pooling is recorded there). */
      pooledInBuyerGroupId: string | null;
    }
  | { type: 'WithdrawNeed'; reason: string; pooledInBuyerGroupId: string | null };

export type NeedEvent =
  | DomainEvent<'NeedDeclared', { needId: string; organisationId: string } & NeedDetails>
  | DomainEvent<'NeedAmended', { needId: string; changes: NeedChanges; previous: NeedChanges }>
  | DomainEvent<'NeedWithdrawn', { needId: string; reason: string }>;

/** null: nothing was declared on this stream. */
export type NeedState =
  | null
  | ({
      status: 'open' | 'withdrawn';
      id: string;
      organisationId: string;
      declaredAt: string;
      updatedAt: string;
      withdrawnReason: string | null;
    } & NeedDetails);

export const needStream = (id: string) => `need-${id}`;

const DETAIL_FIELDS: (keyof NeedDetails)[] = [
  'title',
  'description',
  'cpvCode',
  'quantity',
  'unit',
  'estimatedBudget',
  'targetQuarter',
  'approach',
  'openToJointProcurement',
];

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return sameMoney(a as Money, b as Money);
  return a === b;
}

export const needDecider: Decider<NeedCommand, NeedEvent, NeedState> = {
  initialState: null,

  decide(command, state) {
    if (command.type === 'DeclareNeed') {
      if (state) {
        throw new DomainRuleViolation('need-already-declared', `need ${command.needId} is already declared`);
      }
      if (!command.organisationActive) {
        throw new DomainRuleViolation(
          'organisation-left-network',
          `organisation ${command.organisationId} has left the network and cannot declare needs`,
        );
      }
      const { type: _type, organisationActive: _active, ...data } = command;
      return [{ type: 'NeedDeclared', data }];
    }
    if (!state) throw new DomainRuleViolation('need-not-declared', 'no such need');
    if (state.status === 'withdrawn') {
      throw new DomainRuleViolation('need-withdrawn', `need ${state.id} was withdrawn and can no longer change`);
    }
    switch (command.type) {
      case 'AmendNeed': {
        const changes: NeedChanges = {};
        const previous: NeedChanges = {};
        for (const field of DETAIL_FIELDS) {
          const value = command.changes[field];
          if (value === undefined || sameValue(value, state[field])) continue;
          Object.assign(changes, { [field]: value });
          Object.assign(previous, { [field]: state[field] });
        }
        if (Object.keys(changes).length === 0) {
          throw new DomainRuleViolation('need-unchanged', 'the amendment changes nothing: every value is already the current one');
        }
        if (command.pooledInBuyerGroupId && changes.cpvCode !== undefined) {
          throw new DomainRuleViolation(
            'pooled-need-cpv-fixed',
            `need ${state.id} is pooled in buyer group ${command.pooledInBuyerGroupId}: its CPV code cannot change`,
          );
        }
        if (command.pooledInBuyerGroupId && changes.openToJointProcurement === false) {
          throw new DomainRuleViolation(
            'pooled-need-stays-joint',
            `need ${state.id} is pooled in buyer group ${command.pooledInBuyerGroupId}: it stays open to joint procurement`,
          );
        }
        return [{ type: 'NeedAmended', data: { needId: state.id, changes, previous } }];
      }
      case 'WithdrawNeed':
        if (command.pooledInBuyerGroupId) {
          throw new DomainRuleViolation(
            'pooled-need-not-withdrawable',
            `need ${state.id} is pooled in buyer group ${command.pooledInBuyerGroupId}: the organisation leaves the group first`,
          );
        }
        return [{ type: 'NeedWithdrawn', data: { needId: state.id, reason: command.reason } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'NeedDeclared': {
        const { needId, ...details } = event.data;
        const at = event.recordedAt;
        return { status: 'open', id: needId, ...details, declaredAt: at, updatedAt: at, withdrawnReason: null };
      }
      case 'NeedAmended':
        return state && { ...state, ...event.data.changes, updatedAt: event.recordedAt };
      case 'NeedWithdrawn':
        return state && { ...state, status: 'withdrawn', withdrawnReason: event.data.reason, updatedAt: event.recordedAt };
      default:
        return state;
    }
  },
};
