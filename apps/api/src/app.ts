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
  return app;
}
