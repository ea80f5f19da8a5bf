import { resolve } from 'node:path';
import type { SqliteSynchronous } from '#event-store';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../../graphql/src/request-limits.js';
import type { AuditSettings } from '../../audit/src/audit-settings.js';

export interface ConcordConfig {
  port: number;
  dataDir: string;
  eventStore: 'sqlite' | 'eventstoredb';
  eventStoreDbConnectionString?: string;
  /** Where personal-data keys live: `keys.db` in the data dir, or PostgreSQL for several instances. */
  keyStore: 'sqlite' | 'postgres';
  postgresUrl?: string;
  sqliteSynchronous: SqliteSynchronous;
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: string[];
  /** Longest accepted token lifetime (exp − iat), in seconds. */
  jwtMaxLifetimeSeconds: number;
  limits: RequestLimits;
  webSocket: WebSocketLimits;
  http: HttpTimeouts;
  rateLimits: RateLimits;
  exposure: Exposure;
  /** Checkpoint signing key and schedule of the Merkle log. */
  audit: AuditSettings;
  /**
   * How long a change spanning several streams may take before the recovery takes it for
   * interrupted (its process died between two appends) and finishes or undoes it.
   */
  unfinishedChangeGraceMs: number;
}

export interface WebSocketLimits {
  maxMessageBytes: number;
  connectionInitTimeoutMs: number;
  maxSubscriptionsPerConnection: number;
  maxSubscriptionsPerCaller: number;
  /** Changes one subscriber may have waiting; a consumer further behind is disconnected. */
  maxQueuedPerSubscriber: number;
}

export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** A request whose client sends nothing for this long is cut off. */
  idleTimeoutMs: number;
}

export interface RateLimits {
  windowSeconds: number;
  /** GraphQL requests (HTTP requests and WebSocket operations) per client address and window. */
  requestsPerAddress: number;
  /** Mutations per caller (token subject) and window. */
  mutationsPerCaller: number;
}

export type Audience = 'everyone' | 'authenticated' | 'nobody';

export interface Exposure {
  introspection: Audience;
  fieldSuggestions: Audience;
  /** Bearer token /metrics asks for; without one (and without a metrics port) /metrics is not served. */
  metricsToken?: string;
  /** A port of its own for /metrics, without a token (bind it to a private network). */
  metricsPort?: number;
}

