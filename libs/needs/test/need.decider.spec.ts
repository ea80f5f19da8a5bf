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
    const amend = (changes: Partial<NeedDetails>, pooledInBuyerGroupId: string | null = null) => ({
      type: 'AmendNeed' as const,
      changes,
      pooledInBuyerGroupId,
    });

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
      spec.given([declared]).when(amend({ quantity: 45 }, 'bg1')).thenMatches([{ type: 'NeedAmended' }]);
      spec.given([declared]).when(amend({ cpvCode: '35125000-6' }, 'bg1')).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-cpv-fixed');
      spec.given([declared]).when(amend({ cpvCode: '35125000-6' })).thenMatches([{ type: 'NeedAmended' }]);
    });

    it('keeps a pooled need open to joint procurement', () => {
      spec
        .given([declared])
        .when(amend({ openToJointProcurement: false }, 'bg1'))
        .thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-stays-joint');
      spec.given([declared]).when(amend({ openToJointProcurement: false })).thenMatches([{ type: 'NeedAmended' }]);
    });
  });

  describe('WithdrawNeed', () => {
    it('withdraws an open need', () => {
      spec.given([declared]).when({ type: 'WithdrawNeed', reason: 'budget cut', pooledInBuyerGroupId: null }).then([withdrawn]);
    });

    it('refuses to withdraw twice', () => {
      spec
        .given([declared, withdrawn])
        .when({ type: 'WithdrawNeed', reason: 'again', pooledInBuyerGroupId: null })
        .thenFails('DOMAIN_RULE_VIOLATED', 'need-withdrawn');
    });

    it('refuses to withdraw an undeclared need', () => {
      spec.given([]).when({ type: 'WithdrawNeed', reason: 'x', pooledInBuyerGroupId: null }).thenFails('DOMAIN_RULE_VIOLATED', 'need-not-declared');
    });

    it('refuses to withdraw a pooled need', () => {
      spec
        .given([declared])
        .when({ type: 'WithdrawNeed', reason: 'x', pooledInBuyerGroupId: 'bg1' })
        .thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-not-withdrawable');
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
