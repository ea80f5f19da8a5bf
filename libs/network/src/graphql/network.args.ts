// The arguments of the mutations the resolver beside declares, one class per mutation.
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { AggregateArgs, CommandArgs } from '#graphql';
import { JoinCommunityInput, RegisterOrganisationInput } from './network.types.js';

@ArgsType() export class RegisterOrganisationArgs extends CommandArgs { @Field(() => RegisterOrganisationInput) input!: RegisterOrganisationInput; }

@ArgsType() export class RenameOrganisationArgs extends AggregateArgs { @Field() name!: string; }

@ArgsType() export class LeaveNetworkArgs extends AggregateArgs { @Field() reason!: string; }

@ArgsType() export class JoinCommunityArgs extends CommandArgs { @Field(() => JoinCommunityInput) input!: JoinCommunityInput; }

@ArgsType() export class AppointNationalContactPointArgs extends CommandArgs { @Field() country!: string; @Field(() => ID) memberId!: string; }

@ArgsType() export class EraseMemberPersonalDataArgs extends CommandArgs { @Field(() => ID) memberId!: string; }
