import { Field, Int, ObjectType } from '@nestjs/graphql';

/** What every mutation's payload says about the change, besides the nodes it touched. */
@ObjectType({ isAbstract: true })
export abstract class ChangePayload {
  @Field(() => Int) version!: number;
  @Field({ description: 'Global position of the last recorded event; opaque but ordered.' }) position!: string;
  @Field({ description: 'True when this answers a retry of an idempotency key: the first request\'s result, nothing recorded this time.' })
  replayed!: boolean;
}
