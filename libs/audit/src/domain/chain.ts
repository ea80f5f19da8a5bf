import { GENESIS_HASH, chainHash, envelopeHash, storedChainHash, type HashedEnvelope } from '#kernel';

/**
 * What the hash chain covers of one stored event, and where the event sits. The same shape
 * comes from the live store and from an export file, so both are verified by the same rules.
 */
export interface ChainedEvent {
  id: string;
  streamId: string;
  revision: number;
  /** Global position: ordered strings, as the event store gives them. */
  position: string;
  type: string;
  /** As stored: sealed personal data stays sealed, which is what was hashed. */
  data: unknown;
  /**
   * The data's text as the store recorded it, when the source reads it unparsed: its hash is
   * checked first, and `data` is parsed only when that does not match (see storedChainHash).
   */
  storedData?: string;
  previousHash: string | undefined;
  hash: string | undefined;
  /**
   * The stored envelope (metadata), whose envelopeHash covers who recorded the event, when and
   * why. Events recorded before envelope hashes existed carry none and are accepted without.
   */
  envelope?: Record<string, unknown>;
}

/** How a stream's chain starts. */
export type ChainStart =
  /** The first event must be revision 0 and link to the genesis hash: the whole stream is there. */
  | 'genesis'
  /**
   * The first event present is trusted as the anchor (its revision and previousHash), every
   * later link and every hash is still checked: for exports that start in mid-stream.
   */
  | 'anchored';

export type ChainBreakKind =
  | 'unchained' // no hash at all
  | 'altered' // its hash does not match its type and data
  | 'missing' // a revision is absent: an event was deleted
  | 'inserted' // an event that the chain skips over
  | 'moved' // an event hashed for another revision: swapped, reordered or renumbered
  | 'duplicate' // two events claim the same revision
  | 'broken-link' // its previousHash is not its predecessor's hash
  | 'reordered' // stored after its successor in the global log
  | 'envelope-altered' // its actor, correlation, time… do not match its envelopeHash
  | 'legacy'; // no envelopeHash: recorded before they existed, or removed

/** The first event of a stream that does not belong where it is, and why. */
export interface ChainBreak {
  event: ChainedEvent;
  kind: ChainBreakKind;
  reason: string;
}

/** The last verified event of a stream: what the next one must link to. */
export interface ChainTip {
  revision: number;
  hash: string;
  position: string;
}

/** Whether the event's stored hash is the hash of its content, had it been at `revision`. */
export function hashMatches(event: ChainedEvent, revision: number = event.revision): boolean {
  if (event.hash === undefined || event.previousHash === undefined) return false;
  const link = { streamId: event.streamId, streamRevision: revision, type: event.type, previousHash: event.previousHash };
  if (event.storedData !== undefined && storedChainHash(link, event.storedData) === event.hash) return true;
  return chainHash({ ...link, data: event.data }) === event.hash;
}

/**
 * Whether the rest of the envelope (actor, correlation, causation, time, schema version, event
 * id, idempotency key, batch) is what was recorded: its stored envelopeHash is the hash of it,
 * and the envelope names the event it is stored with. A stored envelope without an envelopeHash
 * does not pass: it was recorded before envelope hashes existed (legacy) or its hash was
 * removed, and the two cannot be told apart, so verification reports it rather than accept it.
 */
export function envelopeMatches(event: ChainedEvent): boolean {
  const envelope = event.envelope;
  if (envelope === undefined) return true;
  if (!('envelopeHash' in envelope)) return false;
  const stored = envelope['envelopeHash'];
  if (typeof stored !== 'string' || event.hash === undefined || envelope['eventId'] !== event.id) return false;
  return envelopeHash({ ...(envelope as unknown as HashedEnvelope), hash: event.hash }) === stored;
}

/**
 * The chain extended by `event`, or undefined when the event does not follow `tip`: wrong
 * revision, wrong hash, wrong link, stored before its predecessor, or an envelope that does
 * not match its envelopeHash. O(1): the first pass of a verification runs this over the whole
 * log in global order.
 */
export function extendChain(tip: ChainTip | undefined, event: ChainedEvent, start: ChainStart): ChainTip | undefined {
  const extended = linkChain(tip, event, start);
  return extended && envelopeMatches(event) ? extended : undefined;
}

/** extendChain for the chain hash and links alone: the fact and its place, not its envelope. */
function linkChain(tip: ChainTip | undefined, event: ChainedEvent, start: ChainStart): ChainTip | undefined {
  if (event.hash === undefined || event.previousHash === undefined) return undefined;
  if (tip) {
    if (event.revision !== tip.revision + 1 || event.previousHash !== tip.hash || event.position <= tip.position) return undefined;
  } else if (start === 'genesis' && (event.revision !== 0 || event.previousHash !== GENESIS_HASH)) {
    return undefined;
  }
  return hashMatches(event) ? { revision: event.revision, hash: event.hash, position: event.position } : undefined;
}

/**
 * Walks one stream in revision order and names the first event that does not belong where it
 * is, with the most precise reason the chain allows. Undefined when the whole stream verifies.
 *
 * What a per-stream chain cannot show: events cut off the end of a stream (the rest still
 * verifies), and a forger who rewrites every later hash too. Both need an anchor kept
 * elsewhere, such as an earlier export of the stream's last hash.
 */
