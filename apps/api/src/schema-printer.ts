import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.js';
import { loadConfig } from '#runtime';

/** The SDL the API serves, built by booting the application against a scratch data dir. */
export async function servedSchema(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-schema-'));
  const app = await createApp(loadConfig({ CONCORD_DATA_DIR: dataDir }), { logger: ['error'] });
  try {
    await app.init();
    return `${printSchema(app.get(GraphQLSchemaHost).schema)}\n`;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
