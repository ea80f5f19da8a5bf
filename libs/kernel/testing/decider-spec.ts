import { expect } from '@jest/globals';
import type { Decider, DomainEvent } from '../src/decider.js';
import { ConcordError } from '../src/errors.js';

/**
 * given(events).when(command).then(events) / .thenFails(code, rule?):
 * the specification form of every domain rule.
 */
export function deciderSpec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(history: Event[]) {
      const state = history.reduce((s, e) => decider.evolve(s, e), decider.initialState);
      return {
        state,
        when(command: Command) {
          const run = () => decider.decide(command, state);
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
