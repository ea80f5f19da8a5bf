import { describe, expect, it } from '@jest/globals';
import { GENESIS_HASH, chainHash, envelopeHash, type EventEnvelope } from '#kernel';
import { verifyChains, type ChainSource } from '../src/application/verification.js';
import { diagnoseStream, envelopeMatches, extendChain, hashMatches, type ChainedEvent } from '../src/domain/chain.js';

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

/** The envelope handleCommand stores with an event, envelope hash included. */
function envelopeFor(event: ChainedEvent, overrides: Partial<EventEnvelope> = {}): Record<string, unknown> {
  const envelope: EventEnvelope = {
    eventId: event.id,
    actor: { subject: 'admin', roles: ['ADMIN'] },
    correlationId: `corr-${event.revision}`,
    causationId: null,
    recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, event.revision)).toISOString(),
    schemaVersion: 1,
    previousHash: event.previousHash!,
    hash: event.hash!,
    batchIndex: 0,
    batchSize: 1,
    ...overrides,
  };
  return { ...envelope, envelopeHash: envelopeHash(envelope) };
}

/** A chain as recorded since envelope hashes exist: every event carries one. */
function enveloped(count: number): ChainedEvent[] {
  return chain(count).map((event) => ({ ...event, envelope: envelopeFor(event) }));
}

/** The same event with fields of its stored envelope edited, and its envelopeHash left as it was. */
function editEnvelope(event: ChainedEvent, edit: Record<string, unknown>): ChainedEvent {
  return { ...event, envelope: { ...event.envelope, ...edit } };
}

const ENVELOPE_ALTERED = expect.stringMatching(/does not match its envelopeHash/);

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

  describe('envelope hash', () => {
    it('an intact chain with envelope hashes verifies, in both passes', () => {
      const events = enveloped(4);
      expect(diagnoseStream(events)).toBeUndefined();
      expect(events.every((event) => envelopeMatches(event))).toBe(true);
      let tip = extendChain(undefined, events[0]!, 'genesis');
      for (const event of events.slice(1)) tip = extendChain(tip, event, 'genesis');
      expect(tip).toMatchObject({ revision: 3 });
    });

    it.each([
      ['actor', { actor: { subject: 'mallory', roles: ['ADMIN'] } }],
      ['actor roles', { actor: { subject: 'admin', roles: ['ADMIN', 'AUDITOR'] } }],
      ['recordedAt', { recordedAt: '2020-02-02T00:00:00.000Z' }],
      ['correlationId', { correlationId: 'corr-forged' }],
      ['causationId', { causationId: 'cause-forged' }],
      ['schemaVersion', { schemaVersion: 2 }],
      ['batchSize', { batchSize: 3 }],
      ['idempotencyKey (added)', { idempotencyKey: 'key-forged' }],
    ])('an edited %s is named, as envelope-altered', (_field, edit) => {
      const events = enveloped(4);
      events[2] = editEnvelope(events[2]!, edit);
      expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e2' }, kind: 'envelope-altered', reason: ENVELOPE_ALTERED });
      expect(envelopeMatches(events[2]!)).toBe(false);
      // The first pass refuses the event itself, so the stream is read again and diagnosed.
      const tip = extendChain(extendChain(undefined, events[0]!, 'genesis'), events[1]!, 'genesis');
      expect(extendChain(tip, events[2]!, 'genesis')).toBeUndefined();
    });

    it('an envelope copied from another event is named: it is bound to that event by its id and hash', () => {
      const events = enveloped(3);
      // The envelope of e2 copied onto e1 (hash and all): it names another event and another hash.
      events[1] = { ...events[1]!, envelope: { ...events[2]!.envelope } };
      expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e1' }, kind: 'envelope-altered', reason: expect.stringMatching(/names event e2/) });
    });

    it('an envelope hash that is not a string does not verify', () => {
      const events = enveloped(2);
      events[1] = editEnvelope(events[1]!, { envelopeHash: null });
      expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e1' }, kind: 'envelope-altered' });
    });

    it('an event without an envelope hash is reported as legacy, never accepted: its envelope could have been edited and the hash removed', () => {
      const old = chain(3).map((event) => ({ ...event, envelope: { eventId: event.id, actor: { subject: 'x', roles: [] } } }));
      expect(diagnoseStream(old)).toMatchObject({ event: { id: 'e0' }, kind: 'legacy', reason: expect.stringMatching(/carries no envelopeHash/) });
      const stripped = enveloped(4);
      const { envelopeHash: _removed, ...withoutHash } = stripped[2]!.envelope!;
      stripped[2] = { ...stripped[2]!, envelope: { ...withoutHash, actor: { subject: 'mallory', roles: [] } } };
      expect(diagnoseStream(stripped)).toMatchObject({ event: { id: 'e2' }, kind: 'legacy' });
      expect(extendChain(extendChain(extendChain(undefined, stripped[0]!, 'genesis'), stripped[1]!, 'genesis'), stripped[2]!, 'genesis')).toBeUndefined();
    });

    it('the earlier of an envelope edit and a chain break is named', () => {
      const events = enveloped(5);
      events[1] = editEnvelope(events[1]!, { recordedAt: '2020-02-02T00:00:00.000Z' });
      events[3] = { ...events[3]!, data: { edited: true } };
      expect(diagnoseStream(events)).toMatchObject({ event: { id: 'e1' }, kind: 'envelope-altered' });
      const later = enveloped(5);
      later[1] = { ...later[1]!, data: { edited: true } };
      later[3] = editEnvelope(later[3]!, { recordedAt: '2020-02-02T00:00:00.000Z' });
      expect(diagnoseStream(later)).toMatchObject({ event: { id: 'e1' }, kind: 'altered' });
    });

    it('an inserted event carrying a copied envelope is still named as inserted', () => {
      const events = enveloped(4);
      const intruder = forged(events, 2, 99);
      intruder.envelope = { ...events[1]!.envelope, eventId: intruder.id, previousHash: intruder.previousHash, hash: intruder.hash };
      const shifted = events.slice(2).map((event) => ({ ...event, revision: event.revision + 1 }));
      expect(diagnoseStream([...events.slice(0, 2), intruder, ...shifted])).toMatchObject({ event: { id: 'forged' }, kind: 'inserted' });
    });

    it('verifyChains reports the edited envelope across the whole log', async () => {
      const events = enveloped(4);
      events[1] = editEnvelope(events[1]!, { correlationId: 'corr-forged' });
      const other = chain(2, 'organisation-8', 2).map((event) => ({ ...event, envelope: envelopeFor(event) }));
      const log = [...events, ...other].sort((a, b) => (a.position < b.position ? -1 : 1));
      const source: ChainSource = {
        async *pages() {
          yield log;
        },
        stream: async (streamId) => log.filter((event) => event.streamId === streamId),
      };
      const report = await verifyChains(source);
      expect(report).toMatchObject({ valid: false, streamsChecked: 2, eventsChecked: 6, brokenStreams: [STREAM] });
      expect(report.firstBreak).toMatchObject({ event: { id: 'e1' }, kind: 'envelope-altered', reason: ENVELOPE_ALTERED });
    });
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
