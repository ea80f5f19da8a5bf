import { Inject } from '@nestjs/common';
import { Args, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentRequest, LiveFeed, type RequestContext, AfterArg, FirstArg } from '#graphql';
import { matchesAuditFilter } from '../domain/audit-filter.js';
import { AuditTrail, auditFilter, type AuditPage, type AuditVerificationView } from '../application/audit-trail.js';
import type { AuditEventView } from '../application/audit-event-view.js';
import { AuditEventConnection, AuditEventType, AuditFilterInput, AuditVerificationType } from './audit.types.js';

@Resolver(() => AuditEventType)
export class AuditResolver {
  constructor(
    @Inject(AuditTrail) private readonly trail: AuditTrail,
    @Inject(LiveFeed) private readonly feed: LiveFeed,
  ) {}

  @Query(() => AuditEventConnection, { description: 'Every event of one stream, in revision order (AUDITOR, ADMIN).' })
  streamHistory(
    @CurrentRequest() request: RequestContext,
    @Args('streamId') streamId: string,
    @FirstArg(100) first: number | null,
    @AfterArg() after?: string | null,
  ): Promise<AuditPage> {
    return this.trail.streamHistory(request.actor!, streamId, { first, after });
  }

  @Query(() => AuditEventConnection, { description: 'The whole event log in global order, filtered (AUDITOR, ADMIN).' })
  auditLog(
    @CurrentRequest() request: RequestContext,
    @Args('filter', { type: () => AuditFilterInput, nullable: true }) filter: AuditFilterInput | null,
    @FirstArg(100) first: number | null,
    @AfterArg() after?: string | null,
  ): Promise<AuditPage> {
    return this.trail.auditLog(request.actor!, auditFilter(filter), { first, after });
  }

  @Query(() => AuditVerificationType, { description: 'Recomputes the hash chain of one stream, or of all (AUDITOR, ADMIN).' })
  verifyAuditTrail(
    @CurrentRequest() request: RequestContext,
    @Args('streamId', { type: () => String, nullable: true }) streamId?: string | null,
  ): Promise<AuditVerificationView> {
    return this.trail.verify(request.actor!, streamId);
  }

  @Subscription(() => AuditEventType, {
    description: 'Every event as this instance projects it (AUDITOR, ADMIN).',
    resolve: (event: AuditEventView) => event,
  })
  eventRecorded(
    @CurrentRequest() request: RequestContext,
    @Args('filter', { type: () => AuditFilterInput, nullable: true }) filter: AuditFilterInput | null,
  ): AsyncIterableIterator<AuditEventView> {
    this.trail.authorizeFollowing(request.actor!);
    const criteria = auditFilter(filter);
    return this.feed.stream(
      (event) => matchesAuditFilter(event.recorded, criteria),
      (event) => this.trail.view(event.recorded, request.actor!),
      { everyEvent: true },
    );
  }
}
