import { Forbidden, hasRole, type Actor } from '#kernel';
import type { NetworkAccess } from '#network';
import type { BuyerGroup } from '../domain/buyer-group.js';

/**
 * The buyer-group rows of the role table, from recorded facts: which organisation the actor
 * belongs to (network) and which organisation leads the group (the group's own stream).
 */
export class BuyerGroupAccess {
  constructor(private readonly network: NetworkAccess) {}

  /** propose, join, leave, sign: members of that organisation. */
  requireMemberOfOrganisation(actor: Actor, organisationId: string, action: string): void {
    this.network.requireMemberOfOrganisation(actor, organisationId, action);
  }

  /**
   * designate lead, choose model, draft, launch, award, modify: members of the lead procurer.
   * While no lead is designated (or the lead left), members of any member organisation pass,
   * so they can designate one; the decider refuses the other steps until they do.
   */
  requireLeadProcurer(actor: Actor, group: BuyerGroup, action: string): void {
    if (group.leadProcurerId) {
      if (this.network.isMemberOfOrganisation(actor, group.leadProcurerId)) return;
      throw new Forbidden(`only members of the lead procurer ${group.leadProcurerId} may ${action}`);
    }
    if (group.members.some((member) => this.network.isMemberOfOrganisation(actor, member.organisationId))) return;
    throw new Forbidden(`only members of a member organisation may ${action} while no lead procurer is designated`);
  }

  /** dissolve: members of the lead procurer, or ADMIN; with no lead designated, only ADMIN. */
  requireLeadProcurerOrAdmin(actor: Actor, group: BuyerGroup, action: string): void {
    if (hasRole(actor, 'ADMIN')) return;
    if (group.leadProcurerId && this.network.isMemberOfOrganisation(actor, group.leadProcurerId)) return;
    throw new Forbidden(
      group.leadProcurerId
        ? `only members of the lead procurer ${group.leadProcurerId} or an ADMIN may ${action}`
        : `only an ADMIN may ${action} while no lead procurer is designated`,
    );
  }
}
