/**
 * A tiny to-do list decider used to exercise the kernel: small enough to read at a glance, with
 * one rule per command so tests can make the decider refuse on purpose.
 */
import type { Decider } from '../../src/decider.js';
import { DomainRuleViolation } from '../../src/errors.js';

export type TodoCommand =
  | { type: 'AddTasks'; titles: string[]; dueOn?: unknown }
  | { type: 'CompleteTask'; title: string }
  | { type: 'Nothing' };

export type TodoEvent =
  | { type: 'TaskAdded'; data: { title: string; dueOn?: unknown }; recordedAt?: string }
  | { type: 'TaskCompleted'; data: { title: string }; recordedAt?: string };

export interface TodoState {
  open: string[];
  done: string[];
  lastChangedAt: string | null;
}

export const todoList: Decider<TodoCommand, TodoEvent, TodoState> & { decisions: number } = {
  decisions: 0,
  initialState: { open: [], done: [], lastChangedAt: null },
  decide(command, state) {
    todoList.decisions += 1;
    switch (command.type) {
      case 'AddTasks':
        for (const title of command.titles) {
          if (state.open.includes(title) || state.done.includes(title)) {
            throw new DomainRuleViolation('task-title-unique', `a task named ${title} already exists`);
          }
        }
        return command.titles.map((title) => ({
          type: 'TaskAdded' as const,
          data: command.dueOn === undefined ? { title } : { title, dueOn: command.dueOn },
        }));
      case 'CompleteTask':
        if (!state.open.includes(command.title)) {
          throw new DomainRuleViolation('task-must-be-open', `no open task named ${command.title}`);
        }
        return [{ type: 'TaskCompleted', data: { title: command.title } }];
      case 'Nothing':
        return [];
    }
  },
  evolve(state, event) {
    const lastChangedAt = event.recordedAt ?? state.lastChangedAt;
    switch (event.type) {
      case 'TaskAdded':
        return { ...state, open: [...state.open, event.data.title], lastChangedAt };
      case 'TaskCompleted':
        return {
          open: state.open.filter((title) => title !== event.data.title),
          done: [...state.done, event.data.title],
          lastChangedAt,
        };
    }
  },
};
