import { WrongExpectedRevisionError, type EventStore, type EventToAppend, type Position, type RecordedEvent } from '#event-store';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import { fold, type Decider, type DomainEvent, type Recorded } from './decider.js';
import { type EventEnvelope, envelopeOf } from './envelope.js';
import { Conflict } from './errors.js';
import type { EventCodec } from './event-codec.js';
import { GENESIS_HASH, chainHash, envelopeHash } from './hash-chain.js';
import { idempotentEventId, newId, scopedIdempotencyKey } from './ids.js';

export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  idempotencyKey?: string | null;
  /** The aggregate version the client last saw; a mismatch is a CONFLICT. */
  expectedVersion?: number | null;
}

export interface CommandHandlingDeps {
  store: EventStore;
  codec: EventCodec;
  clock: Clock;
}

export interface CommandRequest<Command, Event extends DomainEvent, State> {
  decider: Decider<Command, Event, State>;
  streamId: string;
  command: Command;
  context: CommandContext;
  /** Runs against the current state before deciding; throws Forbidden or NotFound. */
  authorize?: (state: State, version: number) => void | Promise<void>;
  /** Other streams that must agree before the decided events are appended; see CommandRule.reserve. */
  reserve?: (decided: IdentifiedEvent[], state: State) => Promise<Undo>;
}

/** A decided event with the id it is (or is about to be) recorded under. */
export type IdentifiedEvent = DomainEvent<string, any> & { eventId: string };

/** Gives back what a reservation took, when the events it was for are not recorded. */
export type Undo = () => Promise<void>;

export interface CommandOutcome<Event, State> {
  state: State;
  /** Number of events in the stream after the command (0: no stream). */
  version: number;
  /** Position to wait for before reading the result (read-your-writes). */
  position: Position;
  /** Events this command recorded; empty when it was a retry of an earlier one. */
  recorded: Event[];
  /** The recorded events with their ids, as causation of what follows from them. */
  identified: IdentifiedEvent[];
  replayed: boolean;
}

const MAX_ATTEMPTS = 5;

/** load stream → fold → authorize → decide → append with the revision that was loaded. */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  deps: CommandHandlingDeps,
  request: CommandRequest<Command, Event, State>,
): Promise<CommandOutcome<Event, State>> {
  /** The version a lost race showed the stream at: a read that is behind it is read again. */
  let seen = 0;
  for (let attempt = 1; ; attempt += 1) {
    let stream = await loadStream(deps, request.streamId);
    for (let reread = 1; stream.events.length < seen && reread < MAX_ATTEMPTS; reread += 1) {
      await backOff(reread);
      stream = await loadStream(deps, request.streamId);
    }
    const state = fold(request.decider, stream.decoded);
    const version = stream.events.length;
    const { expectedVersion } = request.context;
    const idempotencyKey = scopedKeyOf(request);

    const replay = idempotencyKey ? findEarlierResult(stream.events, idempotencyKey, request.streamId) : undefined;
    if (replay) {
      // A store that gives stream reads no position: the head is at or after the first result.
      const position = replay.position || ((await deps.store.headPosition()) ?? '');
      return { state, version: replay.version, position, recorded: [], identified: [], replayed: true };
    }

    if (expectedVersion != null && expectedVersion !== version) throw new Conflict(expectedVersion, version);
    await request.authorize?.(state, version);
    const decided = request.decider.decide(request.command, state);
    if (decided.length === 0) {
      const last = stream.events.at(-1);
      return { state, version, position: last?.position ?? '', recorded: [], identified: [], replayed: false };
    }

    const toAppend = await envelope(deps, request, decided, stream.events.at(-1));
    const identified = decided.map((event, index) => ({ ...event, eventId: toAppend[index]!.id }) as IdentifiedEvent);
    const undo = await request.reserve?.(identified, state);
    try {
      const result = await deps.store.append(request.streamId, toAppend, {
        expectedRevision: version === 0 ? 'no_stream' : version - 1,
      });
      // Same key, same instant: the store kept the other request's copy of these very event ids
      // and recorded nothing of ours. Load again, and answer as the replay this is.
      // What was reserved serves those very events, which are recorded: nothing to give back.
      if (idempotencyKey && !(await isOurs(deps, request.streamId, result.nextRevision, toAppend.at(-1)!))) continue;
      const recordedAt = String(toAppend[0]!.metadata!['recordedAt']);
      const next = decided.reduce((s, e) => request.decider.evolve(s, { ...e, recordedAt }), state);
      return { state: next, version: result.nextRevision + 1, position: result.position, recorded: decided, identified, replayed: false };
    } catch (error) {
      // Whether an append that failed otherwise was recorded is unknown here: the recovery of
      // unfinished changes looks at the stream later and gives back only what serves nothing.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      await undo?.();
      const actual = error.actual === 'no_stream' ? 0 : error.actual + 1;
      // A client that named its version gets the conflict; otherwise decide again on fresh state.
      if (expectedVersion != null || attempt >= MAX_ATTEMPTS) throw new Conflict(expectedVersion ?? version, actual);
      seen = actual;
      await backOff(attempt);
    }
  }
}

