import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar, PageInfo } from '../../../graphql/src/index.js';

@ObjectType('Actor', { description: 'Who recorded an event, as the token said at the time.' })
export class ActorType {
  @Field() subject!: string;
  @Field(() => [String]) roles!: string[];
}

@ObjectType('AuditEvent', { description: 'One recorded event, read from the event store itself.' })
export class AuditEventType {
  @Field(() => ID, { description: 'The event id.' }) id!: string;
  @Field() streamId!: string;
  @Field(() => Int, { description: '0-based position in its stream.' }) streamRevision!: number;
  @Field({ description: 'Global position: opaque, but ordered as a string.' }) position!: string;
  @Field() type!: string;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => ActorType, { nullable: true }) actor!: ActorType | null;
  @Field(() => String, { nullable: true, description: 'Shared by every event one mutation recorded (x-correlation-id).' })
  correlationId!: string | null;
  @Field(() => String, { nullable: true }) causationId!: string | null;
  @Field(() => JsonScalar, { description: 'Personal data shows as "[erased]" once crypto-shredded.' }) data!: unknown;
  @Field({ description: 'Hash of the previous event of the stream; 64 zeros for the first.' }) previousHash!: string;
  @Field({ description: 'sha256 of the canonical JSON of {streamId, streamRevision, type, data as stored, previousHash}.' })
  hash!: string;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field() cursor!: string;
  @Field(() => AuditEventType) node!: AuditEventType;
}

/** No totalCount: counting a filtered log would read all of it on every page. */
@ObjectType('AuditEventConnection', {
  description:
    'Events in order. auditLog reads a bounded number of events per request: a page may hold fewer edges than asked ' +
    'while hasNextPage is true; continue from endCursor, which may lie past the last edge.',
})
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges!: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('AuditVerification', {
  description: 'The per-stream hash chains, and each envelope hash, recomputed from the stored events.',
})
export class AuditVerificationType {
  @Field() valid!: boolean;
  @Field(() => Int) streamsChecked!: number;
  @Field(() => Int) eventsChecked!: number;
  @Field(() => AuditEventType, { nullable: true, description: 'The first event whose hash, link or envelope hash does not match.' })
  firstInvalidEvent!: AuditEventType | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'altered, missing, inserted, moved, duplicate, broken-link, reordered, unchained, or envelope-altered (its actor, ' +
      'correlation, causation or time does not match its envelopeHash; events recorded before envelope hashes have none).',
  })
  kind!: string | null;
  @Field(() => [String], { description: 'Every stream whose chain does not verify.' }) brokenStreams!: string[];
}

@InputType('AuditFilter', { description: 'Every criterion given must hold.' })
export class AuditFilterInput {
  @Field(() => String, { nullable: true, description: 'e.g. "organisation-", or a whole stream id.' }) streamPrefix?: string | null;
  @Field(() => [String], { nullable: true }) types?: string[] | null;
  @Field(() => String, { nullable: true, description: 'The acting subject (token sub).' }) subject?: string | null;
  @Field(() => String, { nullable: true }) correlationId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Inclusive.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Exclusive: [from, to).' }) to?: Date | null;
}
