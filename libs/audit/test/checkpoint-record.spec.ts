import { describe, it } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { expectEveryRuleCataloguedAndBroken } from '../../kernel/testing/rule-catalogue.js';
import { CHECKPOINT_RULES } from '../src/domain/checkpoint.rules.js';
import { checkpointRecord, type AuditCheckpointIssued, type IssueCheckpoint } from '../src/domain/checkpoint-log.js';

const spec = deciderSpec(checkpointRecord);
const checkpoint = { logId: 'ab'.repeat(32), treeSize: 3, rootHash: 'cd'.repeat(32), issuedAt: '2027-01-01T00:00:00.000Z', signature: 'c2ln' };
const issue: IssueCheckpoint = { type: 'IssueCheckpoint', sequence: 2, checkpoint, fromSize: 1, leafHashes: ['01'.repeat(32), '02'.repeat(32)] };
const issued: AuditCheckpointIssued = { type: 'AuditCheckpointIssued', data: { ...checkpoint, sequence: 2, fromSize: 1, leafHashes: issue.leafHashes } };

describe('checkpoint record decider', () => {
  it('records a checkpoint with the leaves since the previous one', () => {
    spec.given([]).when(issue).then([issued]);
  });

  it('records the k-th checkpoint once: a second issuer must take k + 1', () => {
    spec.given([issued]).when(issue).thenFails('DOMAIN_RULE_VIOLATED', 'checkpoint-recorded-once');
  });

  it('refuses a checkpoint whose leaves do not cover exactly the events since the previous one', () => {
    spec.given([]).when({ ...issue, leafHashes: issue.leafHashes.slice(1) }).thenFails('DOMAIN_RULE_VIOLATED', 'checkpoint-covers-its-leaves');
    spec.given([]).when({ ...issue, fromSize: 3, leafHashes: [] }).thenFails('DOMAIN_RULE_VIOLATED', 'checkpoint-covers-its-leaves');
  });
});

describe('checkpoint rules', () => {
  it('every rule is in the catalogue and broken by at least one decider spec', () => {
    expectEveryRuleCataloguedAndBroken(CHECKPOINT_RULES, new URL('../src/domain/', import.meta.url), new URL('.', import.meta.url));
  });
});
