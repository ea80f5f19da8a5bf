import { describe, it } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { topicalGroupAccess } from '../src/application/topical-group.commands.js';
import { topicalGroupDecider } from '../src/domain/topical-group.js';
import { ACTION, ANNA, BRUNO, DECISION, GROUP, LEADER, OUTSIDER, assigned, completed, ledGroup, proposed } from './fixtures.js';

const spec = deciderSpec(topicalGroupDecider, { access: topicalGroupAccess });

const assign = (by: string, assigneeId: string, decisionId: string | null = null, dueBy: string | null = null) => ({
  type: 'AssignAction' as const,
  by,
  actionId: ACTION,
  title: 'Draft the spec',
  assigneeId,
  dueBy,
  decisionId,
});
const complete = (by: string, actionId = ACTION) => ({ type: 'CompleteAction' as const, by, actionId });

describe('assigning an action', () => {
  it('the leader assigns it to a member', () => {
    spec.given(ledGroup()).when(assign(LEADER, ANNA)).then([assigned(ANNA)]);
  });

  it('may tie it to a decision of the group and give it a due date', () => {
    spec
      .given([...ledGroup(), proposed()])
      .when(assign(LEADER, BRUNO, DECISION, '2027-04-01T00:00:00.000Z'))
      .then([
        {
          type: 'ActionAssigned',
          data: {
            topicalGroupId: GROUP,
            actionId: ACTION,
            title: 'Draft the spec',
            assigneeId: BRUNO,
            dueBy: '2027-04-01T00:00:00.000Z',
            decisionId: DECISION,
            assignedBy: LEADER,
          },
        },
      ]);
  });

  it('only the leader assigns actions', () => {
    spec.given(ledGroup()).when(assign(ANNA, BRUNO)).thenFails('FORBIDDEN');
  });

  it('the assignee must be a member of the group', () => {
    spec.given(ledGroup()).when(assign(LEADER, OUTSIDER)).thenFails('DOMAIN_RULE_VIOLATED', 'assignee-not-group-member');
  });

  it('the decision must be one of the group', () => {
    spec.given(ledGroup()).when(assign(LEADER, ANNA, 'no-such-decision')).thenFails('NOT_FOUND');
  });

  it('an action id is used once', () => {
    spec.given([...ledGroup(), assigned(ANNA)]).when(assign(LEADER, BRUNO)).thenFails('DOMAIN_RULE_VIOLATED', 'action-already-assigned');
  });
});

describe('completing an action', () => {
  const withAction = () => [...ledGroup(), assigned(ANNA)];

  it('the assignee completes it', () => {
    spec.given(withAction()).when(complete(ANNA)).then([completed(ANNA)]);
  });

  it('the leader completes it', () => {
    spec.given(withAction()).when(complete(LEADER)).then([completed(LEADER)]);
  });

  it('another member may not', () => {
    spec.given(withAction()).when(complete(BRUNO)).thenFails('FORBIDDEN');
  });

  it('it is completed once', () => {
    spec.given([...withAction(), completed(ANNA)]).when(complete(LEADER)).thenFails('DOMAIN_RULE_VIOLATED', 'action-already-completed');
  });

  it('an unknown action is NOT_FOUND', () => {
    spec.given(withAction()).when(complete(LEADER, 'no-such-action')).thenFails('NOT_FOUND');
  });
});
