import { describe, expect, it } from '@jest/globals';
import { GENESIS_HASH, chainHash } from '../../kernel/src/index.js';
import { diagnoseStream, extendChain, hashMatches, type ChainedEvent } from '../src/domain/chain.js';

/**
 * The verifier's rules on hand-built chains: each kind of tampering names the right event
 * with the right reason, and an intact chain (whole or anchored) verifies.
 */

const STREAM = 'organisation-7';

/** A chain of `count` events, hashed the way handleCommand records them. */
function chain(count: number, streamId = STREAM, firstPosition = 1): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let previousHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision += 1) {
    const type = revision === 0 ? 'OrganisationRegistered' : 'OrganisationRenamed';
    const data = { organisationId: '7', name: `Name ${revision}` };
    const hash = chainHash({ streamId, streamRevision: revision, type, data, previousHash });
    events.push({ id: `e${revision}`, streamId, revision, position: pos(firstPosition + revision * 2), type, data, previousHash, hash });
    previousHash = hash;
  }
  return events;
}

const pos = (n: number) => String(n).padStart(20, '0');

/** What a forger who knows the algorithm makes: a correctly hashed event at `revision`. */
function forged(at: ChainedEvent[], revision: number, position: number): ChainedEvent {
  const previousHash = revision === 0 ? GENESIS_HASH : at[revision - 1]!.hash!;
  const data = { organisationId: '7', name: 'Forged' };
  const type = 'OrganisationRenamed';
  return {
    id: 'forged',
    streamId: STREAM,
    revision,
    position: pos(position),
    type,
    data,
    previousHash,
    hash: chainHash({ streamId: STREAM, streamRevision: revision, type, data, previousHash }),
  };
}

