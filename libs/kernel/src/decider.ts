/** An event as the domain decides it: a past-tense fact with its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** An event read back from the store: it always knows when it was recorded. */
export type Recorded<Event extends DomainEvent> = Event & { recordedAt: string };

/**
 * A decider is the whole behaviour of one aggregate as pure functions: `decide` turns a command
 * into new events (or throws a DomainRuleViolation), `evolve` folds a recorded event into the
 * state. The write side, time travel and read models use the same `evolve`. An aggregate's
 * state is null until its creating event: that is how every decider says "does not exist".
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Recorded<Event>): State;
}

/** What folding needs of a decider: time travel and read models use no more. */
export type Evolver<Event extends DomainEvent, State> = Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>;

export function fold<Event extends DomainEvent, State>(decider: Evolver<Event, State>, events: Iterable<Recorded<DomainEvent>>): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event as Recorded<Event>);
  return state;
}
