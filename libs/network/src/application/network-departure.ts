import type { CommandContext, IdentifiedEvent } from '#kernel';

/**
 * What another context does when an organisation leaves the network (buyer groups: refuse it
 * while the organisation is in a launched procedure, otherwise take it out of each group).
 */
export interface DepartureStep {
  /** Throws the rule the departure would break; judged on the other aggregates' own streams. */
  refuse(organisationId: string): Promise<void>;
  /** What follows once `OrganisationLeftNetwork` is recorded, each change caused by it. */
  follow(organisationId: string, left: IdentifiedEvent, context: CommandContext): Promise<void>;
}

/** Where the contexts that depend on the network plug in their departure steps. */
export class NetworkDeparture {
  private readonly steps: DepartureStep[] = [];

  register(step: DepartureStep): void {
    this.steps.push(step);
  }

  async refuse(organisationId: string): Promise<void> {
    for (const step of this.steps) await step.refuse(organisationId);
  }

  async follow(organisationId: string, left: IdentifiedEvent, context: CommandContext): Promise<void> {
    for (const step of this.steps) await step.follow(organisationId, left, context);
  }
}
