import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, ChangePayload } from '#graphql';
import type { DecisionStatus, VoteChoice } from '../domain/topical-group.js';

export const DecisionStatusEnum = { OPEN: 'OPEN', ADOPTED: 'ADOPTED', REJECTED: 'REJECTED' } as const satisfies Record<DecisionStatus, DecisionStatus>;
registerEnumType(DecisionStatusEnum, {
  name: 'DecisionStatus',
  description: 'OPEN while members vote; ADOPTED (more FOR than AGAINST) or REJECTED once the leader closes it.',
});

export const VoteChoiceEnum = { FOR: 'FOR', AGAINST: 'AGAINST', ABSTAIN: 'ABSTAIN' } as const satisfies Record<VoteChoice, VoteChoice>;
registerEnumType(VoteChoiceEnum, { name: 'VoteChoice' });

@ObjectType('VoteTally', { description: 'The last vote of each member, counted.' })
export class VoteTallyType {
  @Field(() => Int) for!: number;
  @Field(() => Int) against!: number;
  @Field(() => Int) abstain!: number;
}

@ObjectType('Vote', { description: 'A member’s current vote on a decision (the last one they cast).' })
export class VoteType {
  memberId!: string;
  @Field(() => VoteChoiceEnum) choice!: VoteChoice;
  @Field(() => Date, { description: 'When this choice was cast.' }) castAt!: Date;
}

@ObjectType('Meeting')
export class MeetingType {
  @Field(() => ID) id!: string;
  @Field(() => Date) heldOn!: Date;
  @Field() title!: string;
  @Field() minutes!: string;
  attendeeIds!: string[];
  @Field(() => Date, { description: 'When the leader recorded it.' }) recordedAt!: Date;
}

/**
 * A decision as rendered from the group's own stream (time travel, live feed) rather than the
 * read model: it carries its votes and its group as they were at that point.
 */
export interface DecisionSnapshot {
  votes: VoteType[];
  group: TopicalGroupType;
}

@ObjectType('Decision')
export class DecisionType {
  @Field(() => ID) id!: string;
  topicalGroupId!: string;
  @Field() title!: string;
  @Field() text!: string;
  @Field(() => DecisionStatusEnum) status!: DecisionStatus;
  proposedById!: string;
  @Field(() => Date) proposedAt!: Date;
  @Field(() => Date, { nullable: true }) dueBy!: Date | null;
  @Field(() => VoteTallyType) tally!: VoteTallyType;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field({ description: 'Still OPEN after its dueBy, at the time of reading.' }) overdue!: boolean;
  snapshot?: DecisionSnapshot;
}

@ObjectType('ActionItem')
export class ActionItemType {
  @Field(() => ID) id!: string;
  topicalGroupId!: string;
  @Field() title!: string;
  assigneeId!: string;
  @Field(() => Date, { nullable: true }) dueBy!: Date | null;
  decisionId!: string | null;
  @Field(() => Date) assignedAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  completedById!: string | null;
  @Field({ description: 'Not completed after its dueBy, at the time of reading.' }) overdue!: boolean;
  /** The decision it is tied to, when rendered from the group's stream. */
  snapshotDecision?: DecisionType | null;
}

/** The whole group as rendered from its own stream (time travel, live feed). */
export interface TopicalGroupSnapshot {
  memberIds: string[];
  meetings: MeetingType[];
  decisions: DecisionType[];
  actions: ActionItemType[];
}

@ObjectType('TopicalGroup', { description: 'Members of the community working on one theme, led by a leader.' })
export class TopicalGroupType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() topic!: string;
  @Field() description!: string;
  leaderId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Int, { description: 'Number of events in the topical group stream.' }) version!: number;
  snapshot?: TopicalGroupSnapshot;
}

export const TopicalGroupConnection = ConnectionType(TopicalGroupType, 'TopicalGroup');
export const DecisionConnection = ConnectionType(DecisionType, 'Decision');

@ObjectType()
export class TopicalGroupPayload extends ChangePayload {
  @Field(() => TopicalGroupType) topicalGroup!: TopicalGroupType;
  @Field(() => MeetingType, { nullable: true, description: 'The meeting recordMeeting recorded.' }) meeting?: MeetingType | null;
  @Field(() => ActionItemType, { nullable: true, description: 'The action assignAction or completeAction changed.' })
  action?: ActionItemType | null;
}

@ObjectType()
export class DecisionPayload extends ChangePayload {
  @Field(() => DecisionType) decision!: DecisionType;
  @Field(() => Int, { description: 'Version of the topical group the decision belongs to.' }) declare version: number;
  // Told without a description here, as the schema has always had it.
  @Field() declare position: string;
}
