import { describe, expect, it } from '@jest/globals';
import { deciderSpec, recorded } from '../../kernel/testing/decider-spec.js';
import { fold } from '#kernel';
import { needDecider, type NeedDetails, type NeedEvent } from '../src/domain/need.js';

const spec = deciderSpec(needDecider);

const details: NeedDetails = {
  title: 'Walk-through metal detectors for airport checkpoints',
  description: 'Multi-zone walk-through detectors for border crossing points',
  cpvCode: '35124000-9',
  quantity: 40,
  unit: 'unit',
  estimatedBudget: { amount: '480000.00', currency: 'EUR' },
  targetQuarter: '2027-Q2',
  approach: 'STANDARD',
  openToJointProcurement: true,
};
const declared: NeedEvent = { type: 'NeedDeclared', data: { needId: 'n1', organisationId: 'o1', ...details } };
const withdrawn: NeedEvent = { type: 'NeedWithdrawn', data: { needId: 'n1', reason: 'budget cut' } };
const pooledBy = (buyerGroupId: string, poolingEventId = `joined-${buyerGroupId}`): NeedEvent => ({
  type: 'NeedPooled',
  data: { needId: 'n1', buyerGroupId, poolingEventId, organisationId: 'o1' },
});
const releasedBy = (buyerGroupId: string, reason: 'MEMBER_LEFT' | 'GROUP_DISSOLVED' | 'POOLING_NOT_COMPLETED' = 'MEMBER_LEFT', poolingEventId = `joined-${buyerGroupId}`): NeedEvent => ({
  type: 'NeedReleased',
  data: { needId: 'n1', buyerGroupId, poolingEventId, reason },
});

