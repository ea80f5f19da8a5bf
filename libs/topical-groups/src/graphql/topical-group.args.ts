// The arguments of the mutations the resolver beside declares, one class per mutation.
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { AggregateArgs, CommandArgs } from '#graphql';
import { AssignActionInput, CreateTopicalGroupInput, RecordMeetingInput } from './topical-groups.inputs.js';

@ArgsType() export class CreateTopicalGroupArgs extends CommandArgs { @Field(() => CreateTopicalGroupInput) input!: CreateTopicalGroupInput; }

@ArgsType() export class RenameTopicalGroupArgs extends AggregateArgs { @Field() name!: string; }

@ArgsType() export class AppointTopicalGroupLeaderArgs extends AggregateArgs { @Field(() => ID) memberId!: string; }

@ArgsType() export class RecordMeetingArgs extends AggregateArgs { @Field(() => RecordMeetingInput) input!: RecordMeetingInput; }

@ArgsType() export class AssignActionArgs extends AggregateArgs { @Field(() => AssignActionInput) input!: AssignActionInput; }

@ArgsType() export class CompleteActionArgs extends AggregateArgs { @Field(() => ID) actionId!: string; }
