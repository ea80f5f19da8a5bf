import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { BG, FR, FR2, G, SK, concluded, drafted, drafting, established, joined, lead, left, model, procuring, proposed, signed, containing, spec, stateAfter, voided } from './buyer-group.fixtures.js';

const sign = (organisationId: string, agreementVersion = 1) => ({
  type: 'SignAgreement' as const,
  organisationId,
  agreementVersion,
  signedBy: `${organisationId}-officer`,
});
const choose = (applicableLaw = 'FR', chosen: 'CENTRAL_PURCHASING_BODY' | 'JOINT_AWARD' | 'JOINT_ENTITY' = 'JOINT_AWARD') => ({
  type: 'ChooseProcurementModel' as const,
  model: chosen,
  applicableLaw,
  legalBasis: 'DIRECTIVE_2014_24_EU' as const,
});

describe('designating the lead procurer', () => {
  it('records the member organisation that leads', () => {
    const events = spec.given([proposed(), joined(SK)]).when({ type: 'DesignateLeadProcurer', organisationId: SK.id }).then([
      { type: 'LeadProcurerDesignated', data: { buyerGroupId: G, organisationId: SK.id, previousOrganisationId: null } },
    ]);
    expect(stateAfter([proposed(), joined(SK), ...events]).leadProcurerId).toBe(SK.id);
  });

  it('the lead procurer must be a member', () => {
    spec.given([proposed(), joined(SK)]).when({ type: 'DesignateLeadProcurer', organisationId: BG.id }).thenFails('DOMAIN_RULE_VIOLATED', 'lead-must-be-member');
  });

  it('designating the current lead again is refused', () => {
    spec
      .given([proposed(), joined(SK), lead(FR)])
      .when({ type: 'DesignateLeadProcurer', organisationId: FR.id })
      .thenFails('DOMAIN_RULE_VIOLATED', 'lead-procurer-unchanged');
  });

  it('handing the lead over voids signatures given under the previous lead', () => {
    spec
      .given([...drafting(), signed(FR)])
      .when({ type: 'DesignateLeadProcurer', organisationId: SK.id })
      .then([
        { type: 'LeadProcurerDesignated', data: { buyerGroupId: G, organisationId: SK.id, previousOrganisationId: FR.id } },
        { type: 'AgreementSignaturesVoided', data: { buyerGroupId: G, agreementVersion: 1, organisationIds: [FR.id], reason: 'LEAD_PROCURER_CHANGED' } },
      ]);
  });

  it('the lead procurer is fixed once the procedure is launched', () => {
    spec.given(procuring()).when({ type: 'DesignateLeadProcurer', organisationId: SK.id }).thenFails('DOMAIN_RULE_VIOLATED', 'lead-fixed-after-launch');
  });
});

