import { describe, it } from '@jest/globals';
import { expectEveryRuleCataloguedAndBroken } from '../../kernel/testing/rule-catalogue.js';
import { TOPICAL_GROUP_RULES } from '../src/domain/topical-group.rules.js';

describe('topical-group rules', () => {
  it('every rule is in the catalogue and broken by at least one decider spec', () => {
    expectEveryRuleCataloguedAndBroken(TOPICAL_GROUP_RULES, new URL('../src/domain/', import.meta.url), new URL('.', import.meta.url));
  });
});
