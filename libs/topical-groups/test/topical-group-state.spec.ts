import { describe, expect, it } from '@jest/globals';
import { fold } from '#kernel';
import { recorded } from '../../kernel/testing/decider-spec.js';
import { actionOverdue, decisionOverdue, topicalGroupDecider, type ActiveTopicalGroup } from '../src/domain/topical-group.js';
import { ANNA, BRUNO, LEADER, adopted, assigned, completed, created, joined, ledGroup, left, proposed, voted } from './fixtures.js';

const at = (event: ReturnType<typeof created>, recordedAt: string) => ({ ...event, recordedAt });

describe('the state folded from the stream (what time travel renders)', () => {
  it('keeps members in joining order, the leader, and each member’s last vote', () => {
    const state = fold(topicalGroupDecider, recorded([
      ...ledGroup(),
      left(BRUNO),
      joined(BRUNO),
      proposed(),
      at(voted(ANNA, 'FOR'), '2027-03-01T10:00:00.000Z'),
      voted(BRUNO, 'AGAINST'),
      at(voted(ANNA, 'ABSTAIN', 'FOR'), '2027-03-01T11:00:00.000Z'),
      at(adopted(), '2027-03-02T09:00:00.000Z'),
    ])) as ActiveTopicalGroup;
    expect(state.members.map((member) => member.memberId)).toEqual([LEADER, ANNA, BRUNO]);
    expect(state.leaderId).toBe(LEADER);
    expect(state.decisions[0]!.votes).toEqual([
      { memberId: ANNA, choice: 'ABSTAIN', castAt: '2027-03-01T11:00:00.000Z' },
      { memberId: BRUNO, choice: 'AGAINST', castAt: '' },
    ]);
    expect(state.decisions[0]).toMatchObject({ status: 'ADOPTED', closedAt: '2027-03-02T09:00:00.000Z' });
  });

  it('marks an action completed, by whom and when', () => {
    const state = fold(topicalGroupDecider, recorded([...ledGroup(), assigned(ANNA), at(completed(LEADER), '2027-04-01T08:00:00.000Z')])) as ActiveTopicalGroup;
    expect(state.actions[0]).toMatchObject({ completedAt: '2027-04-01T08:00:00.000Z', completedBy: LEADER });
  });
});

describe('overdue, read against the clock', () => {
  const now = new Date('2027-05-01T12:00:00.000Z');

  it('a decision still OPEN after its due date is overdue', () => {
    expect(decisionOverdue({ status: 'OPEN', dueBy: '2027-05-01T11:59:59.000Z' }, now)).toBe(true);
  });

  it('is not overdue before its due date, without one, or once closed', () => {
    expect(decisionOverdue({ status: 'OPEN', dueBy: '2027-05-01T12:00:01.000Z' }, now)).toBe(false);
    expect(decisionOverdue({ status: 'OPEN', dueBy: null }, now)).toBe(false);
    expect(decisionOverdue({ status: 'ADOPTED', dueBy: '2027-01-01T00:00:00.000Z' }, now)).toBe(false);
    expect(decisionOverdue({ status: 'REJECTED', dueBy: '2027-01-01T00:00:00.000Z' }, now)).toBe(false);
  });

  it('an action not completed after its due date is overdue; a completed one is not', () => {
    expect(actionOverdue({ completedAt: null, dueBy: '2027-04-30T00:00:00.000Z' }, now)).toBe(true);
    expect(actionOverdue({ completedAt: '2027-05-01T00:00:00.000Z', dueBy: '2027-04-30T00:00:00.000Z' }, now)).toBe(false);
    expect(actionOverdue({ completedAt: null, dueBy: '2027-06-01T00:00:00.000Z' }, now)).toBe(false);
    expect(actionOverdue({ completedAt: null, dueBy: null }, now)).toBe(false);
  });
});