describe('choosing the procurement model', () => {
  it('records the Art. 39 model, the applicable law and the legal basis', () => {
    const events = spec.given([proposed(), joined(SK), lead(FR)]).when(choose('SK')).then([
      { type: 'ProcurementModelChosen', data: { buyerGroupId: G, model: 'JOINT_AWARD', applicableLaw: 'SK', legalBasis: 'DIRECTIVE_2014_24_EU' } },
    ]);
    expect(stateAfter([proposed(), joined(SK), lead(FR), ...events]).procurementModel).toMatchObject({ model: 'JOINT_AWARD', applicableLaw: 'SK' });
  });

  it('needs a lead procurer first', () => {
    spec.given([proposed(), joined(SK)]).when(choose()).thenFails('DOMAIN_RULE_VIOLATED', 'lead-procurer-required');
  });

  it('a lead procurer that left must be replaced first', () => {
    spec.given([proposed(), joined(SK), joined(BG), lead(BG), left(BG)]).when(choose()).thenFails('DOMAIN_RULE_VIOLATED', 'lead-procurer-required');
  });

  it('the applicable law is that of a member’s country', () => {
    spec.given([proposed(), joined(SK), lead(FR)]).when(choose('DE')).thenFails('DOMAIN_RULE_VIOLATED', 'applicable-law-of-member-country');
  });

  it('a central purchasing body buys under the law of its own member state (Art. 39(3))', () => {
    spec
      .given([proposed(), joined(SK), lead(FR)])
      .when(choose('SK', 'CENTRAL_PURCHASING_BODY'))
      .thenFails('DOMAIN_RULE_VIOLATED', 'central-purchasing-body-law-of-its-country');
    spec.given([proposed(), joined(SK), lead(FR)]).when(choose('FR', 'CENTRAL_PURCHASING_BODY')).thenMatches([{ type: 'ProcurementModelChosen' }]);
  });

  it('choosing the current model again is refused', () => {
    spec.given([proposed(), joined(SK), lead(FR), model('FR')]).when(choose('FR')).thenFails('DOMAIN_RULE_VIOLATED', 'procurement-model-unchanged');
  });

  it('changing the model voids signatures of the current version; the agreement is no longer concluded', () => {
    const events = spec.given(established()).when(choose('SK')).then([
      { type: 'ProcurementModelChosen', data: { buyerGroupId: G, model: 'JOINT_AWARD', applicableLaw: 'SK', legalBasis: 'DIRECTIVE_2014_24_EU' } },
      { type: 'AgreementSignaturesVoided', data: { buyerGroupId: G, agreementVersion: 1, organisationIds: [FR.id, SK.id], reason: 'PROCUREMENT_MODEL_CHANGED' } },
    ]);
    expect(stateAfter([...established(), ...events]).status).toBe('FORMING');
  });

  it('the model is fixed once the procedure is launched', () => {
    spec.given(procuring()).when(choose('SK')).thenFails('DOMAIN_RULE_VIOLATED', 'model-fixed-after-launch');
  });
});

describe('drafting the agreement', () => {
  const draft = (terms = 'Art. 1: FR police leads the joint award.') => ({ type: 'DraftAgreement' as const, title: 'Joint procurement agreement', terms });

  it('drafts version 1 with the SHA-256 of its terms', () => {
    const terms = 'Art. 1: FR police leads the joint award.';
    spec.given([proposed(), joined(SK), lead(FR)]).when(draft(terms)).then([
      {
        type: 'AgreementDrafted',
        data: {
          buyerGroupId: G,
          agreementVersion: 1,
          title: 'Joint procurement agreement',
          terms,
          termsSha256: createHash('sha256').update(terms, 'utf8').digest('hex'),
        },
      },
    ]);
  });

  it('a redraft is the next version and starts unsigned: earlier signatures are void', () => {
    const history = [...drafting(), signed(FR)];
    const events = spec.given(history).when(draft('Art. 1 amended')).thenMatches([
      { type: 'AgreementDrafted', data: containing({ agreementVersion: 2 }) },
    ]);
    expect(stateAfter([...history, ...events]).agreement).toMatchObject({ version: 2, signatures: [], concludedAt: null });
  });

  it('a redraft of an established group falls back to FORMING', () => {
    const events = spec.given(established()).when(draft('Art. 1 amended')).thenMatches([{ type: 'AgreementDrafted' }]);
    expect(stateAfter([...established(), ...events])).toMatchObject({ status: 'FORMING', establishedAt: null });
  });

  it('needs a lead procurer', () => {
    spec.given([proposed(), joined(SK)]).when(draft()).thenFails('DOMAIN_RULE_VIOLATED', 'lead-procurer-required');
  });

  it('a redraft changes the title or the terms', () => {
    spec.given([...drafting()]).when({ type: 'DraftAgreement', title: 'Joint procurement agreement', terms: 'terms v1' }).thenFails('DOMAIN_RULE_VIOLATED', 'agreement-terms-unchanged');
  });

  it('the agreement the procedure rests on is not redrafted after launch', () => {
    spec.given(procuring()).when(draft('new')).thenFails('DOMAIN_RULE_VIOLATED', 'agreement-fixed-after-launch');
  });
});

