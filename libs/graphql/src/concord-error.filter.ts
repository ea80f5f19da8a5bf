import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { ConcordError } from '#kernel';

/** Client errors go straight to the GraphQL response, unlogged: they are answers, not faults. */
@Catch(ConcordError)
export class ConcordErrorFilter implements GqlExceptionFilter {
  catch(error: ConcordError): ConcordError {
    return error;
  }
}
