import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ConcordConfig } from './config.js';
import { RuntimeModule } from './runtime.module.js';

/**
 * Every context's command tables and read models as the API runs them, without HTTP (the runtime
 * and every context's module in one application context), closed once `work` settles: for loading
 * data through the same rules, authorisations and projections as a client's commands.
 */
export async function withApplicationContext<T>(config: ConcordConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(RuntimeModule.forConfig(config), { logger: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
