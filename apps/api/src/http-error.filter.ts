import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';

/**
 * A request to /graphql that fails before GraphQL sees it (malformed JSON, a body too large)
 * still answers in GraphQL's error shape with a code, like every other refusal.
 */
@Catch(HttpException)
export class GraphQLHttpErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return super.catch(exception, host);
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    if (!request.path?.startsWith('/graphql')) return super.catch(exception, host);
    const status = exception.getStatus();
    const message = status === 413 ? 'the request body is too large (at most 1 MB)' : `the request is not valid: ${exception.message}`;
    http.getResponse<Response>().status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST', status } }] });
  }
}
