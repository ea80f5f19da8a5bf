import { Args, ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';

/** The arguments every context's queries and mutations share, declared once. */

export const IdArg = (name = 'id') => Args(name, { type: () => ID });

export const AsOfArg = () =>
  Args('asOf', {
    type: () => Date,
    nullable: true,
    description: 'Time travel (AUDITOR, ADMIN): the aggregate folded from its own stream up to that instant.',
  });

/** `status`: only the nodes of that status, when named. */
export const StatusArg = (type: () => object) => Args('status', { type, nullable: true });

export const FirstArg = (defaultValue = 50) => Args('first', { type: () => Int, nullable: true, defaultValue });

export const AfterArg = () => Args('after', { type: () => String, nullable: true, description: 'An endCursor of a previous page.' });

/** What every mutation may carry: a key that makes a retry safe. */
@ArgsType()
export class CommandArgs {
  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result and records nothing new.',
  })
  idempotencyKey?: string | null;
}

/** A mutation of one existing aggregate, named by `id`, at the version the client last saw. */
@ArgsType()
export class AggregateArgs extends CommandArgs {
  @Field(() => ID) id!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The aggregate version the client last saw; a different current version is a CONFLICT.',
  })
  expectedVersion?: number | null;
}

/** A page of a connection: how many nodes, after which cursor. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'An endCursor of a previous page.' })
  after?: string | null;
}

/** What a creating command's input may carry: the id the client chose, else one is derived or new. */
@InputType({ isAbstract: true })
export abstract class CreationInput {
  @Field(() => ID, { nullable: true }) id?: string;
}
