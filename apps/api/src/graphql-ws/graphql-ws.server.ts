import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { CloseCode, type Context, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { Forbidden } from '#kernel';
import {
  SlowConsumer,
  audienceAdmits,
  formatError,
  introspects,
  newRequestContext,
  requestLimitRules,
  responseTooLarge,
  toGraphQLError,
  withoutSuggestions,
} from '#graphql';
import { NetworkQueries } from '#network';
import { TokenVerifier, type ConcordConfig, CONCORD_CONFIG } from '#runtime';
import { authenticate, introspectionRefusal, type Authentication } from '../graphql.config.js';
import { RateLimiter } from '../rate-limits/rate-limiter.js';

/** Close codes beside graphql-ws's own: the token expired, the caller lost the right, it fell behind. */
export const TOKEN_EXPIRED_CLOSE = CloseCode.Unauthorized; // 4401
export const FORBIDDEN_CLOSE = CloseCode.Forbidden; // 4403
export const SLOW_CONSUMER_CLOSE = 4008;

interface Connection {
  authentication: Authentication;
  expiry?: NodeJS.Timeout;
  expired: boolean;
  subscriptions: Set<string>;
  /** Whom its subscriptions count against: the token's subject, or the client address. */
  caller?: string;
}

type Extra = { socket: WebSocket; request: IncomingMessage; connection?: Connection };
type WsContext = Context<Record<string, unknown> | undefined, Extra>;

/** setTimeout holds at most 2^31−1 ms; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * graphql-ws on /graphql, with what HTTP has: the same validation rules and limits, the same
 * context and error codes, rate limits per address. A connection authenticates once, at
 * `connection_init`, and ends when its token expires; the community rules (membership,
 * erasure) are checked again for every operation and every message.
 */
@Injectable()
export class GraphQLWebSocketServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: WebSocketServer;
  private dispose?: () => Promise<void>;
  private readonly subscriptionsByCaller = new Map<string, number>();

  constructor(
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
    @Inject(GraphQLSchemaHost) private readonly schemaHost: GraphQLSchemaHost,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(CONCORD_CONFIG) private readonly config: ConcordConfig,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
    @Inject(RateLimiter) private readonly rateLimiter: RateLimiter,
  ) {}

  onApplicationBootstrap(): void {
    const httpServer = this.http.httpAdapter?.getHttpServer();
    if (!httpServer) return; // an application context without HTTP (the CLI's seed)
    const limits = this.config.webSocket;
    this.server = new WebSocketServer({
      server: httpServer,
      path: '/graphql',
      maxPayload: limits.maxMessageBytes,
    });
    const rules = [...specifiedRules, ...requestLimitRules(this.config.limits)];
    const disposable = useServer<Record<string, unknown> | undefined, Extra>(
      {
        schema: this.schemaHost.schema,
        connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
        onConnect: (ctx) => this.connect(ctx),
        onSubscribe: (ctx, id, payload) => this.subscribe(ctx, id, payload, rules),
        onNext: (ctx, _id, _payload, _args, result) => this.next(ctx, result),
        onError: (ctx, _id, _payload, errors) => {
          if (errors.some((error) => error.originalError instanceof SlowConsumer)) {
            ctx.extra.socket.close(SLOW_CONSUMER_CLOSE, 'Slow consumer: too many changes waiting');
          }
          return errors.map((error) => toGraphQLError(error));
        },
        onComplete: (ctx, id) => this.release(ctx, id),
        onClose: (ctx) => {
          const connection = ctx.extra.connection;
          if (connection?.expiry) clearTimeout(connection.expiry);
        },
      },
      this.server,
    );
    this.dispose = async () => {
      await disposable.dispose();
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispose?.();
  }

  private async connect(ctx: WsContext): Promise<boolean> {
    const authentication = await authenticate(this.verifier, tokenFromParams(ctx.connectionParams));
    const connection: Connection = { authentication, expired: false, subscriptions: new Set() };
    ctx.extra.connection = connection;
    if (authentication.expiresAt) this.closeAt(ctx, connection, authentication.expiresAt.getTime());
    return true;
  }

  private closeAt(ctx: WsContext, connection: Connection, instant: number): void {
    const wait = instant - Date.now();
    if (wait <= 0) {
      connection.expired = true;
      ctx.extra.socket.close(TOKEN_EXPIRED_CLOSE, 'Unauthorized: the token has expired');
      return;
    }
    connection.expiry = setTimeout(() => this.closeAt(ctx, connection, instant), Math.min(wait, MAX_TIMER_MS));
    connection.expiry.unref();
  }

  private async subscribe(
    ctx: WsContext,
    id: string,
    payload: SubscribePayload,
    rules: typeof specifiedRules,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const connection = ctx.extra.connection!;
    const { actor, authError, expiresAt } = connection.authentication;
    if (connection.expired || (expiresAt && expiresAt.getTime() <= Date.now())) {
      connection.expired = true;
      ctx.extra.socket.close(TOKEN_EXPIRED_CLOSE, 'Unauthorized: the token has expired');
      return [toGraphQLError(new GraphQLError('the token has expired', { extensions: { code: 'UNAUTHENTICATED' } }))];
    }
    const clientAddress = ctx.extra.request.socket.remoteAddress ?? 'unknown';
    const limited = await this.rateLimiter.request(clientAddress);
    if (limited) return [toGraphQLError(limited)];

    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: this.config.limits.maxTokens });
    } catch (error) {
      const syntax = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      return [withCode(syntax, 'GRAPHQL_PARSE_FAILED')];
    }
    const schema = this.schemaHost.schema;
    const authenticated = actor !== undefined;
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) {
      const shown = audienceAdmits(this.config.exposure.fieldSuggestions, authenticated) ? invalid : invalid.map(withoutSuggestions);
      return shown.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
    }
    const refusal = introspects(document) ? introspectionRefusal(this.config, authenticated) : undefined;
    if (refusal) return [toGraphQLError(refusal)];

    const operation = getOperationAST(document, payload.operationName);
    if (operation?.operation === 'subscription') {
      const tooMany = this.claim(connection, id, actor?.subject ?? `address:${clientAddress}`);
      if (tooMany) return [tooMany];
    }
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue: newRequestContext({ actor, authError, correlationId: randomUUID(), clientAddress }),
    };
  }

  /** Counts a subscription against its connection and its caller, or says which limit it exceeds. */
  private claim(connection: Connection, id: string, caller: string): GraphQLError | undefined {
    const { maxSubscriptionsPerConnection, maxSubscriptionsPerCaller } = this.config.webSocket;
    const ofCaller = this.subscriptionsByCaller.get(caller) ?? 0;
    const refuse = (message: string) =>
      new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } });
    if (connection.subscriptions.size >= maxSubscriptionsPerConnection) {
      return refuse(`at most ${maxSubscriptionsPerConnection} subscriptions per connection are allowed (subscriptions per connection limit)`);
    }
    if (ofCaller >= maxSubscriptionsPerCaller) {
      return refuse(`at most ${maxSubscriptionsPerCaller} subscriptions per caller are allowed (subscriptions per caller limit)`);
    }
    connection.subscriptions.add(id);
    connection.caller = caller;
    this.subscriptionsByCaller.set(caller, ofCaller + 1);
    return undefined;
  }

  private release(ctx: WsContext, id: string): void {
    const connection = ctx.extra.connection;
    if (!connection?.subscriptions.delete(id)) return;
    const caller = connection.caller!;
    const left = (this.subscriptionsByCaller.get(caller) ?? 1) - 1;
    if (left > 0) this.subscriptionsByCaller.set(caller, left);
    else this.subscriptionsByCaller.delete(caller);
  }

  /** Every message: the caller still has the right, the answer is within its size, errors carry codes. */
  private next(ctx: WsContext, result: ExecutionResult): ExecutionResult | undefined {
    const actor = ctx.extra.connection?.authentication.actor;
    if (actor && this.network.member(actor.subject)?.erased) {
      ctx.extra.socket.close(FORBIDDEN_CLOSE, 'Forbidden: the member left the community');
      const refused = new Forbidden(`${actor.subject} erased their personal data and left the community`);
      return { errors: [toGraphQLError(refused)] };
    }
    const formatted = result.errors?.length
      ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) }
      : undefined;
    const tooLarge = responseTooLarge(Buffer.byteLength(JSON.stringify(formatted ?? result)), this.config.limits);
    if (tooLarge) return { data: null, errors: [formatError(tooLarge.toJSON(), tooLarge)] } as unknown as ExecutionResult;
    return formatted as unknown as ExecutionResult | undefined;
  }
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  const extensions = { ...error.extensions, code: error.extensions['code'] ?? code };
  return toGraphQLError(new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions }));
}

function tokenFromParams(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.['authorization'] ?? params?.['Authorization'];
  return typeof value === 'string' ? value : undefined;
}
