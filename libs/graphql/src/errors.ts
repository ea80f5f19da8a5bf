import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ConcordError } from '#kernel';

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DOMAIN_RULE_VIOLATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'RATE_LIMITED',
  'RESPONSE_TOO_LARGE',
  'TOO_MANY_SUBSCRIPTIONS',
]);

/** An error as a client may see it: a known code and message, never a stack trace. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof ConcordError) {
    return {
      message: clipped(original.message),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...clippedDetails(original.details) },
    };
  }
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const { stacktrace: _drop, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: clipped(formatted.message), extensions: { ...extensions, ...fieldOf(formatted.message, code) } };
  }
  logUnexpected(original);
  return {
    message: 'internal error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** The same mapping for errors raised outside Apollo's pipeline (graphql-ws). */
export function toGraphQLError(error: unknown): GraphQLError {
  const graphQLError = error instanceof GraphQLError ? error : new GraphQLError(String(error), { originalError: error as Error });
  // An error thrown by a subscription's source, or a refusal raised before execution, has no path.
  const original = graphQLError.originalError instanceof ConcordError ? graphQLError.originalError : graphQLError;
  const formatted = formatError(graphQLError.toJSON(), original);
  return new GraphQLError(formatted.message, {
    path: graphQLError.path,
    nodes: graphQLError.nodes,
    extensions: formatted.extensions,
  });
}

/** graphql-js names a bad variable or argument in its message; expose it as `field`. */
function fieldOf(message: string, code: string): Record<string, string> {
  if (code !== 'BAD_USER_INPUT' && code !== 'GRAPHQL_VALIDATION_FAILED') return {};
  const match = /at "([\w.[\]]+)"/.exec(message) ?? /Variable "\$(\w+)"|[Ff]ield "([\w.]+)"|[Aa]rgument "([\w.]+)"/.exec(message);
  const field = match?.slice(1).find((group) => group !== undefined);
  return field ? { field } : {};
}

/**
 * Messages often quote the value they refuse; a 100,000-character value must not come back
 * whole. A long message is cut in its middle: its start names the field, its end the reason.
 */
const MAX_MESSAGE_LENGTH = 1_000;
const KEPT = 400;

function clipped(text: string): string {
  if (text.length <= MAX_MESSAGE_LENGTH) return text;
  // Never cut between the two halves of a surrogate pair.
  const head = /[\uD800-\uDBFF]/.test(text[KEPT - 1]!) ? KEPT - 1 : KEPT;
  const tail = /[\uDC00-\uDFFF]/.test(text[text.length - KEPT]!) ? text.length - KEPT + 1 : text.length - KEPT;
  return `${text.slice(0, head)} […${tail - head} characters left out…] ${text.slice(tail)}`;
}

function clippedDetails(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, typeof value === 'string' ? clipped(value) : value]));
}

function logUnexpected(error: unknown): void {
  if (process.env['NODE_ENV'] !== 'test' || process.env['CONCORD_LOG_ERRORS']) {
    console.error('[concord] unexpected error', error);
  }
}