describe('hash chain verification', () => {
  it('an intact stream verifies, from genesis', () => {
    expect(diagnoseStream(chain(5))).toBeUndefined();
    expect(chain(5).every((event) => hashMatches(event))).toBe(true);
  });

  it('an edited data field is named, as altered', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, data: { organisationId: '7', name: 'Edited' } };
    expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e2' }, kind: 'altered', reason: expect.stringMatching(/type or data was changed/) });
  });

  it('an edited type is named, as altered', () => {
    const events = chain(5);
    events[3] = { ...events[3]!, type: 'OrganisationLeftNetwork' };
    expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e3' }, kind: 'altered' });
  });

  it('a deleted event: the event after the gap is named, and the missing revision', () => {
    const events = chain(5);
    events.splice(2, 1);
    expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e3' }, kind: 'missing', reason: expect.stringMatching(/revision 2 is missing/) });
  });

  it('a deleted event with later revisions renumbered to close the gap: the renumbered event is named', () => {
    const events = chain(5);
    events.splice(2, 1);
    const renumbered = events.map((event, index) => ({ ...event, revision: index }));
    expect(diagnoseStream(renumbered)).toMatchObject({ event: { id: 'e3' }, kind: 'moved', reason: expect.stringMatching(/recorded as revision 3, not 2/) });
  });

  it('the first event deleted: the stream no longer starts at revision 0', () => {
    expect(diagnoseStream(chain(3).slice(1))).toMatchObject({ event: { id: 'e1' }, kind: 'missing', reason: expect.stringMatching(/revision 0 is missing/) });
  });

  it('two events swapped (content exchanged between revisions): the earlier slot is named', () => {
    const events = chain(5);
    const [a, b] = [events[1]!, events[3]!];
    events[1] = { ...b, revision: 1, position: a.position, id: a.id };
    events[3] = { ...a, revision: 3, position: b.position, id: b.id };
    expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e1', revision: 1 }, kind: 'moved', reason: expect.stringMatching(/recorded as revision 3/) });
  });

  it('events reordered in the global log but not in the stream: named as reordered', () => {
    const events = chain(4);
    const [a, b] = [events[1]!.position, events[2]!.position];
    events[1] = { ...events[1]!, position: b };
    events[2] = { ...events[2]!, position: a };
    expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e2' }, kind: 'reordered' });
  });

  it('an inserted event with a forged but valid hash, later revisions shifted: the inserted event is named', () => {
    const events = chain(5);
    const shifted = events.slice(2).map((event) => ({ ...event, revision: event.revision + 1 }));
    const tampered = [...events.slice(0, 2), forged(events, 2, 99), ...shifted];
    expect(diagnoseStream(tampered)).toMatchObject({ event: { id: 'forged' }, kind: 'inserted', reason: expect.stringMatching(/not part of the recorded chain/) });
  });

  it('an inserted event at the very start is named too', () => {
    const events = chain(3);
    const tampered = [forged(events, 0, 99), ...events.map((event) => ({ ...event, revision: event.revision + 1 }))];
    expect(diagnoseStream(tampered)).toMatchObject({ event: { id: 'forged' }, kind: 'inserted' });
  });

  it('an inserted event with a made-up hash is named as altered', () => {
    const events = chain(3);
    const intruder = { ...forged(events, 3, 99), hash: 'f'.repeat(64) };
    expect(diagnoseStream([...events, intruder])).toMatchObject({ event: { id: 'forged' }, kind: 'altered' });
  });

  it('two events claiming one revision: the second is named', () => {
    const events = chain(3);
    const copy = { ...events[1]!, id: 'copy', position: pos(98) };
    expect(diagnoseStream([events[0]!, events[1]!, copy, events[2]!])).toMatchObject({ event: { id: 'copy' }, kind: 'duplicate' });
  });

  it('an event without a hash is named as unchained', () => {
    const events = chain(3);
    events[1] = { ...events[1]!, hash: undefined, previousHash: undefined };
    expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e1' }, kind: 'unchained' });
  });

  it('a broken link with a self-consistent hash is named as a broken link', () => {
    const events = chain(3);
    const previousHash = 'a'.repeat(64);
    const relinked = { ...events[2]!, previousHash };
    relinked.hash = chainHash({ streamId: STREAM, streamRevision: 2, type: relinked.type, data: relinked.data, previousHash });
    expect(diagnoseStream([events[0]!, events[1]!, relinked])).toMatchObject({ event: { id: 'e2' }, kind: 'broken-link' });
  });

  it('anchored: a stream that starts in mid-stream verifies from its first event, and is still checked after it', () => {
    const tail = chain(6).slice(3);
    expect(diagnoseStream(tail, 'genesis')).toMatchObject({ event: { id: 'e3' }, kind: 'missing' });
    expect(diagnoseStream(tail, 'anchored')).toBeUndefined();
    tail[1] = { ...tail[1]!, data: { edited: true } };
    expect(diagnoseStream(tail, 'anchored')).toMatchObject({ event: { id: 'e4' }, kind: 'altered' });
  });

  it('anchored: the anchor itself must still hash to its stored hash', () => {
    const tail = chain(4).slice(2);
    tail[0] = { ...tail[0]!, type: 'Edited' };
    expect(diagnoseStream(tail, 'anchored')).toMatchObject({ event: { id: 'e2' }, kind: 'altered' });
  });

  it('extendChain is the one-pass rule: it accepts exactly the next linked event', () => {
    const [e0, e1, e2] = chain(3);
    const tip0 = extendChain(undefined, e0!, 'genesis');
    expect(tip0).toEqual({ revision: 0, hash: e0!.hash, position: e0!.position });
    expect(extendChain(tip0, e2!, 'genesis')).toBeUndefined();
    expect(extendChain(undefined, e1!, 'genesis')).toBeUndefined();
    expect(extendChain(undefined, e1!, 'anchored')).toMatchObject({ revision: 1 });
    expect(extendChain(tip0, e1!, 'genesis')).toMatchObject({ revision: 1, hash: e1!.hash });
  });
});
