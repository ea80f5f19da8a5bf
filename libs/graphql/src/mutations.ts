import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { Args, Mutation } from '@nestjs/graphql';
import { CurrentRequest, type RequestContext } from './request-context.js';

/** One mutation: the command it sends, the class of its arguments, what clients read about it. */
export interface MutationSpec<CommandType extends string> {
  command: CommandType;
  args: Type<unknown>;
  description?: string;
}

/** A resolver that sends commands of these types: the one thing every mutation does. */
export interface CommandSender<CommandType extends string> {
  send(request: RequestContext, type: CommandType, args: never): Promise<unknown>;
}

/**
 * Declares a resolver's mutations from one table, so no mutation is written out by hand:
 * `name(request, args)` hands its command type and arguments to the resolver's `send`, and the
 * schema gets the payload type, the description and the arguments class's fields.
 */
export function declareMutations<CommandType extends string>(
  resolver: Type<CommandSender<CommandType>>,
  payload: () => Type<unknown>,
  mutations: Record<string, MutationSpec<NoInfer<CommandType>>>,
): void {
  const prototype = resolver.prototype as Record<string, unknown>;
  for (const [name, { command, args, description }] of Object.entries(mutations)) {
    const mutation = function (this: CommandSender<CommandType>, request: RequestContext, sent: never) {
      return this.send(request, command, sent);
    };
    Object.defineProperty(prototype, name, { value: mutation, writable: true, configurable: true });
    // What the compiler records for a written-out method, which the schema builder reads.
    Reflect.defineMetadata('design:paramtypes', [Object, args], prototype, name);
    Reflect.defineMetadata('design:returntype', Promise, prototype, name);
    CurrentRequest()(prototype, name, 0);
    Args({ type: () => args })(prototype, name, 1);
    Mutation(payload, description ? { description } : {})(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
  }
}
