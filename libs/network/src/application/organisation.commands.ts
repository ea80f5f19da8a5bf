import { commandsOf, requiredText, type Aggregate, type CommandRules, type Caller } from '#kernel';
import { organisationDecider, organisationStream, type Organisation, type OrganisationCommand, type OrganisationEvent, type OrganisationKind, type OrganisationState } from '../domain/organisation.js';
import type { NetworkAccess } from './network-access.js';
import type { NetworkDeparture } from './network-departure.js';
import { countryCode } from '../domain/country.js';

export interface OrganisationServices {
  access: NetworkAccess;
  departure: NetworkDeparture;
}

export const organisations: Aggregate<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  name: 'organisation',
  decider: organisationDecider,
  stream: organisationStream,
};

/** An ADMIN, or the national contact point of the organisation's country. */
const adminOrContactPoint =
  (action: string) =>
  ({ actor, services }: Caller<OrganisationServices>, _command: unknown, state: OrganisationState) =>
    services.access.requireAdminOrNationalContactPoint(actor, (state as Organisation).country, action);

interface RegisterOrganisationSent {
  input: { id?: string | null; name: string; country: string; kind: OrganisationKind };
}

export const organisationRules = {
  RegisterOrganisation: {
    creates: ({ input }: RegisterOrganisationSent) => input.id,
    complete: ({ input }: RegisterOrganisationSent, _caller, id) => ({
      organisationId: id,
      country: countryCode(input.country, 'input.country'),
      name: requiredText(input.name, 'input.name', 200),
      kind: input.kind,
    }),
    may: ({ actor, services }, command) =>
      services.access.requireAdminOrNationalContactPoint(actor, command.country, 'register an organisation'),
  },
  RenameOrganisation: {
    complete: ({ name }: { id: string; name: string }) => ({ name: requiredText(name, 'name', 200) }),
    may: adminOrContactPoint('rename an organisation'),
  },
  LeaveNetwork: {
    complete: ({ reason }: { id: string; reason: string }) => ({ reason: requiredText(reason, 'reason', 2000) }),
    may: adminOrContactPoint('take an organisation out of the network'),
    beforeDeciding: ({ services }, _command, state) => services.departure.refuse(state!.id),
    follow: async ({ services, context }, recorded) => {
      for (const left of recorded) {
        if (left.type === 'OrganisationLeftNetwork') await services.departure.follow(left.data.organisationId, left, context);
      }
    },
  },
} satisfies CommandRules<OrganisationCommand, OrganisationState, OrganisationServices>;

export class OrganisationCommands extends commandsOf(organisations, organisationRules) {}
