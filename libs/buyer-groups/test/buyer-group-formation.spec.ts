import { describe, expect, it } from '@jest/globals';
import { BG, FR, FR2, G, SK, containing, dissolved, drafted, established, joined, lead, left, model, need, procuring, proposed, signed, spec, stateAfter } from './buyer-group.fixtures.js';

const propose = (needs = [need('n-fr', FR.id)], proposingOrganisation = FR) => ({
  type: 'ProposeBuyerGroup' as const,
  buyerGroupId: G,
  name: 'Walk-through metal detectors',
  description: 'Joint purchase of walk-through metal detectors for border crossings',
  cpvCode: '35124000-9',
  proposingOrganisation,
  needs,
});

describe('proposing a buyer group', () => {
  it('records the proposer, its country and its pooled needs; the group is PROPOSED with one member', () => {
    const [event] = spec.given([]).when(propose()).then([
      {
        type: 'BuyerGroupProposed',
        data: {
          buyerGroupId: G,
          name: 'Walk-through metal detectors',
          description: 'Joint purchase of walk-through metal detectors for border crossings',
          cpvCode: '35124000-9',
          proposingOrganisationId: FR.id,
          country: 'FR',
          needIds: ['n-fr'],
        },
      },
    ]);
    const group = stateAfter([{ ...event!, recordedAt: '2027-01-01T00:00:00.000Z' }]);
    expect(group).toMatchObject({ status: 'PROPOSED', proposedAt: '2027-01-01T00:00:00.000Z', leadProcurerId: null });
    expect(group.members).toEqual([{ organisationId: FR.id, country: 'FR', joinedAt: '2027-01-01T00:00:00.000Z', needIds: ['n-fr'] }]);
  });

  it('may pool no need at all', () => {
    spec.given([]).when(propose([])).thenMatches([{ type: 'BuyerGroupProposed', data: containing({ needIds: [] }) }]);
  });

  it('is proposed once', () => {
    spec.given([proposed()]).when(propose()).thenFails('DOMAIN_RULE_VIOLATED', 'buyer-group-already-proposed');
  });

  it('refuses a proposer that has left the network', () => {
    spec.given([]).when(propose([], { ...FR, active: false })).thenFails('DOMAIN_RULE_VIOLATED', 'organisation-left-network');
  });

  it("pools only the proposing organisation's own needs", () => {
    spec.given([]).when(propose([need('n-sk', SK.id)])).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-of-joining-organisation');
  });

  it('pools only open needs', () => {
    spec.given([]).when(propose([need('n-fr', FR.id, { status: 'WITHDRAWN' })])).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-not-open');
    spec.given([]).when(propose([need('n-fr', FR.id, { status: 'POOLED' })])).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-not-open');
  });

  it("pools only needs of the group's CPV group (first 3 digits)", () => {
    // 35125100-7 (sensors) shares group 351 with metal detectors; 35613000-4 (UAVs) does not.
    spec.given([]).when(propose([need('n-fr', FR.id, { cpvCode: '35125100-7' })])).thenMatches([{ type: 'BuyerGroupProposed' }]);
    spec
      .given([])
      .when(propose([need('n-fr', FR.id, { cpvCode: '35613000-4' })]))
      .thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-outside-cpv-group');
  });
});

describe('joining a buyer group', () => {
  it('adds the organisation with its country and pooled needs; two members make the group FORMING', () => {
    const events = spec.given([proposed()]).when({ type: 'JoinBuyerGroup', organisation: SK, needs: [need('n-sk', SK.id)] }).then([
      { type: 'OrganisationJoinedBuyerGroup', data: { buyerGroupId: G, organisationId: SK.id, country: 'SK', needIds: ['n-sk'] } },
    ]);
    const group = stateAfter([proposed(), ...events]);
    expect(group.status).toBe('FORMING');
    expect(group.members.map((member) => member.organisationId)).toEqual([FR.id, SK.id]);
  });

  it('an organisation is a member once', () => {
    spec.given([proposed()]).when({ type: 'JoinBuyerGroup', organisation: FR, needs: [] }).thenFails('DOMAIN_RULE_VIOLATED', 'already-member');
  });

  it('refuses an organisation that has left the network', () => {
    spec
      .given([proposed()])
      .when({ type: 'JoinBuyerGroup', organisation: { ...SK, active: false }, needs: [] })
      .thenFails('DOMAIN_RULE_VIOLATED', 'organisation-left-network');
  });

  it('applies the pooled-need rule to the joining organisation', () => {
    const join = (needs: ReturnType<typeof need>[]) => ({ type: 'JoinBuyerGroup' as const, organisation: SK, needs });
    spec.given([proposed()]).when(join([need('n-fr', FR.id)])).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-of-joining-organisation');
    spec.given([proposed()]).when(join([need('n-sk', SK.id, { status: 'POOLED' })])).thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-not-open');
    spec
      .given([proposed()])
      .when(join([need('n-sk', SK.id, { cpvCode: '35815100-1' })]))
      .thenFails('DOMAIN_RULE_VIOLATED', 'pooled-need-outside-cpv-group');
  });

  it('voids the signatures given so far: the agreement no longer names every party', () => {
    spec
      .given([...established()])
      .when({ type: 'JoinBuyerGroup', organisation: BG, needs: [need('n-bg', BG.id)] })
      .then([
        { type: 'OrganisationJoinedBuyerGroup', data: { buyerGroupId: G, organisationId: BG.id, country: 'BG', needIds: ['n-bg'] } },
        { type: 'AgreementSignaturesVoided', data: { buyerGroupId: G, agreementVersion: 1, organisationIds: [FR.id, SK.id], reason: 'MEMBER_JOINED' } },
      ]);
  });

  it('falls back from ESTABLISHED to FORMING when a member joins before launch', () => {
    const before = stateAfter(established());
    expect(before.status).toBe('ESTABLISHED');
    expect(before.establishedAt).not.toBeNull();
    const events = spec.given(established()).when({ type: 'JoinBuyerGroup', organisation: BG, needs: [] }).thenMatches([
      { type: 'OrganisationJoinedBuyerGroup' },
      { type: 'AgreementSignaturesVoided' },
    ]);
    const after = stateAfter([...established(), ...events]);
    expect(after).toMatchObject({ status: 'FORMING', establishedAt: null });
    expect(after.agreement).toMatchObject({ version: 1, signatures: [], concludedAt: null });
  });

  it('nobody joins once the contract notice is published', () => {
    spec.given(procuring()).when({ type: 'JoinBuyerGroup', organisation: BG, needs: [] }).thenFails('DOMAIN_RULE_VIOLATED', 'no-joining-after-launch');
  });
});

