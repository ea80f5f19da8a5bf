import { expect } from '@jest/globals';
import type { Decider, DomainEvent, Recorded } from '../src/decider.js';
import { ConcordError } from '../src/errors.js';

export interface DeciderSpecOptions<Command, State> {
  /** Who may send the command, judged on the state before deciding, as the command table does. */
  access?: (command: Command, state: State) => void;
}

/** Events of a history as the store hands them back: recorded, at the instant given or at ''. */
export function recorded<Event extends DomainEvent>(events: Iterable<Event & { recordedAt?: string }>): Recorded<Event>[] {
  return [...events].map((event) => ({ ...event, recordedAt: event.recordedAt ?? '' }));
}

/**
 * given(events).when(command).then(events) / .thenFails(code, rule?):
 * the specification form of every domain rule.
 */
export function deciderSpec<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  options: DeciderSpecOptions<Command, State> = {},
) {
  return {
    given(history: Array<Event & { recordedAt?: string }>) {
      // Given as the test wrote them: an event without recordedAt folds as the decider reads a missing instant.
      const state = history.reduce((s, e) => decider.evolve(s, e as Recorded<Event>), decider.initialState);
      return {
        state,
        when(command: Command) {
          const run = () => {
            options.access?.(command, state);
            return decider.decide(command, state);
          };
          return {
            then(expected: Event[]): Event[] {
              const events = run();
              expect(events).toEqual(expected);
              return events;
            },
            /** Checks only that the events match these partial shapes, in order. */
            thenMatches(expected: Array<Partial<Event> & { type: Event['type'] }>): Event[] {
              const events = run();
              expect(events).toMatchObject(expected);
              expect(events).toHaveLength(expected.length);
              return events;
            },
            thenFails(code: string, rule?: string): ConcordError {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(ConcordError);
              const error = thrown as ConcordError;
              expect(error.code).toBe(code);
              if (rule !== undefined) expect(error.details['rule']).toBe(rule);
              return error;
            },
          };
        },
      };
    },
  };
}
