/** An event as the domain sees it: a past-tense fact with its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  /** When it was recorded: set on events read back from the store, absent on new ones. */
  recordedAt?: string;
}

/**
 * A decider is the whole behaviour of one aggregate as pure functions: `decide` turns a command
 * into new events (or throws a DomainRuleViolation), `evolve` folds an event into the state.
 * The write side and time travel use the same `evolve`.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
