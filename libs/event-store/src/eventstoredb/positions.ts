import type { Position as EsdbPosition } from '@eventstore/db-client';
import type { Position } from '../event-store.js';
import { encodeSequence } from '../position.js';

const POSITION_PATTERN = /^(\d{20})-(\d{20})$/;
/** What the client reports when the server sent no position (stream reads of some servers). */
const UNSET = 0xffff_ffff_ffff_ffffn;

/** The position only when the server really set one. */
export function presentPosition(position: EsdbPosition | undefined): EsdbPosition | undefined {
  if (!position) return undefined;
  if (position.commit === UNSET || position.prepare === UNSET || position.commit < 0n || position.prepare < 0n) return undefined;
  return position;
}

/**
 * `{commit, prepare}` as two fixed-width decimals, `CCCCCCCCCCCCCCCCCCCC-PPPPPPPPPPPPPPPPPPPP`,
 * so that string order is log order.
 */
export function encodePosition(position: EsdbPosition): Position {
  return `${encodeSequence(position.commit)}-${encodeSequence(position.prepare)}`;
}

export function decodePosition(position: Position): EsdbPosition {
  const match = POSITION_PATTERN.exec(position);
  if (!match) throw new RangeError(`not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/** Log order: commit position first, then prepare position. */
export function comparePositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
