import type { Position } from './event-store.js';

const WIDTH = 20; // digits of 2^64 - 1

/** Fixed-width decimal, so that string order is numeric order. */
export function encodeSequence(value: bigint | number): Position {
  return BigInt(value).toString().padStart(WIDTH, '0');
}

export function decodeSequence(position: Position): bigint {
  if (!/^\d{1,20}$/.test(position)) throw new RangeError(`not a position: ${position}`);
  return BigInt(position);
}
