import { describe, expect, it } from '@jest/globals';
import { FR, FR2, G, SK, concluded, contracted, drafted, drafting, established, joined, lead, procuring, proposed, signed, containing, spec, stateAfter } from './buyer-group.fixtures.js';

const launch = (noticeNumber = '2027/S 045-123456') => ({ type: 'LaunchProcedure' as const, noticeNumber, procedureType: 'OPEN' });
const award = (awardNoticeNumber = '654321-2027') => ({
  type: 'AwardContract' as const,
  supplierName: 'Detectra SA',
  value: { amount: '1250000.00', currency: 'EUR' },
  awardNoticeNumber,
});
const modify = (noticeNumber: string | null = null) => ({
  type: 'ModifyContract' as const,
  reason: 'Art. 72(1)(c): unforeseeable need',
  description: 'Ten more detectors for the Bulgarian border',
  noticeNumber,
});

describe('launching the procedure', () => {
  it('publishes the contract notice: the group is PROCURING', () => {
    const events = spec.given(established()).when(launch()).then([
      { type: 'ProcedureLaunched', data: { buyerGroupId: G, noticeNumber: '2027/S 045-123456', procedureType: 'OPEN' } },
    ]);
    expect(stateAfter([...established(), ...events]).status).toBe('PROCURING');
  });

  it('needs a lead procurer', () => {
    spec.given([proposed(), joined(SK)]).when(launch()).thenFails('DOMAIN_RULE_VIOLATED', 'lead-procurer-required');
  });

  it('needs the procurement model', () => {
    const history = [proposed(), joined(SK), lead(FR), drafted(1), signed(FR), signed(SK), concluded(1, [FR, SK])];
    spec.given(history).when(launch()).thenFails('DOMAIN_RULE_VIOLATED', 'launch-requires-procurement-model');
  });

  it('needs a concluded agreement', () => {
    spec.given([...drafting(), signed(FR)]).when(launch()).thenFails('DOMAIN_RULE_VIOLATED', 'launch-requires-concluded-agreement');
  });

  it('needs members from two countries', () => {
    const history = [proposed(), joined(FR2), lead(FR), ...drafting().slice(3), signed(FR), signed(FR2), concluded(1, [FR, FR2])];
    spec.given(history).when(launch()).thenFails('DOMAIN_RULE_VIOLATED', 'launch-requires-cross-border-group');
  });

  it('is launched once', () => {
    spec.given(procuring()).when(launch('2027/S 046-123999')).thenFails('DOMAIN_RULE_VIOLATED', 'procedure-already-launched');
  });
});

describe('awarding the contract', () => {
  it('records the supplier, the value and the award notice: the group is CONTRACTED', () => {
    const events = spec.given(procuring()).when(award()).then([
      {
        type: 'ContractAwarded',
        data: { buyerGroupId: G, supplierName: 'Detectra SA', value: { amount: '1250000.00', currency: 'EUR' }, awardNoticeNumber: '654321-2027' },
      },
    ]);
    expect(stateAfter([...procuring(), ...events]).status).toBe('CONTRACTED');
  });

  it('needs a launched procedure', () => {
    spec.given(established()).when(award()).thenFails('DOMAIN_RULE_VIOLATED', 'award-requires-launched-procedure');
  });

  it('is awarded once', () => {
    spec.given(contracted()).when(award('777777-2027')).thenFails('DOMAIN_RULE_VIOLATED', 'contract-already-awarded');
  });

  it('the award notice is not the contract notice, in either form', () => {
    spec.given(procuring()).when(award('2027/S 045-123456')).thenFails('DOMAIN_RULE_VIOLATED', 'notice-number-already-used');
    spec.given(procuring()).when(award('123456-2027')).thenFails('DOMAIN_RULE_VIOLATED', 'notice-number-already-used');
  });
});

describe('modifying the contract', () => {
  it('records each modification, with or without a modification notice', () => {
    const events = spec.given(contracted()).when(modify('222222-2028')).then([
      {
        type: 'ContractModified',
        data: {
          buyerGroupId: G,
          reason: 'Art. 72(1)(c): unforeseeable need',
          description: 'Ten more detectors for the Bulgarian border',
          noticeNumber: '222222-2028',
        },
      },
    ]);
    const history = [...contracted(), ...events];
    const more = spec.given(history).when(modify(null)).thenMatches([{ type: 'ContractModified', data: containing({ noticeNumber: null }) }]);
    const group = stateAfter([...history, ...more]);
    expect(group.status).toBe('CONTRACTED');
    expect(group.contract!.modifications.map((m) => m.noticeNumber)).toEqual(['222222-2028', null]);
  });

  it('needs an awarded contract', () => {
    spec.given(procuring()).when(modify()).thenFails('DOMAIN_RULE_VIOLATED', 'modification-requires-awarded-contract');
  });

  it('a modification notice has its own number', () => {
    spec.given(contracted()).when(modify('654321-2027')).thenFails('DOMAIN_RULE_VIOLATED', 'notice-number-already-used');
  });
});

describe('dissolving the group', () => {
  it('releases every pooled need; the group is DISSOLVED', () => {
    const history = [proposed(['n-fr']), joined(SK, ['n-sk1', 'n-sk2'])];
    const events = spec.given(history).when({ type: 'DissolveBuyerGroup', reason: 'no budget' }).then([
      { type: 'BuyerGroupDissolved', data: { buyerGroupId: G, reason: 'no budget', releasedNeedIds: ['n-fr', 'n-sk1', 'n-sk2'] } },
    ]);
    expect(stateAfter([...history, ...events])).toMatchObject({ status: 'DISSOLVED', dissolutionReason: 'no budget' });
  });

  it('may dissolve a group whose procedure is running (the procedure is cancelled)', () => {
    spec.given(procuring()).when({ type: 'DissolveBuyerGroup', reason: 'procedure cancelled' }).thenMatches([{ type: 'BuyerGroupDissolved' }]);
  });

  it('a group with an awarded contract is not dissolved', () => {
    spec.given(contracted()).when({ type: 'DissolveBuyerGroup', reason: 'x' }).thenFails('DOMAIN_RULE_VIOLATED', 'dissolve-not-after-contracted');
  });

  it('is dissolved once; nothing changes after', () => {
    const history = [...procuring(), { type: 'BuyerGroupDissolved' as const, data: { buyerGroupId: G, reason: 'x', releasedNeedIds: [] } }];
    spec.given(history).when({ type: 'DissolveBuyerGroup', reason: 'again' }).thenFails('DOMAIN_RULE_VIOLATED', 'buyer-group-dissolved');
    spec.given(history).when(award()).thenFails('DOMAIN_RULE_VIOLATED', 'buyer-group-dissolved');
  });
});

describe('the status machine', () => {
  it('PROPOSED → FORMING → ESTABLISHED → PROCURING → CONTRACTED, computed from the events', () => {
    const statuses = [[proposed()], [proposed(), joined(SK)], established(), procuring(), contracted()].map(
      (history) => stateAfter(history).status,
    );
    expect(statuses).toEqual(['PROPOSED', 'FORMING', 'ESTABLISHED', 'PROCURING', 'CONTRACTED']);
  });

  it('establishedAt is the instant of conclusion, kept through PROCURING and CONTRACTED', () => {
    const history = contracted();
    const conclusion = history[established().length - 1]!;
    expect(conclusion.type).toBe('AgreementConcluded');
    expect(stateAfter(history.slice(0, established().length)).establishedAt).toBe(conclusion.recordedAt);
    expect(stateAfter(history).establishedAt).toBe(conclusion.recordedAt);
  });
});
