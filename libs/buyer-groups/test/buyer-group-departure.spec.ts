import { describe, expect, it } from '@jest/globals';
import { requireFreeToLeaveNetwork } from '../src/domain/buyer-group.js';
import { BG, FR, G, SK, concluded, dissolved, drafted, established, joined, lead, model, procuring, proposed, signed, spec, stateAfter } from './buyer-group.fixtures.js';

/** An organisation that leaves the network leaves each of its buyer groups as LeaveBuyerGroup would. */
const departs = (organisationId: string) => ({ type: 'RemoveDepartedOrganisation' as const, organisationId, reason: 'merged into the ministry' });

describe('an organisation leaving the network', () => {
  it('leaves the group as LeaveBuyerGroup would: needs released, signatures voided, ESTABLISHED falls back to FORMING', () => {
    const history = [proposed(), joined(SK, ['n-sk']), joined(BG), lead(FR), model(), drafted(1), signed(FR), signed(SK), signed(BG), concluded(1, [FR, SK, BG])];
    const events = spec.given(history).when(departs(SK.id)).then([
      {
        type: 'OrganisationLeftBuyerGroup',
        data: { buyerGroupId: G, organisationId: SK.id, reason: 'left the network: merged into the ministry', releasedNeedIds: ['n-sk'] },
      },
      { type: 'AgreementSignaturesVoided', data: { buyerGroupId: G, agreementVersion: 1, organisationIds: [FR.id, SK.id, BG.id], reason: 'MEMBER_LEFT' } },
    ]);
    expect(stateAfter(history).status).toBe('ESTABLISHED');
    expect(stateAfter([...history, ...events]).status).toBe('FORMING');
  });

  it('dissolves a group it was the last member of, releasing its needs', () => {
    spec.given([proposed(['n-fr'])]).when(departs(FR.id)).then([
      { type: 'BuyerGroupDissolved', data: { buyerGroupId: G, reason: `its last member left the network: merged into the ministry`, releasedNeedIds: ['n-fr'] } },
    ]);
  });

  it('is refused while the organisation is a member of a group whose procedure was launched', () => {
    const error = spec.given(procuring()).when(departs(SK.id)).thenFails('DOMAIN_RULE_VIOLATED', 'no-leaving-network-after-launch');
    expect(error.details['buyerGroupId']).toBe(G);
    expect(() => requireFreeToLeaveNetwork(stateAfter(procuring()), SK.id)).toThrow(/buyer group g1/);
  });

  it('a group it is no member of, or that is not launched, does not hold it back', () => {
    expect(() => requireFreeToLeaveNetwork(stateAfter(procuring()), BG.id)).not.toThrow();
    expect(() => requireFreeToLeaveNetwork(stateAfter(established()), SK.id)).not.toThrow();
  });

  it('a group it already left, or a dissolved one, changes nothing: taking it out again is safe', () => {
    spec.given([proposed(), joined(BG)]).when(departs(SK.id)).then([]);
    spec.given([proposed(), joined(SK), dissolved()]).when(departs(SK.id)).then([]);
  });
});
