import { describe, it } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { organisationDecider, type OrganisationEvent } from '../src/domain/organisation.js';

const spec = deciderSpec(organisationDecider);
const registered: OrganisationEvent = {
  type: 'OrganisationRegistered',
  data: { organisationId: 'o1', name: 'Police nationale', country: 'FR', kind: 'LAW_ENFORCEMENT' },
};

describe('organisation decider', () => {
  it('registers a new organisation', () => {
    spec
      .given([])
      .when({ type: 'RegisterOrganisation', organisationId: 'o1', name: 'Police nationale', country: 'FR', kind: 'LAW_ENFORCEMENT' })
      .then([registered]);
  });

  it('refuses to register the same organisation twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterOrganisation', organisationId: 'o1', name: 'Other', country: 'FR', kind: 'OTHER' })
      .thenFails('DOMAIN_RULE_VIOLATED', 'organisation-already-registered');
  });

  it('renames, keeping the previous name for the record', () => {
    spec
      .given([registered])
      .when({ type: 'RenameOrganisation', name: 'DGPN' })
      .then([{ type: 'OrganisationRenamed', data: { organisationId: 'o1', name: 'DGPN', previousName: 'Police nationale' } }]);
  });

  it('refuses a rename to the same name', () => {
    spec.given([registered]).when({ type: 'RenameOrganisation', name: 'Police nationale' }).thenFails('DOMAIN_RULE_VIOLATED', 'organisation-name-unchanged');
  });

  it('refuses changes to an unregistered organisation', () => {
    spec.given([]).when({ type: 'LeaveNetwork', reason: 'x' }).thenFails('DOMAIN_RULE_VIOLATED', 'organisation-not-registered');
  });

  it('lets an organisation leave once, then refuses every change', () => {
    const left: OrganisationEvent = { type: 'OrganisationLeftNetwork', data: { organisationId: 'o1', reason: 'merged' } };
    spec.given([registered]).when({ type: 'LeaveNetwork', reason: 'merged' }).then([left]);
    spec.given([registered, left]).when({ type: 'LeaveNetwork', reason: 'again' }).thenFails('DOMAIN_RULE_VIOLATED', 'organisation-left-network');
    spec.given([registered, left]).when({ type: 'RenameOrganisation', name: 'X' }).thenFails('DOMAIN_RULE_VIOLATED', 'organisation-left-network');
  });
});
