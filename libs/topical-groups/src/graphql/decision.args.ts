// The arguments of the mutations the resolver beside declares, one class per mutation.
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { AggregateArgs } from '#graphql';
import type { VoteChoice } from '../domain/topical-group.js';
import { ProposeDecisionInput } from './topical-groups.inputs.js';
import { VoteChoiceEnum } from './topical-groups.types.js';

@ArgsType() export class ProposeDecisionArgs extends AggregateArgs { @Field(() => ProposeDecisionInput) input!: ProposeDecisionInput; }

@ArgsType() export class DecisionArgs extends AggregateArgs { @Field(() => ID) decisionId!: string; }

@ArgsType() export class CastVoteArgs extends DecisionArgs { @Field(() => VoteChoiceEnum) choice!: VoteChoice; }