describe('leaving a buyer group', () => {
  it('releases the leaving organisation’s needs; one member left makes it PROPOSED again', () => {
    const history = [proposed(), joined(SK, ['n-sk'])];
    const events = spec.given(history).when({ type: 'LeaveBuyerGroup', organisationId: SK.id, reason: 'budget cut' }).then([
      { type: 'OrganisationLeftBuyerGroup', data: { buyerGroupId: G, organisationId: SK.id, reason: 'budget cut', releasedNeedIds: ['n-sk'] } },
    ]);
    expect(stateAfter([...history, ...events]).status).toBe('PROPOSED');
  });

  it('only members leave', () => {
    spec.given([proposed(), joined(SK)]).when({ type: 'LeaveBuyerGroup', organisationId: BG.id, reason: 'x' }).thenFails('DOMAIN_RULE_VIOLATED', 'only-members-leave');
  });

  it('an organisation that left is no longer a member and may join again', () => {
    const history = [proposed(), joined(SK), left(SK)];
    spec.given(history).when({ type: 'LeaveBuyerGroup', organisationId: SK.id, reason: 'x' }).thenFails('DOMAIN_RULE_VIOLATED', 'only-members-leave');
    spec.given(history).when({ type: 'JoinBuyerGroup', organisation: SK, needs: [] }).thenMatches([{ type: 'OrganisationJoinedBuyerGroup' }]);
  });

  it('the last member does not leave: the group is dissolved instead', () => {
    spec.given([proposed()]).when({ type: 'LeaveBuyerGroup', organisationId: FR.id, reason: 'x' }).thenFails('DOMAIN_RULE_VIOLATED', 'last-member-cannot-leave');
  });

  it('voids the signatures and falls back from ESTABLISHED to FORMING before launch', () => {
    const history = [proposed(), joined(SK), joined(BG), lead(FR), model(), drafted(1), signed(FR), signed(SK), signed(BG)];
    const events = spec.given(history).when({ type: 'LeaveBuyerGroup', organisationId: BG.id, reason: 'budget cut' }).then([
      { type: 'OrganisationLeftBuyerGroup', data: { buyerGroupId: G, organisationId: BG.id, reason: 'budget cut', releasedNeedIds: [] } },
      { type: 'AgreementSignaturesVoided', data: { buyerGroupId: G, agreementVersion: 1, organisationIds: [FR.id, SK.id, BG.id], reason: 'MEMBER_LEFT' } },
    ]);
    expect(stateAfter([...history, ...events]).status).toBe('FORMING');
  });

  it('a lead procurer that leaves no longer leads', () => {
    const group = stateAfter([proposed(), joined(SK), joined(BG), lead(SK), left(SK)]);
    expect(group.leadProcurerId).toBeNull();
  });

  it('a member may not leave after the procedure was launched', () => {
    spec.given(procuring()).when({ type: 'LeaveBuyerGroup', organisationId: SK.id, reason: 'x' }).thenFails('DOMAIN_RULE_VIOLATED', 'no-leaving-after-launch');
  });

  it('nothing changes after DISSOLVED', () => {
    const history = [proposed(), joined(SK), joined(FR2), dissolved()];
    expect(stateAfter(history).status).toBe('DISSOLVED');
    spec.given(history).when({ type: 'LeaveBuyerGroup', organisationId: SK.id, reason: 'x' }).thenFails('DOMAIN_RULE_VIOLATED', 'buyer-group-dissolved');
    spec.given(history).when({ type: 'JoinBuyerGroup', organisation: BG, needs: [] }).thenFails('DOMAIN_RULE_VIOLATED', 'buyer-group-dissolved');
  });

  it('only a proposed buyer group changes', () => {
    spec.given([]).when({ type: 'JoinBuyerGroup', organisation: SK, needs: [] }).thenFails('DOMAIN_RULE_VIOLATED', 'buyer-group-not-proposed');
  });
});
