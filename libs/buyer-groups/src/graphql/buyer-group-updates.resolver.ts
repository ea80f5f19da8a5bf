import { Inject } from '@nestjs/common';
import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { EVENT_STORE, type EventStore } from '#event-store';
import { EventCodec, fold, loadStream, type DecodedEvent } from '#kernel';
import { CurrentRequest, LiveFeed, RenderedOnce, type RequestContext } from '#graphql';
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
export class BuyerGroupUpdatesResolver {
  private readonly rendered = new RenderedOnce((event) => this.groupAfter(event));

  constructor(
    @Inject(LiveFeed) private readonly feed: LiveFeed,
    @Inject(BuyerGroupsQueries) private readonly queries: BuyerGroupsQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EventCodec) private readonly codec: EventCodec,
  ) {}

  @Subscription(() => BuyerGroupType, {
    description: 'The group after every change, one message per command, in order; without id, every group.',
    resolve: (group: BuyerGroupType) => group,
  })
  buyerGroupUpdated(
    @CurrentRequest() request: RequestContext,
    @Args('id', { type: () => ID, nullable: true }) id?: string | null,
  ): AsyncIterableIterator<BuyerGroupType> {
    const streamId = id ? buyerGroupStream(id) : null;
    return this.feed.stream(
      (event) => (streamId ? event.recorded.streamId === streamId : event.recorded.streamId.startsWith(STREAM_PREFIX)),
      (event) => this.rendered.of(event),
      // The subscription's context lives as long as it does: each message loads fresh references.
      { loaders: request.loaders },
    );
  }

  /** The group as this change left it, even when later changes were projected in the same batch. */
  private async groupAfter(event: DecodedEvent): Promise<BuyerGroupType | null> {
    const version = event.recorded.revision + 1;
    const row = this.queries.buyerGroup(String(event.data['buyerGroupId']));
    if (row && row.version === version) return buyerGroupFromRow(row);
    const stream = await loadStream({ store: this.store, codec: this.codec }, event.recorded.streamId);
    return buyerGroupFromState(fold(buyerGroupDecider, stream.decoded.slice(0, version)), version);
  }
}