/**
 * A short, random pause before trying again: racers that lost together do not collide again in
 * lockstep, and a store whose reads trail its writes (EventStoreDB under load) catches up.
 */
function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt));
}

/** Whether the event at `revision` is the one this attempt appended, not an equal-id copy of another request's. */
async function isOurs(deps: CommandHandlingDeps, streamId: string, revision: number, appended: EventToAppend): Promise<boolean> {
  const [stored] = await deps.store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
  return stored !== undefined && stored.metadata['envelopeHash'] === appended.metadata?.['envelopeHash'];
}

export interface LoadedStream {
  events: RecordedEvent[];
  decoded: Recorded<DomainEvent<string, Record<string, unknown>>>[];
}

/** A stream as stored and as the domain reads it; a missing stream has no events. */
export async function loadStream(deps: Pick<CommandHandlingDeps, 'store' | 'codec'>, streamId: string): Promise<LoadedStream> {
  const events = await deps.store.readStream(streamId);
  const decoded = await Promise.all(events.map((event) => deps.codec.decode(event)));
  return { events, decoded };
}

/** The request's idempotency key scoped to its actor and command type, if it has one. */
function scopedKeyOf<Command, Event extends DomainEvent, State>(request: CommandRequest<Command, Event, State>): string | undefined {
  const { idempotencyKey, actor } = request.context;
  if (!idempotencyKey) return undefined;
  const operation = (request.command as { type?: unknown }).type;
  return scopedIdempotencyKey(idempotencyKey, actor.subject, typeof operation === 'string' ? operation : '');
}

function findEarlierResult(
  events: RecordedEvent[],
  idempotencyKey: string,
  streamId: string,
): { version: number; position: Position } | undefined {
  const firstId = idempotentEventId(idempotencyKey, streamId, 0);
  const index = events.findIndex((event) => event.id === firstId);
  if (index < 0) return undefined;
  const size = envelopeOf(events[index]!.metadata)?.batchSize ?? 1;
  const last = events[Math.min(index + size, events.length) - 1]!;
  return { version: last.revision + 1, position: last.position };
}

async function envelope<Command, Event extends DomainEvent, State>(
  deps: CommandHandlingDeps,
  request: CommandRequest<Command, Event, State>,
  decided: Event[],
  last: RecordedEvent | undefined,
): Promise<EventToAppend[]> {
  const { context, streamId } = request;
  const recordedAt = deps.clock.now().toISOString();
  let previousHash = (last && envelopeOf(last.metadata)?.hash) || GENESIS_HASH;
  let revision = last ? last.revision : -1;
  const out: EventToAppend[] = [];
  for (const [index, event] of decided.entries()) {
    revision += 1;
    const stored = await deps.codec.encode(event);
    const scopedKey = scopedKeyOf(request);
    const eventId = scopedKey ? idempotentEventId(scopedKey, streamId, index) : newId();
    const hash = chainHash({ streamId, streamRevision: revision, type: stored.type, data: stored.data, previousHash });
    const metadata: EventEnvelope = {
      eventId,
      actor: { subject: context.actor.subject, roles: [...context.actor.roles] },
      correlationId: context.correlationId,
      causationId: context.causationId ?? null,
      recordedAt,
      schemaVersion: deps.codec.schemaVersionOf(stored.type),
      previousHash,
      hash,
      batchIndex: index,
      batchSize: decided.length,
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
    };
    metadata.envelopeHash = envelopeHash(metadata);
    out.push({ id: eventId, type: stored.type, data: stored.data, metadata: metadata as unknown as Record<string, unknown> });
    previousHash = hash;
  }
  return out;
}
