import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar, PageInfo } from '#graphql';

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
      'altered, missing, inserted, moved, duplicate, broken-link, reordered, unchained, envelope-altered (its actor, ' +
      'correlation, causation or time does not match its envelopeHash), or legacy (it has no envelopeHash: recorded before ' +
      'envelope hashes existed, or the hash was removed; never accepted as verified).',
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

@ObjectType('AuditCheckpoint', {
  description:
    'A signed statement that the log had treeSize events with this RFC 9162 root. Keep it: any later rewrite, truncation ' +
    'or substitution of the log fails to verify against it (concord audit verify --checkpoint, tools/verify-offline.mjs).',
})
export class AuditCheckpointType {
  @Field({ description: 'SHA-256 of the public key (DER SubjectPublicKeyInfo), hex: which log this is.' }) logId!: string;
  @Field(() => Int) treeSize!: number;
  @Field({ description: 'RFC 9162 Merkle tree hash of the first treeSize events, hex.' }) rootHash!: string;
  @Field(() => Date) issuedAt!: Date;
  @Field({ description: 'Ed25519 signature over signedPayload, base64.' }) signature!: string;
  @Field({ description: 'The canonical JSON of {issuedAt, logId, rootHash, treeSize} that was signed.' }) signedPayload!: string;
  @Field({ description: 'The Ed25519 public key, PEM (SubjectPublicKeyInfo). Obtain it independently too: concord audit public-key.' })
  publicKey!: string;
}

@ObjectType('InclusionProof', { description: 'RFC 9162 2.1.3: the event is leaf leafIndex of the tree of treeSize events.' })
export class InclusionProofType {
  @Field(() => ID) eventId!: string;
  @Field(() => Int, { description: '0-based index of the event in the global order of the log.' }) leafIndex!: number;
  @Field(() => Int) treeSize!: number;
  @Field({ description: 'SHA-256(0x00 ‖ canonical JSON of the exported record), hex.' }) leafHash!: string;
  @Field(() => [String], { description: 'PATH(leafIndex, D[treeSize]), leaf side first, hex.' }) auditPath!: string[];
  @Field({ description: 'The root the path leads to, hex.' }) rootHash!: string;
}

@ObjectType('ConsistencyProof', { description: 'RFC 9162 2.1.4: the tree of fromSize events is a prefix of the tree of toSize.' })
export class ConsistencyProofType {
  @Field(() => Int) fromSize!: number;
  @Field(() => Int) toSize!: number;
  @Field() fromRootHash!: string;
  @Field() toRootHash!: string;
  @Field(() => [String], { description: 'PROOF(fromSize, D[toSize]), hex.' }) proof!: string[];
}
