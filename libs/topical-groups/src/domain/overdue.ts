import type { ActionState, DecisionState } from './topical-group.state.js';

/**
 * Overdue is a reading against the clock, never a recorded fact: a decision still OPEN after
 * its dueBy, an action not completed after its dueBy.
 */
export function decisionOverdue(decision: Pick<DecisionState, 'status' | 'dueBy'>, now: Date): boolean {
  return decision.status === 'OPEN' && isPast(decision.dueBy, now);
}

export function actionOverdue(action: Pick<ActionState, 'completedAt' | 'dueBy'>, now: Date): boolean {
  return action.completedAt === null && isPast(action.dueBy, now);
}

function isPast(dueBy: string | null, now: Date): boolean {
  return dueBy !== null && Date.parse(dueBy) < now.getTime();
}
