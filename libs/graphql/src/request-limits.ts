import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

/** What one operation may ask for; every transport refuses more before executing anything. */
export interface RequestLimits {
  /** Fields nested in one another, through fragments too. */
  maxDepth: number;
  /** Aliased fields in one operation (each alias repeats the work of its field). */
  maxAliases: number;
  /** Estimated cost: every field costs, more the deeper it is, times the page size it asks for. */
  maxCost: number;
  maxDirectives: number;
  /** Lexical tokens of the document, checked while parsing. */
  maxTokens: number;
  /** Bytes of one answer, checked once it is computed. */
  maxResponseBytes: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxCost: 50_000,
  maxDirectives: 20,
  maxTokens: 5_000,
  maxResponseBytes: 4 * 1024 * 1024,
};

/**
 * The validation rules every transport adds to graphql-js's own. Each rule walks a fragment
 * once and remembers what it found, so validating costs in proportion to the document.
 */
export function requestLimitRules(limits: RequestLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      // Spreads and inline fragments are not fields: depth counts what the server resolves.
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [refuse('depth', (found) => `the operation is nested ${found} fields deep; at most ${limits.maxDepth} are allowed (depth limit)`)],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [refuse('aliases', (found) => `the operation has ${found} aliases; at most ${limits.maxAliases} are allowed (alias limit)`)],
    }),
    costLimitRule({
      maxCost: limits.maxCost,
      propagateOnRejection: false,
      onReject: [refuse('cost', (found) => `the operation would cost ${found}; at most ${limits.maxCost} is allowed (cost limit)`)],
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [refuse('directives', (found) => `the operation has ${found} directives; at most ${limits.maxDirectives} are allowed (directive limit)`)],
    }),
  ] as ValidationRule[];
}

function refuse(limit: string, message: (found: string) => string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /found ([^ ]+?)\.?$/.exec(error.message)?.[1] ?? 'more';
    context?.reportError(new GraphQLError(message(found), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit } }));
  };
}

/** Refuses an answer larger than the limit; the operation has run, its answer is not sent. */
export function responseTooLarge(bytes: number, limits: RequestLimits): GraphQLError | undefined {
  if (bytes <= limits.maxResponseBytes) return undefined;
  return new GraphQLError(
    `the answer would be ${bytes} bytes; at most ${limits.maxResponseBytes} are allowed (response size limit): ask for fewer fields or smaller pages`,
    { extensions: { code: 'RESPONSE_TOO_LARGE', limit: 'responseBytes' } },
  );
}
