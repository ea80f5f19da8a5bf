import { Args, ID, Int } from '@nestjs/graphql';

/** The arguments every context's queries and mutations share, declared once. */

export const IdArg = (name = 'id') => Args(name, { type: () => ID });

export const ExpectedVersionArg = () =>
  Args('expectedVersion', {
    type: () => Int,
    nullable: true,
    description: 'The aggregate version the client last saw; a different current version is a CONFLICT.',
  });

export const IdempotencyKeyArg = () =>
  Args('idempotencyKey', {
    nullable: true,
    description: 'A retry with the same key returns the first result and records nothing new.',
  });

export const AsOfArg = () =>
  Args('asOf', {
    type: () => Date,
    nullable: true,
    description: 'Time travel (AUDITOR, ADMIN): the aggregate folded from its own stream up to that instant.',
  });

export const FirstArg = (defaultValue = 50) => Args('first', { type: () => Int, nullable: true, defaultValue });

export const AfterArg = () => Args('after', { type: () => String, nullable: true, description: 'An endCursor of a previous page.' });
