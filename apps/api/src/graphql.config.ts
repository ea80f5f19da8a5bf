import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import { GraphQLError, type FormattedExecutionResult } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Actor, ConcordError } from '#kernel';
import {
  DateTimeScalar,
  audienceAdmits,
  formatError,
  introspects,
  newRequestContext,
  requestLimitRules,
  responseTooLarge,
  withoutSuggestions,
  type RequestContext,
} from '#graphql';
import type { TokenVerifier, ConcordConfig } from '#runtime';

export interface Authentication {
  actor?: Actor;
  /** When the token stops being valid. */
  expiresAt?: Date;
  authError?: ConcordError;
}

/** The actor of an `Authorization` value, or why there is none; never throws. */
export async function authenticate(verifier: TokenVerifier, authorization: string | undefined): Promise<Authentication> {
  if (!authorization) return {};
  try {
    return await verifier.authenticate(authorization);
  } catch (error) {
    return { authError: error as ConcordError };
  }
}

/** Apollo over HTTP; graphql-ws is served beside it by GraphQLWebSocketServer with the same rules. */
export function graphqlConfig(config: ConcordConfig, verifier: TokenVerifier, plugins: ApolloServerPlugin[] = []): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    sortSchema: true,
    introspection: config.exposure.introspection !== 'nobody',
    includeStacktraceInErrorResponses: false,
    // Nest would reset every executed request to 200; a rate-limited one answers 429 (see below).
    preserveHttpStatusForExecutionErrors: false,
    formatError,
    stringifyResult: answerWithinSizeLimit(config),
    // Cache-control hints are not used; its default plugin would wrap every field's resolver
    // and be called for each field of every answer.
    plugins: [ApolloServerPluginCacheControlDisabled(), ...plugins, exposurePlugin(config), retryAfterPlugin(config)],
    validationRules: requestLimitRules(config.limits),
    parseOptions: { maxTokens: config.limits.maxTokens },
    context: async ({ req }: { req: Request }): Promise<RequestContext> => {
      const correlation = req.headers['x-correlation-id'];
      const { actor, authError } = await authenticate(verifier, req.headers.authorization);
      return newRequestContext({
        actor,
        authError,
        correlationId: typeof correlation === 'string' && correlation ? correlation.slice(0, 200) : randomUUID(),
        clientAddress: req.socket.remoteAddress ?? 'unknown',
      });
    },
  } as ApolloDriverConfig;
}

/** The refusal of an introspection the caller may not make, or nothing. */
export function introspectionRefusal(config: ConcordConfig, authenticated: boolean): GraphQLError | undefined {
  if (audienceAdmits(config.exposure.introspection, authenticated)) return undefined;
  return new GraphQLError(
    config.exposure.introspection === 'nobody' ? 'introspection is disabled' : 'introspection is open to authenticated callers only',
    { extensions: { code: authenticated ? 'FORBIDDEN' : 'UNAUTHENTICATED', http: { status: authenticated ? 403 : 401 } } },
  );
}

/** Introspection and field suggestions, for the audience the settings name. */
function exposurePlugin(config: ConcordConfig): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: async ({ contextValue }) => {
      const authenticated = contextValue.actor !== undefined;
      return {
        validationDidStart: async () => async (errors?: readonly Error[]) => {
          if (errors && !audienceAdmits(config.exposure.fieldSuggestions, authenticated)) {
            for (const error of errors) if (error instanceof GraphQLError) withoutSuggestions(error);
          }
        },
        didResolveOperation: async ({ document }) => {
          const refusal = introspects(document) ? introspectionRefusal(config, authenticated) : undefined;
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/**
 * The answer size cap, applied where Apollo writes the answer's text, so an answer is serialized
 * once: measuring it in a plugin serialized every answer twice.
 */
function answerWithinSizeLimit(config: ConcordConfig): (result: FormattedExecutionResult) => string {
  return (result) => {
    const text = JSON.stringify(result);
    const tooLarge = responseTooLarge(Buffer.byteLength(text), config.limits);
    return `${tooLarge ? JSON.stringify({ errors: [formatError(tooLarge.toJSON(), tooLarge)], data: null }) : text}\n`;
  };
}

/** Retry-After on a rate-limited answer. */
function retryAfterPlugin(config: ConcordConfig): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ response }) => {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const limited = result.errors?.find((error) => error.extensions?.['code'] === 'RATE_LIMITED');
        if (limited) {
          response.http.status = 429;
          response.http.headers.set('retry-after', String(limited.extensions?.['retryAfter'] ?? config.rateLimits.windowSeconds));
        }
      },
    }),
  };
}
