import { ruleBreaker, type RuleCatalogue } from '#kernel';

/** Every rule recording a checkpoint can break, by its stable id; each has a decider spec in libs/audit/test. */
export const CHECKPOINT_RULES = {
  'checkpoint-recorded-once': 'the k-th checkpoint is whichever was recorded first as k',
  'checkpoint-covers-its-leaves': 'a recorded checkpoint lists exactly the leaves since the previous one, and covers more of the log',
} as const satisfies RuleCatalogue;

export const broken = ruleBreaker(CHECKPOINT_RULES);
