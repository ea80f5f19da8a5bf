import type { RuleCatalogue } from '#kernel';

/**
 * Every rule a topical-group command can break, by its stable id; each has a decider spec in
 * libs/topical-groups/test that breaks it.
 */
export const TOPICAL_GROUP_RULES = {
  'topical-group-already-created': 'a topical group is created once',
  'topical-group-not-created': 'only a created topical group changes',
  'leader-not-in-community': 'the leader is a member of the community',
  'leader-already-appointed': 'appointing the current leader again changes nothing',
  'already-group-member': 'a member joins a topical group once',
  'not-a-group-member': 'only members of the group leave it',
  'leader-cannot-leave': 'the leader leaves only once another leader is appointed',
  'meeting-held-in-future': 'a meeting is recorded once held: heldOn is not in the future',
  'meeting-already-recorded': 'a meeting is recorded once',
  'meeting-without-attendees': 'a meeting has at least one attendee',
  'attendee-not-group-member': 'attendees are members of the group',
  'decision-already-proposed': 'a decision is proposed once',
  'decision-closed': 'a closed decision takes no votes and is not closed again',
  'action-already-assigned': 'an action is assigned once',
  'assignee-not-group-member': 'actions are assigned to members of the group',
  'action-already-completed': 'an action is completed once',
} as const satisfies RuleCatalogue;
