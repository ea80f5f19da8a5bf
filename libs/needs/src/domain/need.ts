import { type Decider, type DomainEvent } from '#kernel';
import { brokenNeedRule as broken } from './need.rules.js';
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
  | { type: 'AmendNeed'; changes: NeedChanges }
  | { type: 'WithdrawNeed'; reason: string }
  /**
   * A buyer group takes the need in, for the group event `poolingEventId` about to be recorded:
   * the need's own stream decides, so two groups never both hold it. Sent by the pooling
   * process only; `cpvCode` is the group's.
   */
  | { type: 'PoolNeed'; buyerGroupId: string; poolingEventId: string; organisationId: string; cpvCode: string }
  /**
   * The need leaves the group: its organisation left, the group was dissolved, or the pooling
   * `poolingEventId` was never recorded on the group (then only that pooling is undone).
   */
  | { type: 'ReleaseNeed'; buyerGroupId: string; reason: NeedReleasedBecause; poolingEventId?: string };

/** Why a pooled need returned to OPEN. */
export type NeedReleasedBecause = 'MEMBER_LEFT' | 'GROUP_DISSOLVED' | 'POOLING_NOT_COMPLETED';

export type NeedEvent =
  | DomainEvent<'NeedDeclared', { needId: string; organisationId: string } & NeedDetails>
  | DomainEvent<'NeedAmended', { needId: string; changes: NeedChanges; previous: NeedChanges }>
  | DomainEvent<'NeedWithdrawn', { needId: string; reason: string }>
  | DomainEvent<'NeedPooled', { needId: string; buyerGroupId: string; poolingEventId: string; organisationId: string }>
  | DomainEvent<'NeedReleased', { needId: string; buyerGroupId: string; poolingEventId: string; reason: NeedReleasedBecause }>;

/** The buyer group holding a need, as the need's own stream records it. */
export interface NeedPooling {
  buyerGroupId: string;
  /** The group event the pooling was made for. */
  poolingEventId: string;
  pooledAt: string;
}

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
      /** null while OPEN or WITHDRAWN. */
      pooling: NeedPooling | null;
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
      if (state) throw broken('need-already-declared', `need ${command.needId} is already declared`);
      if (!command.organisationActive) {
        throw broken('organisation-left-network', `organisation ${command.organisationId} has left the network and cannot declare needs`);
      }
      const { type: _type, organisationActive: _active, ...data } = command;
      return [{ type: 'NeedDeclared', data }];
    }
    if (!state) throw broken('need-not-declared', 'no such need');
    if (command.type === 'ReleaseNeed') return release(command, state);
    if (state.status === 'withdrawn') throw broken('need-withdrawn', `need ${state.id} was withdrawn and can no longer change`);
    const pooledIn = state.pooling?.buyerGroupId ?? null;
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
          throw broken('need-unchanged', 'the amendment changes nothing: every value is already the current one');
        }
        if (pooledIn && changes.cpvCode !== undefined) {
          throw broken('pooled-need-cpv-fixed', `need ${state.id} is pooled in buyer group ${pooledIn}: its CPV code cannot change`);
        }
        if (pooledIn && changes.openToJointProcurement === false) {
          throw broken('pooled-need-stays-joint', `need ${state.id} is pooled in buyer group ${pooledIn}: it stays open to joint procurement`);
        }
        return [{ type: 'NeedAmended', data: { needId: state.id, changes, previous } }];
      }
      case 'WithdrawNeed':
        if (pooledIn) {
          throw broken('pooled-need-not-withdrawable', `need ${state.id} is pooled in buyer group ${pooledIn}: the organisation leaves the group first`);
        }
        return [{ type: 'NeedWithdrawn', data: { needId: state.id, reason: command.reason } }];
      case 'PoolNeed':
        return pool(command, state);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'NeedDeclared': {
        const { needId, ...details } = event.data;
        const at = event.recordedAt;
        return { status: 'open', id: needId, ...details, declaredAt: at, updatedAt: at, withdrawnReason: null, pooling: null };
      }
      case 'NeedAmended':
        return state && { ...state, ...event.data.changes, updatedAt: event.recordedAt };
      case 'NeedWithdrawn':
        return state && { ...state, status: 'withdrawn', withdrawnReason: event.data.reason, updatedAt: event.recordedAt };
      case 'NeedPooled': {
        const { buyerGroupId, poolingEventId } = event.data;
        return state && { ...state, pooling: { buyerGroupId, poolingEventId, pooledAt: event.recordedAt } };
      }
      case 'NeedReleased':
        return state && { ...state, pooling: null };
      default:
        return state;
    }
  },
};

type Command<T extends NeedCommand['type']> = Extract<NeedCommand, { type: T }>;
type Need = NonNullable<NeedState>;

/** Pooling twice for the same group event is one pooling (a retry, or the recovery finishing it). */
function pool(command: Command<'PoolNeed'>, state: Need): NeedEvent[] {
  const { buyerGroupId, poolingEventId, organisationId, cpvCode } = command;
  const held = state.pooling;
  if (held?.poolingEventId === poolingEventId) return [];
  if (held) {
    throw broken('need-pooled-elsewhere', `need ${state.id} is pooled by buyer group ${held.buyerGroupId}`, {
      buyerGroupId: held.buyerGroupId,
    });
  }
  if (state.organisationId !== organisationId) {
    throw broken('pooled-need-of-joining-organisation', `need ${state.id} belongs to organisation ${state.organisationId}`);
  }
  if (state.cpvCode.slice(0, 3) !== cpvCode.slice(0, 3)) {
    throw broken('pooled-need-outside-cpv-group', `need ${state.id} is ${state.cpvCode}, the group buys ${cpvCode}`);
  }
  return [{ type: 'NeedPooled', data: { needId: state.id, buyerGroupId, poolingEventId, organisationId } }];
}

/** Releasing a need the group does not hold (any more) changes nothing: releases are retried safely. */
function release(command: Command<'ReleaseNeed'>, state: Need): NeedEvent[] {
  const held = state.pooling;
  if (!held || held.buyerGroupId !== command.buyerGroupId) return [];
  if (command.poolingEventId !== undefined && held.poolingEventId !== command.poolingEventId) return [];
  return [{ type: 'NeedReleased', data: { needId: state.id, buyerGroupId: held.buyerGroupId, poolingEventId: held.poolingEventId, reason: command.reason } }];
}
