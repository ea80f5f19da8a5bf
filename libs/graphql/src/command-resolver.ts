import 'reflect-metadata';
import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { AsOfArg, IdArg } from './arguments.js';
import type { Type } from '@nestjs/common';
import type { AggregateChange, AggregateCommands, CommandContext } from '#kernel';
import { commandContext, type CommandOptions } from './command-context.js';
import { ReadModelResolver } from './read-model-resolver.js';
import { CurrentRequest, type RequestContext } from './request-context.js';
import { TimeTravel } from './time-travel.js';

/** An aggregate's commands as a resolver sends them: the class `commandsOf` gives. */
interface Commands {
  send(type: string, sent: unknown, context: CommandContext): Promise<AggregateChange>;
}

// What a resolver needs of the commands' class: its command union and its aggregate's state.
type CommandTypeOf<C> = C extends AggregateCommands<infer Command, any, any, any, any> ? Command['type'] : never;
type StateOf<C> = C extends AggregateCommands<any, any, infer State, any, any> ? State : never;

/** How clients read the aggregate: by id from the read model, and from its state when travelling in time. */
export interface AggregateView<State, Node, Queries> {
  load(request: RequestContext, queries: Queries, id: string): Promise<Node | null>;
  /** `asOf` is the instant travelled to: what is judged by time (overdue, say) is judged then. */
  fromState(state: State, version: number, asOf: Date): Node | null;
  /** The query of one aggregate by id, with `asOf`; also the payload field a mutation answers it in, unless the resolver answers otherwise. */
  query: string;
  type: () => Type<Node>;
  /** What clients read about the query. */
  description: string;
}

/**
 * What every resolver of an aggregate's mutations starts from: its commands and read model
 * injected once (properties, so a resolver only declares what else it needs), the one `send`
 * that `declareMutations` calls, and the aggregate as of an instant for its `asOf` query. The
 * payload is the changed aggregate as the read model now holds it, unless `answer` says more.
 */
export function CommandResolver<C extends object, Queries, Node = never>(
  commands: Type<C>,
  queries: Type<Queries>,
  view?: AggregateView<StateOf<C>, Node, Queries>,
) {
  abstract class CommandResolverBase extends ReadModelResolver(queries) {
    @Inject(commands) readonly commands!: C;
    @Inject(TimeTravel) readonly timeTravel!: TimeTravel;

    /** The payload's own fields: what the change touched, as the read model now holds it. */
    async answer(request: RequestContext, change: AggregateChange): Promise<object> {
      if (!view) throw new Error('this resolver declares no view of its aggregate: it must answer itself');
      return { [view.query]: await view.load(request, this.queries, change.id) };
    }

    async send(request: RequestContext, type: CommandTypeOf<C>, args: never) {
      const options = args as CommandOptions;
      const change = await (this.commands as unknown as Commands).send(type as string, args, commandContext(request, options));
      return { ...(await this.answer(request, change)), version: change.version, position: change.position, replayed: change.replayed };
    }

    /** `asOf` (AUDITOR, ADMIN): folded from the aggregate's own stream up to then; else the read model. */
    aggregateAt(request: RequestContext, id: string, asOf?: Date | null): Promise<Node | null> {
      if (!view) throw new Error('this resolver declares no view of its aggregate');
      if (!asOf) return view.load(request, this.queries, id);
      const { decider, stream } = (this.commands as unknown as AggregateCommands<never, never, StateOf<C>, never, never>).aggregate;
      return this.timeTravel.asOf(request.actor!, decider, stream(id), asOf, (state, version) => view.fromState(state, version, asOf));
    }
  }
  if (view) declareAggregateQuery(CommandResolverBase, view);
  return CommandResolverBase;
}

/** `<query>(id, asOf)`: the aggregate now, or as it was then (`aggregateAt`), for every resolver of one. */
function declareAggregateQuery(base: Function, { query, type, description }: { query: string; type: () => Type<unknown>; description: string }): void {
  const prototype = base.prototype as Record<string, unknown>;
  const read = function (this: { aggregateAt(request: RequestContext, id: string, asOf?: Date | null): unknown }, request: RequestContext, id: string, asOf?: Date | null) {
    return this.aggregateAt(request, id, asOf);
  };
  Object.defineProperty(prototype, query, { value: read, writable: true, configurable: true });
  // What the compiler records for a written-out method, which the schema builder reads.
  Reflect.defineMetadata('design:paramtypes', [Object, String, Date], prototype, query);
  Reflect.defineMetadata('design:returntype', Promise, prototype, query);
  CurrentRequest()(prototype, query, 0);
  IdArg()(prototype, query, 1);
  AsOfArg()(prototype, query, 2);
  Query(type, { nullable: true, description })(prototype, query, Object.getOwnPropertyDescriptor(prototype, query)!);
  Resolver({ isAbstract: true })(base);
}