export function diagnoseStream(events: readonly ChainedEvent[], start: ChainStart = 'genesis'): ChainBreak | undefined {
  let tip: ChainTip | undefined;
  let tipEvent: ChainedEvent | undefined;
  /** What the tip itself links to: an event linking there skips over the tip. */
  let beforeTip: string | undefined;
  /**
   * The first chained event whose envelope was edited. The chain is walked on without it, so
   * that an event inserted with a copied envelope is still named as inserted: a break of the
   * chain at or before it is the more precise reason.
   */
  let editedEnvelope: ChainBreak | undefined;
  for (const event of events) {
    const extended = linkChain(tip, event, start);
    if (extended) {
      beforeTip = tip ? tip.hash : event.previousHash;
      tip = extended;
      tipEvent = event;
      if (!editedEnvelope && !envelopeMatches(event)) editedEnvelope = envelopeAltered(event);
      continue;
    }
    const broken = explain(event, { tip, tipEvent, beforeTip, start, highestRevision: events.at(-1)?.revision ?? 0 });
    return editedEnvelope && editedEnvelope.event !== broken.event ? editedEnvelope : broken;
  }
  return editedEnvelope;
}

function envelopeAltered(event: ChainedEvent): ChainBreak {
  if (event.envelope && !('envelopeHash' in event.envelope)) {
    return {
      event,
      kind: 'legacy',
      reason:
        'it carries no envelopeHash: either it was recorded before envelope hashes existed or the hash was removed; ' +
        'who recorded it, when and why are not protected, so it is not accepted as verified',
    };
  }
  const named = event.envelope?.['eventId'];
  return {
    event,
    kind: 'envelope-altered',
    reason:
      named !== undefined && named !== event.id
        ? `its envelope names event ${String(named)}, not this one: the envelope was moved or the event id was changed`
        : 'its envelope (actor, correlation, causation, time, schema version or batch) does not match its envelopeHash: ' +
          'who recorded it, when or why was changed after it was recorded',
  };
}

interface Surroundings {
  tip: ChainTip | undefined;
  tipEvent: ChainedEvent | undefined;
  beforeTip: string | undefined;
  start: ChainStart;
  highestRevision: number;
}

function explain(event: ChainedEvent, around: Surroundings): ChainBreak {
  const { tip, tipEvent, beforeTip, start } = around;
  if (event.hash === undefined || event.previousHash === undefined) {
    return { event, kind: 'unchained', reason: 'it carries no hash: it was not recorded through the command path' };
  }
  const expectedRevision = tip ? tip.revision + 1 : start === 'genesis' ? 0 : event.revision;
  if (event.revision < expectedRevision) {
    return { event, kind: 'duplicate', reason: `revision ${event.revision} appears more than once in the stream` };
  }
  // The event links past its predecessor and was hashed for the predecessor's revision: the
  // predecessor is the intruder, however well its own hash was forged.
  if (tip && tipEvent && event.previousHash === beforeTip && hashMatches(event, tip.revision)) {
    return {
      event: tipEvent,
      kind: 'inserted',
      reason:
        `inserted: the next event was recorded as revision ${tip.revision} and links to the event before this one, ` +
        'so this event is not part of the recorded chain',
    };
  }
  if (event.revision > expectedRevision) {
    const missing = event.revision - 1 === expectedRevision ? `${expectedRevision}` : `${expectedRevision} to ${event.revision - 1}`;
    return { event, kind: 'missing', reason: `revision ${missing} is missing: an event before this one was deleted` };
  }
  const expectedLink = tip ? tip.hash : start === 'genesis' ? GENESIS_HASH : event.previousHash;
  const linked = event.previousHash === expectedLink;
  if (!hashMatches(event)) {
    const recordedAs = revisionHashedFor(event, around.highestRevision + 1);
    if (recordedAs !== undefined) {
      return {
        event,
        kind: 'moved',
        reason:
          `it was recorded as revision ${recordedAs}, not ${event.revision}: ` +
          'events were swapped, reordered or renumbered (after a deletion or an insertion)',
      };
    }
    return linked
      ? { event, kind: 'altered', reason: 'its hash does not match its content: its type or data was changed after it was recorded' }
      : { event, kind: 'altered', reason: 'neither its hash nor its link to the previous event matches: it was altered or replaced' };
  }
  if (!linked) {
    return {
      event,
      kind: 'broken-link',
      reason: tip
        ? `its previousHash is not the hash of revision ${tip.revision}: the chain is broken before it`
        : 'the first event of a stream must link to the genesis hash',
    };
  }
  return {
    event,
    kind: 'reordered',
    reason: `it is stored at position ${event.position}, before revision ${tip!.revision} (position ${tip!.position}): events were reordered`,
  };
}

/** The revision, other than its own, that the event's hash was computed for, if any. */
function revisionHashedFor(event: ChainedEvent, upTo: number): number | undefined {
  for (let revision = 0; revision <= upTo; revision += 1) {
    if (revision !== event.revision && hashMatches(event, revision)) return revision;
  }
  return undefined;
}
