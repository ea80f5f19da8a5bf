import { BadUserInput, DomainRuleViolation, Forbidden, NotFound, emailAddress, hasRole, requiredText, commandsOf, type Aggregate, type CommandRules, type KeyStore } from '#kernel';
import { memberDecider, memberStream, type MemberCommand, type MemberEvent, type MemberState } from '../domain/member.js';
import type { NetworkQueries } from '../read-model/network.queries.js';
import type { NetworkAccess } from './network-access.js';
import { countryCode } from '../domain/country.js';

export interface MemberServices {
  access: NetworkAccess;
  queries: NetworkQueries;
  keys: KeyStore;
}

export const members: Aggregate<MemberCommand, MemberEvent, MemberState> = {
  name: 'member',
  decider: memberDecider,
  stream: memberStream,
};

/** Fields of expertise a member lists on their profile, not a document: a handful, each short. */
const MAX_EXPERTISE = 50;

function expertiseOf(items: readonly string[] | null | undefined): string[] {
  const expertise = (items ?? []).map((item, index) => requiredText(item, `input.expertise[${index}]`, 200));
  if (expertise.length > MAX_EXPERTISE) throw new BadUserInput('input.expertise', `must list at most ${MAX_EXPERTISE} fields`);
  return expertise;
}

export interface JoinCommunityInput {
  id?: string | null;
  displayName: string;
  email: string;
  country: string;
  organisationId?: string | null;
  expertise?: string[] | null;
}

export const memberRules = {
  JoinCommunity: {
    creates: ({ input }: { input: JoinCommunityInput }) => input.id,
    complete: ({ input }: { input: JoinCommunityInput }, { services }, id) => {
      const country = countryCode(input.country, 'input.country');
      const displayName = requiredText(input.displayName, 'input.displayName', 200);
      const email = emailAddress(input.email, 'input.email');
      const expertise = expertiseOf(input.expertise);
      // An empty id names no organisation: a mistake, not a member without one (that is null).
      const organisationId = input.organisationId == null ? null : requiredText(input.organisationId, 'input.organisationId', 100);
      if (organisationId) {
        const organisation = services.queries.organisation(organisationId);
        if (!organisation) throw new NotFound('organisation', organisationId);
        if (!organisation.active) {
          throw new DomainRuleViolation('organisation-left-network', `organisation ${organisationId} has left the network`);
        }
        if (organisation.country !== country) {
          throw new DomainRuleViolation(
            'member-organisation-country-mismatch',
            `a member from ${country} cannot belong to organisation ${organisationId} of ${organisation.country}`,
          );
        }
      }
      return { memberId: id, displayName, email, country, organisationId, expertise };
    },
    may: ({ actor, services }, command) => services.access.requireAdminOrNationalContactPoint(actor, command.country, 'admit a member'),
  },
  AppointNationalContactPoint: {
    on: ({ memberId }: { memberId: string; country: string }) => memberId,
    complete: ({ country }: { memberId: string; country: string }, { services }) => {
      const code = countryCode(country);
      return { country: code, currentNationalContactPointId: services.queries.nationalContactPointOf(code)?.id ?? null };
    },
    may: ({ actor, services }) => services.access.requireAdmin(actor, 'appoint a national contact point'),
  },
  EraseMemberPersonalData: {
    on: ({ memberId }: { memberId: string }) => memberId,
    complete: () => ({}),
    may: ({ actor }, _command, state) => {
      if (actor.subject !== state!.id && !hasRole(actor, 'ADMIN')) {
        throw new Forbidden('only an ADMIN or the member themself may erase personal data');
      }
    },
    // The key goes before the event is recorded, and again on any later attempt (even one
    // refused as already erased): no failure between the two can leave the data readable.
    beforeDeciding: ({ services }, _command, state) => services.keys.destroy(state!.id),
  },
} satisfies CommandRules<MemberCommand, MemberState, MemberServices>;

export class MemberCommands extends commandsOf(members, memberRules) {}
