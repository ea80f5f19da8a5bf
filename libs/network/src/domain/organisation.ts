import { DomainRuleViolation, type Decider, type DomainEvent } from '#kernel';

export const ORGANISATION_KINDS = [
  'PROCUREMENT_AGENCY',
  'LAW_ENFORCEMENT',
  'MINISTRY',
  'BORDER_GUARD',
  'CIVIL_PROTECTION',
  'RESEARCH',
  'OTHER',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type OrganisationCommand =
  | { type: 'RegisterOrganisation'; organisationId: string; name: string; country: string; kind: OrganisationKind }
  | { type: 'RenameOrganisation'; name: string }
  | { type: 'LeaveNetwork'; reason: string };

export type OrganisationEvent =
  | DomainEvent<'OrganisationRegistered', { organisationId: string; name: string; country: string; kind: OrganisationKind }>
  | DomainEvent<'OrganisationRenamed', { organisationId: string; name: string; previousName: string }>
  | DomainEvent<'OrganisationLeftNetwork', { organisationId: string; reason: string }>;

export interface Organisation {
  status: 'active' | 'left';
  id: string;
  name: string;
  country: string;
  kind: OrganisationKind;
  registeredAt: string;
}

/** null: nothing was registered on this stream. */
export type OrganisationState = Organisation | null;

export const organisationStream = (id: string) => `organisation-${id}`;

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: null,

  decide(command, state) {
    if (command.type === 'RegisterOrganisation') {
      if (state) {
        throw new DomainRuleViolation('organisation-already-registered', `organisation ${command.organisationId} is already registered`);
      }
      const { organisationId, name, country, kind } = command;
      return [{ type: 'OrganisationRegistered', data: { organisationId, name, country, kind } }];
    }
    if (!state) {
      throw new DomainRuleViolation('organisation-not-registered', 'the organisation is not registered');
    }
    if (state.status === 'left') {
      throw new DomainRuleViolation('organisation-left-network', `organisation ${state.id} has left the network`);
    }
    switch (command.type) {
      case 'RenameOrganisation':
        if (command.name === state.name) {
          throw new DomainRuleViolation('organisation-name-unchanged', `the organisation is already named ${state.name}`);
        }
        return [{ type: 'OrganisationRenamed', data: { organisationId: state.id, name: command.name, previousName: state.name } }];
      case 'LeaveNetwork':
        return [{ type: 'OrganisationLeftNetwork', data: { organisationId: state.id, reason: command.reason } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationRegistered':
        return {
          status: 'active',
          id: event.data.organisationId,
          name: event.data.name,
          country: event.data.country,
          kind: event.data.kind,
          registeredAt: event.recordedAt,
        };
      case 'OrganisationRenamed':
        return state && { ...state, name: event.data.name };
      case 'OrganisationLeftNetwork':
        return state && { ...state, status: 'left' };
      default:
        return state;
    }
  },
};
