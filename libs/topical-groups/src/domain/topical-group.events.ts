import type { DomainEvent } from '../../../kernel/src/index.js';

export const VOTE_CHOICES = ['FOR', 'AGAINST', 'ABSTAIN'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export interface VoteTally {
  for: number;
  against: number;
  abstain: number;
}

/** Every fact of a topical group; all of them live in the group's own stream. */
export type TopicalGroupEvent =
  | DomainEvent<'TopicalGroupCreated', { topicalGroupId: string; name: string; topic: string; description: string }>
  | DomainEvent<
      'TopicalGroupLeaderAppointed',
      { topicalGroupId: string; memberId: string; /** the leader this appointment replaced */ replacedLeaderId: string | null }
    >
  | DomainEvent<'MemberJoinedTopicalGroup', { topicalGroupId: string; memberId: string }>
  | DomainEvent<'MemberLeftTopicalGroup', { topicalGroupId: string; memberId: string }>
  | DomainEvent<
      'MeetingRecorded',
      { topicalGroupId: string; meetingId: string; heldOn: string; title: string; minutes: string; attendeeIds: string[] }
    >
  | DomainEvent<
      'DecisionProposed',
      { topicalGroupId: string; decisionId: string; proposedBy: string; title: string; text: string; dueBy: string | null }
    >
  | DomainEvent<
      'VoteCast',
      { topicalGroupId: string; decisionId: string; memberId: string; choice: VoteChoice; /** null on a first vote */ previousChoice: VoteChoice | null }
    >
  | DomainEvent<'DecisionAdopted', { topicalGroupId: string; decisionId: string; closedBy: string; tally: VoteTally }>
  | DomainEvent<'DecisionRejected', { topicalGroupId: string; decisionId: string; closedBy: string; tally: VoteTally }>
  | DomainEvent<
      'ActionAssigned',
      { topicalGroupId: string; actionId: string; title: string; assigneeId: string; dueBy: string | null; decisionId: string | null; assignedBy: string }
    >
  | DomainEvent<'ActionCompleted', { topicalGroupId: string; actionId: string; completedBy: string }>;

export type TopicalGroupEventType = TopicalGroupEvent['type'];

/** The events that change a decision: what `decisionUpdated` pushes. */
export const DECISION_EVENT_TYPES: ReadonlySet<string> = new Set<TopicalGroupEventType>([
  'DecisionProposed',
  'VoteCast',
  'DecisionAdopted',
  'DecisionRejected',
]);
