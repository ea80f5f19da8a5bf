import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { AppModule } from './app.module.js';
import type { ConcordConfig } from './config.js';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
}

export async function createApp(config: ConcordConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bodyParser: true,
  });
  app.enableShutdownHooks();
  if (config.corsOrigins.length > 0) {
    // Browser apps of the network; bearer tokens travel in a header, so no credentials mode.
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['authorization', 'content-type', 'x-correlation-id', 'apollo-require-preflight'],
      maxAge: 600,
    });
  }
  return app;
}
