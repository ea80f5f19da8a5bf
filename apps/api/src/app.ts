import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module.js';
import type { ConcordConfig } from '#runtime';
import { RateLimiter } from './rate-limits/rate-limiter.js';
import { limitSlowClients } from './slow-clients.js';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
}

/**
 * Largest request body: the longest text a mutation accepts is an agreement of 200,000
 * characters, up to 3 bytes each in UTF-8. Express's default of 100 kB refused such a request
 * before any validation could answer it.
 */
const MAX_REQUEST_BODY = '1mb';

export async function createApp(config: ConcordConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: MAX_REQUEST_BODY });
  app.enableShutdownHooks();
  limitSlowClients(app.getHttpServer() as Server, config.http);
  // Before Apollo's middleware (registered at init), so even a document that never parses counts.
  const limiter = app.get(RateLimiter);
  app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' && req.method !== 'GET') return next();
    limiter.request(req.socket.remoteAddress ?? 'unknown').then((limited) => {
      if (!limited) return next();
      res.status(429).setHeader('retry-after', String(limited.retryAfter));
      res.json({ errors: [{ message: limited.message, extensions: { code: limited.code, ...limited.details } }] });
    }, next);
  });
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
