import { resolve } from 'node:path';
import type { SqliteSynchronous } from '../../../libs/event-store/src/index.js';

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
  const port = Number(env['PORT'] ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env['PORT']}`);
  return {
    port,
    dataDir: resolve(env['CONCORD_DATA_DIR'] ?? './data'),
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
  };
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
