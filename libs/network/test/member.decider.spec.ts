import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { memberDecider, type MemberEvent } from '../src/domain/member.js';

const spec = deciderSpec(memberDecider);
const joined: MemberEvent = {
  type: 'MemberJoinedCommunity',
  data: { memberId: 'm1', displayName: 'Claire Martin', email: 'claire@x.fr', country: 'FR', organisationId: 'o1', expertise: ['UAV'] },
};
const erased: MemberEvent = { type: 'MemberPersonalDataErased', data: { memberId: 'm1' } };

describe('member decider', () => {
  it('admits a member with their personal data', () => {
    spec
      .given([])
      .when({ type: 'JoinCommunity', memberId: 'm1', displayName: 'Claire Martin', email: 'claire@x.fr', country: 'FR', organisationId: 'o1', expertise: ['UAV'] })
      .then([joined]);
  });

  it('refuses to admit the same member twice', () => {
    spec
      .given([joined])
      .when({ type: 'JoinCommunity', memberId: 'm1', displayName: 'C', email: 'c@x.fr', country: 'FR', organisationId: null, expertise: [] })
      .thenFails('DOMAIN_RULE_VIOLATED', 'member-already-joined');
  });

  it('appoints an NCP of the member’s own country, naming whom it replaces', () => {
    spec
      .given([joined])
      .when({ type: 'AppointNationalContactPoint', country: 'FR', currentNationalContactPointId: 'm0' })
      .then([{ type: 'NationalContactPointAppointed', data: { memberId: 'm1', country: 'FR', replacedMemberId: 'm0' } }]);
  });

  it('refuses an NCP for another country than the member’s', () => {
    spec
      .given([joined])
      .when({ type: 'AppointNationalContactPoint', country: 'SK', currentNationalContactPointId: null })
      .thenFails('DOMAIN_RULE_VIOLATED', 'ncp-country-mismatch');
  });

  it('refuses to appoint the current NCP again', () => {
    spec
      .given([joined])
      .when({ type: 'AppointNationalContactPoint', country: 'FR', currentNationalContactPointId: 'm1' })
      .thenFails('DOMAIN_RULE_VIOLATED', 'ncp-already-appointed');
  });

  it('refuses to appoint an erased member', () => {
    spec
      .given([joined, erased])
      .when({ type: 'AppointNationalContactPoint', country: 'FR', currentNationalContactPointId: null })
      .thenFails('DOMAIN_RULE_VIOLATED', 'member-erased');
  });

  it('erases once', () => {
    spec.given([joined]).when({ type: 'EraseMemberPersonalData' }).then([erased]);
    spec.given([joined, erased]).when({ type: 'EraseMemberPersonalData' }).thenFails('DOMAIN_RULE_VIOLATED', 'member-already-erased');
  });

  it('refuses commands for an unknown member', () => {
    spec.given([]).when({ type: 'EraseMemberPersonalData' }).thenFails('DOMAIN_RULE_VIOLATED', 'member-unknown');
  });

  it('forgets the personal data in its state once erased', () => {
    expect(spec.given([joined, erased]).state).toMatchObject({ status: 'member', displayName: null, email: null, erased: true });
  });
});
