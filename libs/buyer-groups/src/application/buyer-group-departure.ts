import { fold, loadStream, type CommandHandlingDeps, type CommandContext, type IdentifiedEvent } from '#kernel';
import type { DepartureStep } from '#network';
import { buyerGroupDecider, buyerGroupStream, requireFreeToLeaveNetwork, type BuyerGroupState } from '../domain/buyer-group.js';
import type { BuyerGroupsQueries } from '../read-model/buyer-groups.queries.js';
import type { BuyerGroupCommands } from './buyer-group.commands.js';
import { causedBy } from './need-pooling.js';

/**
 * Leaving the network, as the buyer groups see it: refused while the organisation is a member of
 * a group whose procedure was launched (judged on each group's own stream), otherwise it leaves
 * each group as LeaveBuyerGroup would, caused by its OrganisationLeftNetwork. What a crash cuts
 * short, UnfinishedChanges finishes.
 */
export class BuyerGroupDeparture implements DepartureStep {
  constructor(
    private readonly deps: Pick<CommandHandlingDeps, 'store' | 'codec'>,
    private readonly queries: BuyerGroupsQueries,
    private readonly groups: BuyerGroupCommands,
  ) {}

  async refuse(organisationId: string): Promise<void> {
    for (const id of this.groupsOf(organisationId)) {
      const group: BuyerGroupState = fold(buyerGroupDecider, (await loadStream(this.deps, buyerGroupStream(id))).decoded);
      if (group) requireFreeToLeaveNetwork(group, organisationId);
    }
  }

  async follow(organisationId: string, left: IdentifiedEvent, context: CommandContext): Promise<void> {
    const reason = String(left.data?.reason ?? '');
    for (const id of this.groupsOf(organisationId)) {
      await this.groups.follow('RemoveDepartedOrganisation', { id, organisationId, reason }, causedBy(context, left.eventId));
    }
  }

  private groupsOf(organisationId: string): string[] {
    return this.queries.buyerGroupsOfOrganisations([organisationId]).filter((row) => row.status !== 'DISSOLVED').map((row) => row.id);
  }
}
