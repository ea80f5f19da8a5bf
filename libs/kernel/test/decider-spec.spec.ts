/**
 * The given / when / then helper itself: it must pass what is right and fail what is wrong,
 * or every decider spec built on it proves nothing.
 */
import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '../testing/decider-spec.js';
import { todoList } from './support/todo-list.js';

const spec = deciderSpec(todoList);
const added = (title: string) => ({ type: 'TaskAdded' as const, data: { title } });

describe('deciderSpec', () => {
  it('folds the given history into the state the command is decided on', () => {
    expect(spec.given([added('a'), added('b'), { type: 'TaskCompleted', data: { title: 'a' } }]).state).toEqual({
      open: ['b'],
      done: ['a'],
      lastChangedAt: null,
    });
    expect(spec.given([]).state).toBe(todoList.initialState);
  });

  describe('then', () => {
    it('passes and returns the events when they are exactly the decided ones', () => {
      const events = spec.given([]).when({ type: 'AddTasks', titles: ['a', 'b'] }).then([added('a'), added('b')]);
      expect(events).toEqual([added('a'), added('b')]);
    });

    it('fails on other events, other order, missing or extra events', () => {
      const when = spec.given([]).when({ type: 'AddTasks', titles: ['a', 'b'] });
      expect(() => when.then([added('a'), added('c')])).toThrow();
      expect(() => when.then([added('b'), added('a')])).toThrow();
      expect(() => when.then([added('a')])).toThrow();
      expect(() => when.then([added('a'), added('b'), added('c')])).toThrow();
    });

    it('fails when the decider refuses', () => {
      expect(() => spec.given([added('a')]).when({ type: 'AddTasks', titles: ['a'] }).then([added('a')])).toThrow(
        /already exists/,
      );
    });
  });

  describe('thenMatches', () => {
    it('passes on matching partial shapes, in order and in number', () => {
      spec.given([]).when({ type: 'AddTasks', titles: ['a', 'b'] }).thenMatches([{ type: 'TaskAdded' }, { type: 'TaskAdded', data: { title: 'b' } }]);
    });

    it('fails on a different shape or a different number of events', () => {
      const when = spec.given([]).when({ type: 'AddTasks', titles: ['a', 'b'] });
      expect(() => when.thenMatches([{ type: 'TaskAdded' }])).toThrow();
      expect(() => when.thenMatches([{ type: 'TaskAdded' }, { type: 'TaskCompleted' }])).toThrow();
      expect(() => when.thenMatches([{ type: 'TaskAdded', data: { title: 'x' } }, { type: 'TaskAdded' }])).toThrow();
    });
  });

  describe('thenFails', () => {
    it('passes on the expected code and rule, and returns the error', () => {
      const error = spec.given([added('a')]).when({ type: 'AddTasks', titles: ['a'] }).thenFails('DOMAIN_RULE_VIOLATED', 'task-title-unique');
      expect(error.message).toMatch(/already exists/);
      // The rule is optional.
      spec.given([]).when({ type: 'CompleteTask', title: 'a' }).thenFails('DOMAIN_RULE_VIOLATED');
    });

    it('fails when the decider accepts the command', () => {
      expect(() => spec.given([]).when({ type: 'AddTasks', titles: ['a'] }).thenFails('DOMAIN_RULE_VIOLATED')).toThrow();
    });

    it('fails on another code or another rule', () => {
      const when = spec.given([added('a')]).when({ type: 'AddTasks', titles: ['a'] });
      expect(() => when.thenFails('CONFLICT')).toThrow();
      expect(() => when.thenFails('DOMAIN_RULE_VIOLATED', 'task-must-be-open')).toThrow();
    });

    it('fails when the decider throws something that is not a ConcordError', () => {
      const broken = deciderSpec({
        initialState: 0,
        decide: (): { type: 'X'; data: null }[] => {
          throw new TypeError('bug');
        },
        evolve: (state: number) => state,
      });
      expect(() => broken.given([]).when({}).thenFails('DOMAIN_RULE_VIOLATED')).toThrow();
    });
  });
});