describe('signing the agreement', () => {
  it('records the organisation, the version and the member who signed', () => {
    spec.given(drafting()).when(sign(FR.id)).then([
      { type: 'AgreementSigned', data: { buyerGroupId: G, organisationId: FR.id, agreementVersion: 1, signedBy: `${FR.id}-officer` } },
    ]);
  });

  it('the last current member to sign concludes the agreement: ESTABLISHED with members of two countries', () => {
    const history = [...drafting(), signed(FR)];
    const events = spec.given(history).when(sign(SK.id)).then([
      { type: 'AgreementSigned', data: { buyerGroupId: G, organisationId: SK.id, agreementVersion: 1, signedBy: `${SK.id}-officer` } },
      { type: 'AgreementConcluded', data: { buyerGroupId: G, agreementVersion: 1, signatories: [FR.id, SK.id], countries: ['FR', 'SK'] } },
    ]);
    const stamped = events.map((event) => ({ ...event, recordedAt: '2027-02-01T00:00:00.000Z' }));
    const group = stateAfter([...history, ...stamped]);
    expect(group).toMatchObject({ status: 'ESTABLISHED', establishedAt: '2027-02-01T00:00:00.000Z' });
    expect(group.agreement).toMatchObject({ concludedAt: '2027-02-01T00:00:00.000Z' });
    expect(group.agreement!.signatures.map((s) => s.organisationId)).toEqual([FR.id, SK.id]);
  });

  it('conclusion needs a signature of every current member', () => {
    const history = [proposed(), joined(SK), joined(BG), lead(FR), model(), drafted(1), signed(FR)];
    spec.given(history).when(sign(SK.id)).thenMatches([{ type: 'AgreementSigned' }]);
    expect(stateAfter([...history, signed(SK)]).status).toBe('FORMING');
  });

  it('concluded among members of a single country, the group stays FORMING', () => {
    const history = [proposed(), joined(FR2), lead(FR), model(), drafted(1), signed(FR)];
    const events = spec.given(history).when(sign(FR2.id)).thenMatches([{ type: 'AgreementSigned' }, { type: 'AgreementConcluded' }]);
    const group = stateAfter([...history, ...events]);
    expect(group.status).toBe('FORMING');
    expect(group.agreement!.concludedAt).not.toBeNull();
  });

  it('a late joiner voids earlier signatures; everyone signs the redraft and the group is ESTABLISHED', () => {
    const history = [...drafting(), signed(FR), joined(BG, ['n-bg']), voided(1, [FR])];
    expect(stateAfter(history).agreement!.signatures).toHaveLength(0);
    const story = [...history, drafted(2), signed(FR, 2), signed(SK, 2)];
    spec.given(story).when(sign(BG.id, 2)).thenMatches([
      { type: 'AgreementSigned' },
      { type: 'AgreementConcluded', data: { buyerGroupId: G, agreementVersion: 2, signatories: [FR.id, SK.id, BG.id], countries: ['BG', 'FR', 'SK'] } },
    ]);
  });

  it('there is an agreement to sign', () => {
    spec.given([proposed(), joined(SK), lead(FR)]).when(sign(FR.id)).thenFails('DOMAIN_RULE_VIOLATED', 'agreement-not-drafted');
  });

  it('only members sign', () => {
    spec.given(drafting()).when(sign(BG.id)).thenFails('DOMAIN_RULE_VIOLATED', 'only-members-sign');
  });

  it('a signature is for the current version', () => {
    spec.given([...drafting(), drafted(2)]).when(sign(FR.id, 1)).thenFails('DOMAIN_RULE_VIOLATED', 'sign-current-version');
    spec.given(drafting()).when(sign(FR.id, 2)).thenFails('DOMAIN_RULE_VIOLATED', 'sign-current-version');
  });

  it('an organisation signs a version once', () => {
    spec.given([...drafting(), signed(FR)]).when(sign(FR.id)).thenFails('DOMAIN_RULE_VIOLATED', 'already-signed');
    spec.given(established()).when(sign(SK.id)).thenFails('DOMAIN_RULE_VIOLATED', 'already-signed');
  });

  it('a signature voided by a change may be given again', () => {
    spec.given([...drafting(), signed(FR), signed(SK), concluded(1, [FR, SK]), joined(BG), voided(1, [FR, SK]), signed(FR)]).when(sign(SK.id)).thenMatches([
      { type: 'AgreementSigned' },
    ]);
  });

  it('an agreement is signed only when at least two organisations take part', () => {
    spec.given([proposed(), lead(FR), model(), drafted(1)]).when(sign(FR.id)).thenFails('DOMAIN_RULE_VIOLATED', 'joint-agreement-needs-two-members');
  });
});
