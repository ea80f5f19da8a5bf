export const VOTE_CHOICES = ['FOR', 'AGAINST', 'ABSTAIN'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export interface VoteTally {
  for: number;
  against: number;
  abstain: number;
}

export type DecisionStatus = 'OPEN' | 'ADOPTED' | 'REJECTED';

export interface VoteState {
  memberId: string;
  choice: VoteChoice;
  castAt: string;
}

export interface DecisionState {
  id: string;
  title: string;
  text: string;
  status: DecisionStatus;
  proposedBy: string;
  proposedAt: string;
  dueBy: string | null;
  /** The last vote of each member, in the order members first voted. */
  votes: VoteState[];
  closedAt: string | null;
}

export interface MeetingState {
  id: string;
  heldOn: string;
  title: string;
  minutes: string;
  attendeeIds: string[];
  recordedAt: string;
}

export interface ActionState {
  id: string;
  title: string;
  assigneeId: string;
  dueBy: string | null;
  decisionId: string | null;
  assignedAt: string;
  completedAt: string | null;
  completedBy: string | null;
}

export interface GroupMemberState {
  memberId: string;
  joinedAt: string;
}

/** Everything the group's stream tells, enough to render it as it was at any point (time travel). */
export interface ActiveTopicalGroup {
  status: 'active';
  id: string;
  name: string;
  topic: string;
  description: string;
  createdAt: string;
  leaderId: string | null;
  members: GroupMemberState[];
  meetings: MeetingState[];
  decisions: DecisionState[];
  actions: ActionState[];
}

/** null: no group was created on this stream. */
export type TopicalGroupState = ActiveTopicalGroup | null;

export function isGroupMember(state: ActiveTopicalGroup, memberId: string): boolean {
  return state.members.some((member) => member.memberId === memberId);
}

export function tallyOf(votes: readonly VoteState[]): VoteTally {
  const tally: VoteTally = { for: 0, against: 0, abstain: 0 };
  for (const vote of votes) {
    if (vote.choice === 'FOR') tally.for += 1;
    else if (vote.choice === 'AGAINST') tally.against += 1;
    else tally.abstain += 1;
  }
  return tally;
}