describe('need decider', () => {
  describe('DeclareNeed', () => {
    const declare = { type: 'DeclareNeed' as const, needId: 'n1', organisationId: 'o1', organisationActive: true, ...details };

    it('declares the need of an active organisation', () => {
      spec.given([]).when(declare).then([declared]);
    });

    it('refuses to declare the same need twice', () => {
      spec.given([declared]).when(declare).thenFails('DOMAIN_RULE_VIOLATED', 'need-already-declared');
    });

    it('refuses a need of an organisation that left the network', () => {
      spec.given([]).when({ ...declare, organisationActive: false }).thenFails('DOMAIN_RULE_VIOLATED', 'organisation-left-network');
    });
  });

  describe('AmendNeed', () => {
    const amend = (changes: Partial<NeedDetails>) => ({ type: 'AmendNeed' as const, changes });

    it('records only the fields that actually change, with their previous values', () => {
      spec
        .given([declared])
        .when(amend({ quantity: 55, unit: 'unit', estimatedBudget: { amount: '660000.00', currency: 'EUR' } }))
        .then([
          {
            type: 'NeedAmended',
            data: {
              needId: 'n1',
              changes: { quantity: 55, estimatedBudget: { amount: '660000.00', currency: 'EUR' } },
              previous: { quantity: 40, estimatedBudget: { amount: '480000.00', currency: 'EUR' } },
            },
          },
        ]);
    });

    it('refuses an amendment that changes nothing', () => {
      spec
        .given([declared])
        .when(amend({ quantity: 40, estimatedBudget: { amount: '480000.00', currency: 'EUR' } }))
        .thenFails('DOMAIN_RULE_VIOLATED', 'need-unchanged');
    });

    it('treats the same amount in another currency as a change', () => {
      spec
        .given([declared])
        .when(amend({ estimatedBudget: { amount: '480000.00', currency: 'RON' } }))
        .thenMatches([{ type: 'NeedAmended' }]);
    });

    it('refuses to amend an undeclared need', () => {
      spec.given([]).when(amend({ quantity: 2 })).thenFails('DOMAIN_RULE_VIOLATED', 'need-not-declared');
    });

    it('refuses to amend a withdrawn need', () => {
      spec.given([declared, withdrawn]).when(amend({ quantity: 2 })).thenFails('DOMAIN_RULE_VIOLATED', 'need-withdrawn');
    });

    it('amends a pooled need, but not its CPV code', () => {
      spec.given([declared, pooledBy('bg1')]).when(amend({ quantity: 45 })).thenMatches([{ type: 'NeedAmended' }]);
      spec.given([declared, pooledBy('bg1')]).when(amend({ cpvCode: '35125000-6' })).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-cpv-fixed');
      spec.given([declared, pooledBy('bg1'), releasedBy('bg1')]).when(amend({ cpvCode: '35125000-6' })).thenMatches([{ type: 'NeedAmended' }]);
      spec.given([declared]).when(amend({ cpvCode: '35125000-6' })).thenMatches([{ type: 'NeedAmended' }]);
    });

    it('keeps a pooled need open to joint procurement', () => {
      spec
        .given([declared, pooledBy('bg1')])
        .when(amend({ openToJointProcurement: false }))
        .thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-stays-joint');
      spec.given([declared]).when(amend({ openToJointProcurement: false })).thenMatches([{ type: 'NeedAmended' }]);
    });
  });

  describe('WithdrawNeed', () => {
    it('withdraws an open need', () => {
      spec.given([declared]).when({ type: 'WithdrawNeed', reason: 'budget cut' }).then([withdrawn]);
    });

    it('refuses to withdraw twice', () => {
      spec
        .given([declared, withdrawn])
        .when({ type: 'WithdrawNeed', reason: 'again' })
        .thenFails('DOMAIN_RULE_VIOLATED', 'need-withdrawn');
    });

    it('refuses to withdraw an undeclared need', () => {
      spec.given([]).when({ type: 'WithdrawNeed', reason: 'x' }).thenFails('DOMAIN_RULE_VIOLATED', 'need-not-declared');
    });

    it('refuses to withdraw a pooled need', () => {
      spec
        .given([declared, pooledBy('bg1')])
        .when({ type: 'WithdrawNeed', reason: 'x' })
        .thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-not-withdrawable');
    });
  });

  describe('PoolNeed: the need stream decides which buyer group holds it', () => {
    const pool = (buyerGroupId: string, poolingEventId = `joined-${buyerGroupId}`, overrides: Partial<{ organisationId: string; cpvCode: string }> = {}) => ({
      type: 'PoolNeed' as const,
      buyerGroupId,
      poolingEventId,
      organisationId: 'o1',
      cpvCode: '35124000-9',
      ...overrides,
    });

    it('an open need is pooled by the group', () => {
      spec.given([declared]).when(pool('bg1')).then([pooledBy('bg1')]);
    });

    it('a need pooled by one group is refused to another, naming the group that holds it', () => {
      const error = spec.given([declared, pooledBy('bg1')]).when(pool('bg2')).thenFails('DOMAIN_RULE_VIOLATED', 'need-pooled-elsewhere');
      expect(error.details['buyerGroupId']).toBe('bg1');
      expect(error.message).toContain('buyer group bg1');
    });

    it('the same group pooling it again for another event is refused too: one pooling at a time', () => {
      spec.given([declared, pooledBy('bg1')]).when(pool('bg1', 'joined-again')).thenFails('DOMAIN_RULE_VIOLATED', 'need-pooled-elsewhere');
    });

    it('pooling again for the same group event records nothing: a retry or the recovery finishing it', () => {
      spec.given([declared, pooledBy('bg1')]).when(pool('bg1')).then([]);
    });

    it('once released, another group may pool it', () => {
      spec.given([declared, pooledBy('bg1'), releasedBy('bg1')]).when(pool('bg2')).then([pooledBy('bg2')]);
    });

    it('a withdrawn need is not pooled', () => {
      spec.given([declared, withdrawn]).when(pool('bg1')).thenFails('DOMAIN_RULE_VIOLATED', 'need-withdrawn');
    });

    it('the need belongs to the joining organisation', () => {
      spec.given([declared]).when(pool('bg1', 'e', { organisationId: 'o2' })).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-of-joining-organisation');
    });

    it("the need shares the group's CPV group", () => {
      spec.given([declared]).when(pool('bg1', 'e', { cpvCode: '35613000-4' })).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-outside-cpv-group');
    });
  });

  describe('ReleaseNeed', () => {
    it('the group holding it releases it', () => {
      spec.given([declared, pooledBy('bg1')]).when({ type: 'ReleaseNeed', buyerGroupId: 'bg1', reason: 'MEMBER_LEFT' }).then([releasedBy('bg1')]);
    });

    it('another group, or a need no group holds, records nothing: a release is safely retried', () => {
      spec.given([declared, pooledBy('bg1')]).when({ type: 'ReleaseNeed', buyerGroupId: 'bg2', reason: 'MEMBER_LEFT' }).then([]);
      spec.given([declared]).when({ type: 'ReleaseNeed', buyerGroupId: 'bg1', reason: 'MEMBER_LEFT' }).then([]);
    });

    it('undoing one pooling leaves a later pooling of the same group alone', () => {
      spec
        .given([declared, pooledBy('bg1', 'joined-2')])
        .when({ type: 'ReleaseNeed', buyerGroupId: 'bg1', reason: 'POOLING_NOT_COMPLETED', poolingEventId: 'joined-1' })
        .then([]);
      spec
        .given([declared, pooledBy('bg1', 'joined-1')])
        .when({ type: 'ReleaseNeed', buyerGroupId: 'bg1', reason: 'POOLING_NOT_COMPLETED', poolingEventId: 'joined-1' })
        .then([releasedBy('bg1', 'POOLING_NOT_COMPLETED', 'joined-1')]);
    });

    it('a withdrawn need has nothing to release', () => {
      spec.given([declared, withdrawn]).when({ type: 'ReleaseNeed', buyerGroupId: 'bg1', reason: 'MEMBER_LEFT' }).then([]);
    });
  });

  it('folds into the state time travel renders', () => {
    const state = fold(needDecider, recorded<NeedEvent>([
      { ...declared, recordedAt: '2026-01-05T10:00:00.000Z' },
      { type: 'NeedAmended', data: { needId: 'n1', changes: { quantity: 50 }, previous: { quantity: 40 } }, recordedAt: '2026-02-01T09:00:00.000Z' },
      { ...withdrawn, recordedAt: '2026-03-01T09:00:00.000Z' },
    ]));
    expect(state).toMatchObject({
      status: 'withdrawn',
      id: 'n1',
      organisationId: 'o1',
      quantity: 50,
      declaredAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      withdrawnReason: 'budget cut',
    });
  });
});
