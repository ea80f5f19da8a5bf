import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import type { ExecutionResult } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Actor, ConcordError } from '../../../libs/kernel/src/index.js';
import { DateTimeScalar, depthLimit, formatError, newRequestContext, toGraphQLError, type RequestContext } from '../../../libs/graphql/src/index.js';

/** Deep enough for every screen of the network's apps, shallow enough to stop runaway fan-out. */
const MAX_QUERY_DEPTH = 12;
import type { TokenVerifier } from './auth/tokens.js';

interface WsContextArgs {
  connectionParams?: Record<string, unknown>;
  extra: { authentication?: Promise<Authentication>; request?: { headers: Record<string, string | string[] | undefined> } };
}

interface Authentication {
  actor?: Actor;
  authError?: ConcordError;
}

export function graphqlConfig(verifier: TokenVerifier, plugins: ApolloServerPlugin[] = []): ApolloDriverConfig {
  const authenticate = async (authorization: string | undefined): Promise<Authentication> => {
    if (!authorization) return {};
    try {
      return { actor: await verifier.verify(authorization) };
    } catch (error) {
      return { authError: error as ConcordError };
    }
  };

  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    sortSchema: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins,
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    context: async (args: { req?: Request } & Partial<WsContextArgs>): Promise<RequestContext> => {
      if (args.req) {
        const correlation = args.req.headers['x-correlation-id'];
        return newRequestContext({
          ...(await authenticate(args.req.headers.authorization)),
          correlationId: typeof correlation === 'string' && correlation ? correlation.slice(0, 200) : randomUUID(),
        });
      }
      // graphql-ws: authenticated once per connection, from connectionParams.authorization
      const extra = args.extra!;
      extra.authentication ??= authenticate(tokenFromParams(args.connectionParams));
      return newRequestContext({ ...(await extra.authentication), correlationId: randomUUID() });
    },
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        onError: (_ctx: unknown, _id: unknown, _payload: unknown, errors: readonly unknown[]) =>
          errors.map((error) => toGraphQLError(error)),
        // Errors a subscription resolver throws (FORBIDDEN, NOT_FOUND…) arrive in a result, not
        // through onError: give them the same codes HTTP clients get.
        onNext: (_ctx: unknown, _id: unknown, _payload: unknown, _args: unknown, result: ExecutionResult) =>
          result.errors?.length ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined,
      },
    },
  } as ApolloDriverConfig;
}

function tokenFromParams(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.['authorization'] ?? params?.['Authorization'];
  return typeof value === 'string' ? value : undefined;
}
