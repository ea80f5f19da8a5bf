import { describe, it } from '@jest/globals';
import { expectEveryRuleCataloguedAndBroken } from '../../kernel/testing/rule-catalogue.js';
import { MEMBER_RULES } from '../src/domain/member.rules.js';
import { ORGANISATION_RULES } from '../src/domain/organisation.rules.js';

describe('network rules', () => {
  it('every rule is in the organisation or member catalogue and broken by at least one decider spec', () => {
    const catalogue = { ...ORGANISATION_RULES, ...MEMBER_RULES };
    expectEveryRuleCataloguedAndBroken(catalogue, new URL('../src/domain/', import.meta.url), new URL('.', import.meta.url));
  });
});
