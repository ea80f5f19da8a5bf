import { describe, it } from '@jest/globals';
import { expectEveryRuleCataloguedAndBroken } from '../../kernel/testing/rule-catalogue.js';
import { NEED_RULES } from '../src/domain/need.rules.js';

describe('need rules', () => {
  it('every rule is in the catalogue and broken by at least one decider spec', () => {
    expectEveryRuleCataloguedAndBroken(NEED_RULES, new URL('../src/domain/', import.meta.url), new URL('.', import.meta.url));
  });
});
