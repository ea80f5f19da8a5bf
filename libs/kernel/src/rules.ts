import { DomainRuleViolation } from './errors.js';

/** A context's rules by stable id, each with the sentence a refusal starts with. */
export type RuleCatalogue = Readonly<Record<string, string>>;

/**
 * `broken(rule, detail)` for one catalogue: the error of a broken rule, its message the rule's
 * sentence and what happened this time; only ids of the catalogue compile.
 */
export function ruleBreaker<Catalogue extends RuleCatalogue>(catalogue: Catalogue) {
  return (rule: keyof Catalogue & string, detail: string, facts?: Record<string, unknown>): DomainRuleViolation =>
    new DomainRuleViolation(rule, `${catalogue[rule]}: ${detail}`, facts);
}
