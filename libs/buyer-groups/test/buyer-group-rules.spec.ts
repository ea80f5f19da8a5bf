import { describe, it } from '@jest/globals';
import { expectEveryRuleCataloguedAndBroken } from '../../kernel/testing/rule-catalogue.js';
import { BUYER_GROUP_RULES } from '../src/domain/buyer-group.rules.js';

describe('buyer-group rules', () => {
  it('every rule is in the catalogue and broken by at least one decider spec', () => {
    expectEveryRuleCataloguedAndBroken(BUYER_GROUP_RULES, new URL('../src/domain/', import.meta.url), new URL('.', import.meta.url));
  });
});
