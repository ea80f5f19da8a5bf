import { resolve } from 'node:path';
import type { SqliteSynchronous } from '../../../libs/event-store/src/index.js';
import type { AuditSettings } from '../../../libs/audit/src/audit-settings.js';

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
  /** Checkpoint signing key and schedule of the Merkle log. */
  audit: AuditSettings;
}

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
  return {
    port,
    dataDir,
    eventStore,
    eventStoreDbConnectionString: connection,
    keyStore,
    postgresUrl,
    sqliteSynchronous: synchronous as SqliteSynchronous,
    jwtSecret: env['CONCORD_JWT_SECRET'] || undefined,
    jwksUrl: env['CONCORD_JWKS_URL'] || undefined,
    jwtIssuer: env['CONCORD_JWT_ISSUER'] || undefined,
    jwtAudience: env['CONCORD_JWT_AUDIENCE'] || undefined,
    corsOrigins: corsOrigins(env['CONCORD_CORS_ORIGINS']),
    audit: auditSettings(env, dataDir),
  };
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
