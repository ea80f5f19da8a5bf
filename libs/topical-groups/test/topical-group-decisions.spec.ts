import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { topicalGroupAccess } from '../src/application/topical-group.commands.js';
import { topicalGroupDecider, type TopicalGroupEvent } from '../src/domain/topical-group.js';
import { ANNA, BRUNO, DECISION, GROUP, LEADER, OUTSIDER, adopted, ledGroup, proposed, voted } from './fixtures.js';

const spec = deciderSpec(topicalGroupDecider, { access: topicalGroupAccess });

const propose = (by: string, decisionId = DECISION, dueBy: string | null = null) => ({
  type: 'ProposeDecision' as const,
  by,
  decisionId,
  title: 'Adopt NIJ 0101.07',
  text: 'Level IIIA minimum',
  dueBy,
});
const vote = (by: string, choice: 'FOR' | 'AGAINST' | 'ABSTAIN', decisionId = DECISION) => ({
  type: 'CastVote' as const,
  by,
  decisionId,
  choice,
});
const close = (by: string, decisionId = DECISION) => ({ type: 'CloseDecision' as const, by, decisionId });
const open = (): TopicalGroupEvent[] => [...ledGroup(), proposed()];

describe('proposing a decision', () => {
  it('a member proposes it, with an optional due date', () => {
    spec.given(ledGroup()).when(propose(ANNA)).then([proposed()]);
    spec.given(ledGroup()).when(propose(BRUNO, 'd-2', '2027-06-30T00:00:00.000Z')).then([proposed('d-2', BRUNO, '2027-06-30T00:00:00.000Z')]);
  });

  it('the leader, a member too, may propose', () => {
    spec.given(ledGroup()).when(propose(LEADER)).then([proposed(DECISION, LEADER)]);
  });

  it('someone outside the group may not propose', () => {
    spec.given(ledGroup()).when(propose(OUTSIDER)).thenFails('FORBIDDEN');
  });

  it('a decision id is used once', () => {
    spec.given(open()).when(propose(BRUNO)).thenFails('DOMAIN_RULE_VIOLATED', 'decision-already-proposed');
  });
});

describe('voting', () => {
  it('a member votes on an open decision', () => {
    spec.given(open()).when(vote(BRUNO, 'FOR')).then([voted(BRUNO, 'FOR')]);
  });

  it('a member changes their vote while the decision is open; the event keeps the previous choice', () => {
    spec.given([...open(), voted(BRUNO, 'FOR')]).when(vote(BRUNO, 'AGAINST')).then([voted(BRUNO, 'AGAINST', 'FOR')]);
  });

  it('casting the same choice again records nothing', () => {
    spec.given([...open(), voted(BRUNO, 'FOR')]).when(vote(BRUNO, 'FOR')).then([]);
  });

  it('someone outside the group may not vote', () => {
    spec.given(open()).when(vote(OUTSIDER, 'FOR')).thenFails('FORBIDDEN');
  });

  it('a member who left may no longer vote', () => {
    spec
      .given([...open(), { type: 'MemberLeftTopicalGroup', data: { topicalGroupId: GROUP, memberId: BRUNO } }])
      .when(vote(BRUNO, 'FOR'))
      .thenFails('FORBIDDEN');
  });

  it('votes on an unknown decision are NOT_FOUND', () => {
    spec.given(open()).when(vote(BRUNO, 'FOR', 'no-such-decision')).thenFails('NOT_FOUND');
  });

  it('no votes after the decision is closed', () => {
    spec.given([...open(), voted(ANNA, 'FOR'), adopted()]).when(vote(BRUNO, 'AGAINST')).thenFails('DOMAIN_RULE_VIOLATED', 'decision-closed');
  });

  it('nobody changes a vote after closing either', () => {
    spec.given([...open(), voted(ANNA, 'FOR'), adopted()]).when(vote(ANNA, 'AGAINST')).thenFails('DOMAIN_RULE_VIOLATED', 'decision-closed');
  });
});

describe('closing a decision', () => {
  it('adopts it with more FOR than AGAINST, counting each member’s last vote', () => {
    spec
      .given([...open(), voted(ANNA, 'AGAINST'), voted(BRUNO, 'AGAINST'), voted(ANNA, 'FOR', 'AGAINST'), voted(LEADER, 'FOR')])
      .when(close(LEADER))
      .then([
        { type: 'DecisionAdopted', data: { topicalGroupId: GROUP, decisionId: DECISION, closedBy: LEADER, tally: { for: 2, against: 1, abstain: 0 } } },
      ]);
  });

  it('rejects it on a tie', () => {
    spec
      .given([...open(), voted(ANNA, 'FOR'), voted(BRUNO, 'AGAINST'), voted(LEADER, 'ABSTAIN')])
      .when(close(LEADER))
      .then([
        { type: 'DecisionRejected', data: { topicalGroupId: GROUP, decisionId: DECISION, closedBy: LEADER, tally: { for: 1, against: 1, abstain: 1 } } },
      ]);
  });

  it('rejects it when the last votes turned it around', () => {
    spec
      .given([...open(), voted(ANNA, 'FOR'), voted(BRUNO, 'FOR'), voted(BRUNO, 'AGAINST', 'FOR'), voted(ANNA, 'ABSTAIN', 'FOR')])
      .when(close(LEADER))
      .thenMatches([{ type: 'DecisionRejected', data: expect.objectContaining({ tally: { for: 0, against: 1, abstain: 1 } }) as never }]);
  });

  it('rejects it when nobody voted', () => {
    spec.given(open()).when(close(LEADER)).thenMatches([{ type: 'DecisionRejected' }]);
  });

  it('only the leader closes decisions', () => {
    spec.given([...open(), voted(ANNA, 'FOR')]).when(close(ANNA)).thenFails('FORBIDDEN');
  });

  it('a decision is closed once', () => {
    spec.given([...open(), voted(ANNA, 'FOR'), adopted()]).when(close(LEADER)).thenFails('DOMAIN_RULE_VIOLATED', 'decision-closed');
  });

  it('closing an unknown decision is NOT_FOUND', () => {
    spec.given(open()).when(close(LEADER, 'no-such-decision')).thenFails('NOT_FOUND');
  });
});
