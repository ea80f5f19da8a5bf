import type { VoteChoice } from './topical-group.events.js';

/**
 * Commands on one topical group. `by` is the acting member (the token's subject): who leads
 * the group and who belongs to it are facts of the group's stream, so the decider itself
 * refuses leader-only and member-only steps. Ids of new meetings, decisions and actions are
 * chosen by the handler, so a retry carries the same ones.
 */
export type TopicalGroupCommand =
  | { type: 'CreateTopicalGroup'; topicalGroupId: string; name: string; topic: string; description: string }
  | {
      type: 'AppointTopicalGroupLeader';
      memberId: string;
      /** The member is in the community, as the network read model knows it (not erased). */
      memberInCommunity: boolean;
    }
  | { type: 'JoinTopicalGroup'; by: string; /** `by` is in the community (not erased) */ byInCommunity: boolean }
  | { type: 'LeaveTopicalGroup'; by: string }
  | { type: 'RecordMeeting'; by: string; meetingId: string; heldOn: string; title: string; minutes: string; attendeeIds: string[] }
  | { type: 'ProposeDecision'; by: string; decisionId: string; title: string; text: string; dueBy: string | null }
  | { type: 'CastVote'; by: string; decisionId: string; choice: VoteChoice }
  | { type: 'CloseDecision'; by: string; decisionId: string }
  | {
      type: 'AssignAction';
      by: string;
      actionId: string;
      title: string;
      assigneeId: string;
      dueBy: string | null;
      decisionId: string | null;
    }
  | { type: 'CompleteAction'; by: string; actionId: string };
