import { Inject } from '@nestjs/common';
import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import type { DecodedEvent } from '#kernel';
import { CurrentRequest, StepFeed, type RequestContext } from '#graphql';
import { buyerGroupDecider, buyerGroupStream } from '../domain/buyer-group.js';
import { BuyerGroupsQueries } from '../read-model/buyer-groups.queries.js';
import { buyerGroupFromRow, buyerGroupFromState } from './buyer-groups.mappers.js';
import { BuyerGroupType } from './buyer-groups.types.js';

const STREAM_PREFIX = buyerGroupStream('');

/**
 * `buyerGroupUpdated`: the group after each change, fed by this instance's projection runner
 * after commit, so any number of API instances serve it without a broker.
 */
@Resolver(() => BuyerGroupType)
export class BuyerGroupUpdatesResolver extends StepFeed<BuyerGroupType> {
  @Inject(BuyerGroupsQueries) private readonly queries!: BuyerGroupsQueries;

  @Subscription(() => BuyerGroupType, {
    description: 'The group after every change, one message per command, in order; without id, every group.',
    resolve: (group: BuyerGroupType) => group,
  })
  buyerGroupUpdated(
    @CurrentRequest() request: RequestContext,
    @Args('id', { type: () => ID, nullable: true }) id?: string | null,
  ): AsyncIterableIterator<BuyerGroupType> {
    const streamId = id ? buyerGroupStream(id) : null;
    return this.steps(
      (event) => (streamId ? event.recorded.streamId === streamId : event.recorded.streamId.startsWith(STREAM_PREFIX)),
      request.loaders,
    );
  }

  /** The group as this change left it, even when later changes were projected in the same batch. */
  protected async render(event: DecodedEvent): Promise<BuyerGroupType | null> {
    const version = event.recorded.revision + 1;
    const row = this.queries.buyerGroup(String(event.data['buyerGroupId']));
    if (row && row.version === version) return buyerGroupFromRow(row);
    const after = await this.history.stateAfter(buyerGroupDecider, event);
    return buyerGroupFromState(after.state, after.version);
  }
}
