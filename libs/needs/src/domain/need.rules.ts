import { ruleBreaker } from '#kernel';

/**
 * Every rule a need command can break, by its stable id; each has a decider spec in
 * libs/needs/test that breaks it.
 */
export const NEED_RULES = {
  'need-already-declared': 'a need is declared once',
  'need-not-declared': 'only a declared need changes',
  'organisation-left-network': 'an organisation that has left the network declares no needs',
  'need-withdrawn': 'a withdrawn need no longer changes',
  'need-unchanged': 'an amendment changes something',
  'pooled-need-cpv-fixed': 'the CPV code of a pooled need is fixed',
  'pooled-need-stays-joint': 'a pooled need stays open to joint procurement',
  'pooled-need-not-withdrawable': 'a pooled need is not withdrawn: its organisation leaves the group first',
  'need-pooled-elsewhere': 'a need is pooled by at most one buyer group at a time, whatever the timing (its own stream decides)',
  'pooled-need-of-joining-organisation': 'a pooled need belongs to the joining (or proposing) organisation',
  'pooled-need-outside-cpv-group': "a pooled need shares the group's CPV group (first 3 digits)",
} as const;

export const brokenNeedRule = ruleBreaker(NEED_RULES);
