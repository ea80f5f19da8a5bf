import { Field, ID, InputType } from '@nestjs/graphql';
import type { DecisionStatus } from '../domain/topical-group.js';
import { DecisionStatusEnum } from './topical-groups.types.js';

@InputType()
export class CreateTopicalGroupInput {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field() name!: string;
  @Field() topic!: string;
  @Field() description!: string;
}

@InputType()
export class RecordMeetingInput {
  @Field(() => Date) heldOn!: Date;
  @Field() title!: string;
  @Field() minutes!: string;
  @Field(() => [ID], { description: 'Members of the group who attended; at least one.' }) attendeeIds!: string[];
}

@InputType()
export class ProposeDecisionInput {
  @Field() title!: string;
  @Field() text!: string;
  @Field(() => Date, { nullable: true }) dueBy?: Date | null;
}

@InputType()
export class AssignActionInput {
  @Field() title!: string;
  @Field(() => ID) assigneeId!: string;
  @Field(() => Date, { nullable: true }) dueBy?: Date | null;
  @Field(() => ID, { nullable: true, description: 'A decision of the same group the action carries out.' }) decisionId?: string | null;
}

@InputType('DecisionFilter')
export class DecisionFilterInput {
  @Field(() => ID, { nullable: true }) topicalGroupId?: string | null;
  @Field(() => DecisionStatusEnum, { nullable: true }) status?: DecisionStatus | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only OPEN decisions past their dueBy; false: all others.' })
  overdue?: boolean | null;
}
