import type { RuleCatalogue } from '#kernel';

/** Every rule a need command can break, by its stable id; each has a decider spec in libs/needs/test. */
export const NEED_RULES = {
  'need-already-declared': 'a need is declared once',
  'organisation-left-network': 'an organisation that has left the network declares no needs',
  'need-not-declared': 'only a declared need changes',
  'need-withdrawn': 'a withdrawn need no longer changes',
  'need-unchanged': 'an amendment changes at least one value',
  'pooled-need-cpv-fixed': 'the CPV code of a pooled need does not change',
  'pooled-need-stays-joint': 'a pooled need stays open to joint procurement',
  'pooled-need-not-withdrawable': 'a pooled need is not withdrawn; its organisation leaves the group first',
} as const satisfies RuleCatalogue;
