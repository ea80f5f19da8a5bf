import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLink {
  streamId: string;
  streamRevision: number;
  type: string;
  /** The data as stored (personal data encrypted), so erasure never breaks the chain. */
  data: unknown;
  previousHash: string;
}

export function chainHash(link: ChainLink): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        streamId: link.streamId,
        streamRevision: link.streamRevision,
        type: link.type,
        data: link.data,
        previousHash: link.previousHash,
      }),
    )
    .digest('hex');
}
