// The arguments of the mutations the resolver beside declares, one class per mutation.
import { ArgsType, Field } from '@nestjs/graphql';
import { AggregateArgs, CommandArgs } from '#graphql';
import { AmendNeedInput, DeclareNeedInput } from './needs.types.js';

@ArgsType() export class DeclareNeedArgs extends CommandArgs { @Field(() => DeclareNeedInput) input!: DeclareNeedInput; }

@ArgsType() export class AmendNeedArgs extends AggregateArgs { @Field(() => AmendNeedInput) changes!: AmendNeedInput; }

@ArgsType() export class WithdrawNeedArgs extends AggregateArgs { @Field() reason!: string; }
