import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '#graphql';

/** Shared with other contexts (buyer groups' contract values): import these, do not redeclare. */
@ObjectType('Money', { description: 'An exact amount in an ISO 4217 currency.' })
export class MoneyType {
  @Field(() => DecimalScalar, { description: 'Exact decimal, normalised to the currency’s minor units.' }) amount!: string;
  @Field({ description: 'ISO 4217 code, e.g. EUR.' }) currency!: string;
}

@InputType('MoneyInput')
export class MoneyInput {
  @Field(() => DecimalScalar) amount!: string;
  @Field() currency!: string;
}

@ObjectType('Cpv', { description: 'A Common Procurement Vocabulary (CPV 2008) code with its English label.' })
export class CpvType {
  @Field({ description: 'NNNNNNNN-C, e.g. 35124000-9.' }) code!: string;
  @Field(() => String, { nullable: true }) label!: string | null;
}
