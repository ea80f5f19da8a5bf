import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentRequest, type RequestContext } from '#graphql';
import { AuditProofs, type AuditCheckpointView, type ConsistencyProofView, type InclusionProofView } from '../application/audit-proofs.js';
import { AuditCheckpointType, ConsistencyProofType, InclusionProofType } from './audit.types.js';

@Resolver()
export class AuditProofsResolver {
  constructor(@Inject(AuditProofs) private readonly proofs: AuditProofs) {}

  @Query(() => AuditCheckpointType, { description: 'The latest signed checkpoint of the Merkle log, with its public key (AUDITOR, ADMIN).' })
  auditCheckpoint(@CurrentRequest() request: RequestContext): Promise<AuditCheckpointView> {
    return this.proofs.latestCheckpoint(request.actor!);
  }

  @Query(() => InclusionProofType, {
    description: 'Proves the event is in the log at treeSize (default: the tree as this instance has projected it) (AUDITOR, ADMIN).',
  })
  inclusionProof(
    @CurrentRequest() request: RequestContext,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('treeSize', { type: () => Int, nullable: true }) treeSize?: number | null,
  ): InclusionProofView {
    return this.proofs.inclusionProof(request.actor!, eventId, treeSize);
  }

  @Query(() => ConsistencyProofType, {
    description: 'Proves the log of fromSize events is a prefix of the log at toSize (default: the current tree) (AUDITOR, ADMIN).',
  })
  consistencyProof(
    @CurrentRequest() request: RequestContext,
    @Args('fromSize', { type: () => Int }) fromSize: number,
    @Args('toSize', { type: () => Int, nullable: true }) toSize?: number | null,
  ): ConsistencyProofView {
    return this.proofs.consistencyProof(request.actor!, fromSize, toSize);
  }
}
