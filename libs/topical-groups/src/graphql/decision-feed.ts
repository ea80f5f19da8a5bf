import { Inject, Injectable } from '@nestjs/common';
import type { DecodedEvent } from '#kernel';
import { StepFeed, type Loaders } from '#graphql';
import { DECISION_EVENT_TYPES, topicalGroupDecider } from '../domain/topical-group.js';
import { TopicalGroupQueries } from '../read-model/topical-groups.queries.js';
import { topicalGroupFromState } from './topical-groups.mappers.js';
import type { DecisionType } from './topical-groups.types.js';


/**
 * What `decisionUpdated` pushes: one Decision per proposal, vote and close, in commit order.
 * Each is the decision exactly as that event left it (its group's stream folded up to the
 * event), so a subscriber that falls behind still sees every step rather than the latest state
 * several times.
 */
@Injectable()
export class DecisionFeed extends StepFeed<DecisionType> {
  @Inject(TopicalGroupQueries) private readonly queries!: TopicalGroupQueries;

  /** Changes of one group, or with none, of every group `subject` belongs to when the change is made. */
  follow(subject: string, topicalGroupId: string | null, loaders?: Loaders): AsyncIterableIterator<DecisionType> {
    return this.steps(
      (event) => {
        if (!event.recorded.streamId.startsWith('topical-group-') || !DECISION_EVENT_TYPES.has(event.type)) return false;
        const groupId = String(event.data['topicalGroupId']);
        return topicalGroupId ? groupId === topicalGroupId : this.queries.isMember(groupId, subject);
      },
      loaders,
    );
  }

  protected async render(event: DecodedEvent): Promise<DecisionType | null> {
    const { state, version } = await this.history.stateAfter(topicalGroupDecider, event);
    const group = topicalGroupFromState(state, version, new Date());
    return group?.snapshot?.decisions.find((decision) => decision.id === event.data['decisionId']) ?? null;
  }
}
