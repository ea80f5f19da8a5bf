import { Forbidden, hasRole, type Actor } from '#kernel';
import type { MemberRow, NetworkQueries } from '../read-model/network.queries.js';

/**
 * Who may do what in the network, from the recorded facts (membership, NCP appointments),
 * never from the token beyond its subject and platform roles.
 */
export class NetworkAccess {
  constructor(private readonly queries: NetworkQueries) {}

  memberOf(actor: Actor): MemberRow | undefined {
    return this.queries.member(actor.subject);
  }

  isNationalContactPointOf(actor: Actor, country: string): boolean {
    return this.queries.nationalContactPointOf(country)?.id === actor.subject;
  }

  isMemberOfOrganisation(actor: Actor, organisationId: string): boolean {
    const member = this.memberOf(actor);
    return member !== undefined && member.organisation_id === organisationId;
  }

  requireAdmin(actor: Actor, action: string): void {
    if (!hasRole(actor, 'ADMIN')) throw new Forbidden(`only an ADMIN may ${action}`);
  }

  requireAdminOrNationalContactPoint(actor: Actor, country: string, action: string): void {
    if (hasRole(actor, 'ADMIN') || this.isNationalContactPointOf(actor, country)) return;
    throw new Forbidden(`only an ADMIN or the national contact point of ${country} may ${action}`);
  }

  requireMemberOfOrganisation(actor: Actor, organisationId: string, action: string): void {
    if (!this.isMemberOfOrganisation(actor, organisationId)) {
      throw new Forbidden(`only members of organisation ${organisationId} may ${action}`);
    }
  }

  /** The member themself, an ADMIN, or the NCP of the member's country. */
  mayReadEmailOf(actor: Actor, member: Pick<MemberRow, 'id' | 'country'>): boolean {
    return actor.subject === member.id || hasRole(actor, 'ADMIN') || this.isNationalContactPointOf(actor, member.country);
  }
}