/** HTTP bodies and WebSocket messages alike: an agreement's 200,000 characters fit. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const MIN_JWT_SECRET_BYTES = 32;

/** Every setting has a working default; see the README's configuration table. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConcordConfig {
  const eventStore = (env['CONCORD_EVENT_STORE'] ?? 'sqlite').toLowerCase();
  if (eventStore !== 'sqlite' && eventStore !== 'eventstoredb') {
    throw new Error(`CONCORD_EVENT_STORE must be sqlite or eventstoredb, not ${eventStore}`);
  }
  const connection = env['EVENTSTOREDB_CONNECTION_STRING'];
  if (eventStore === 'eventstoredb' && !connection) {
    throw new Error('CONCORD_EVENT_STORE=eventstoredb needs EVENTSTOREDB_CONNECTION_STRING');
  }
  const keyStore = (env['CONCORD_KEY_STORE'] ?? 'sqlite').toLowerCase();
  if (keyStore !== 'sqlite' && keyStore !== 'postgres') {
    throw new Error(`CONCORD_KEY_STORE must be sqlite or postgres, not ${keyStore}`);
  }
  const postgresUrl = env['CONCORD_POSTGRES_URL'] || undefined;
  if (keyStore === 'postgres' && !postgresUrl) {
    throw new Error('CONCORD_KEY_STORE=postgres needs CONCORD_POSTGRES_URL');
  }
  const synchronous = (env['CONCORD_SQLITE_SYNCHRONOUS'] ?? 'FULL').toUpperCase();
  if (!['FULL', 'NORMAL', 'OFF'].includes(synchronous)) {
    throw new Error(`CONCORD_SQLITE_SYNCHRONOUS must be FULL, NORMAL or OFF, not ${synchronous}`);
  }
  const dataDir = resolve(env['CONCORD_DATA_DIR'] ?? './data');
  const port = Number(env['PORT'] ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env['PORT']}`);
  const jwtSecret = env['CONCORD_JWT_SECRET'] || undefined;
  if (jwtSecret && Buffer.byteLength(jwtSecret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new Error(`CONCORD_JWT_SECRET must be at least ${MIN_JWT_SECRET_BYTES} bytes long`);
  }
  const int = integerSetting(env);
  const metricsPort = env['CONCORD_METRICS_PORT'] ? int('CONCORD_METRICS_PORT', 0, 0, 65535) : undefined;
  return {
    port,
    dataDir,
    eventStore,
    eventStoreDbConnectionString: connection,
    keyStore,
    postgresUrl,
    sqliteSynchronous: synchronous as SqliteSynchronous,
    jwtSecret,
    jwksUrl: env['CONCORD_JWKS_URL'] || undefined,
    jwtIssuer: env['CONCORD_JWT_ISSUER'] || undefined,
    jwtAudience: env['CONCORD_JWT_AUDIENCE'] || undefined,
    corsOrigins: corsOrigins(env['CONCORD_CORS_ORIGINS']),
    jwtMaxLifetimeSeconds: int('CONCORD_JWT_MAX_LIFETIME_SECONDS', 24 * 3600, 60),
    limits: {
      maxDepth: int('CONCORD_MAX_DEPTH', DEFAULT_REQUEST_LIMITS.maxDepth, 1),
      maxAliases: int('CONCORD_MAX_ALIASES', DEFAULT_REQUEST_LIMITS.maxAliases, 0),
      maxCost: int('CONCORD_MAX_COST', DEFAULT_REQUEST_LIMITS.maxCost, 1),
      maxDirectives: int('CONCORD_MAX_DIRECTIVES', DEFAULT_REQUEST_LIMITS.maxDirectives, 0),
      maxTokens: int('CONCORD_MAX_TOKENS', DEFAULT_REQUEST_LIMITS.maxTokens, 100),
      maxResponseBytes: int('CONCORD_MAX_RESPONSE_BYTES', DEFAULT_REQUEST_LIMITS.maxResponseBytes, 1024),
    },
    webSocket: {
      maxMessageBytes: int('CONCORD_WS_MAX_MESSAGE_BYTES', MAX_MESSAGE_BYTES, 1024),
      connectionInitTimeoutMs: int('CONCORD_WS_INIT_TIMEOUT_MS', 3_000, 100),
      maxSubscriptionsPerConnection: int('CONCORD_MAX_SUBSCRIPTIONS_PER_CONNECTION', 50, 1),
      maxSubscriptionsPerCaller: int('CONCORD_MAX_SUBSCRIPTIONS_PER_CALLER', 200, 1),
      maxQueuedPerSubscriber: int('CONCORD_MAX_QUEUED_PER_SUBSCRIBER', 1_000, 1),
    },
    http: {
      headersTimeoutMs: int('CONCORD_HTTP_HEADERS_TIMEOUT_MS', 10_000, 100),
      requestTimeoutMs: int('CONCORD_HTTP_REQUEST_TIMEOUT_MS', 30_000, 100),
      keepAliveTimeoutMs: int('CONCORD_HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100),
      idleTimeoutMs: int('CONCORD_HTTP_IDLE_TIMEOUT_MS', 15_000, 100),
    },
    rateLimits: {
      windowSeconds: int('CONCORD_RATE_LIMIT_WINDOW_SECONDS', 60, 1),
      requestsPerAddress: int('CONCORD_RATE_LIMIT_REQUESTS', 1_200, 1),
      mutationsPerCaller: int('CONCORD_RATE_LIMIT_MUTATIONS', 120, 1),
    },
    exposure: {
      introspection: audience(env, 'CONCORD_INTROSPECTION'),
      fieldSuggestions: audience(env, 'CONCORD_FIELD_SUGGESTIONS'),
      metricsToken: env['CONCORD_METRICS_TOKEN'] || undefined,
      metricsPort,
    },
    audit: auditSettings(env, dataDir),
    unfinishedChangeGraceMs: int('CONCORD_UNFINISHED_CHANGE_GRACE_MS', 30_000, 0),
  };
}

function integerSetting(env: NodeJS.ProcessEnv) {
  return (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${text}`);
    return value;
  };
}

function audience(env: NodeJS.ProcessEnv, name: string): Audience {
  const value = (env[name] ?? 'authenticated').toLowerCase();
  if (value !== 'everyone' && value !== 'authenticated' && value !== 'nobody') {
    throw new Error(`${name} must be everyone, authenticated or nobody, not ${env[name]}`);
  }
  return value;
}

function auditSettings(env: NodeJS.ProcessEnv, dataDir: string): AuditSettings {
  const every = env['CONCORD_AUDIT_CHECKPOINT_EVERY'] ?? '10000';
  if (!/^\d+$/.test(every)) throw new Error(`CONCORD_AUDIT_CHECKPOINT_EVERY must be a number of events (0: never by count), not ${every}`);
  return {
    signingKey: {
      dataDir,
      pem: env['CONCORD_AUDIT_SIGNING_KEY'] || undefined,
      file: env['CONCORD_AUDIT_SIGNING_KEY_FILE'] ? resolve(env['CONCORD_AUDIT_SIGNING_KEY_FILE']) : undefined,
    },
    schedule: {
      intervalMs: durationMs('CONCORD_AUDIT_CHECKPOINT_INTERVAL', env['CONCORD_AUDIT_CHECKPOINT_INTERVAL'] ?? '15m'),
      everyEvents: Number(every),
    },
  };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `1h`, `1d`, or `0` for never. */
function durationMs(name: string, value: string): number {
  const match = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match || (match[2] === undefined && match[1] !== '0')) throw new Error(`${name} must be a duration such as 90s, 15m or 1h (0: never), not ${value}`);
  return Number(match[1]) * UNITS[match[2] ?? 'ms']!;
}

function corsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`CONCORD_CORS_ORIGINS: ${origin} is not an origin such as https://app.example.eu`);
    }
    if (url.origin !== origin) throw new Error(`CONCORD_CORS_ORIGINS: write ${origin} as ${url.origin}`);
  }
  return origins;
}
