import { Inject } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import type { AggregateChange, AggregateCommands, CommandContext } from '#kernel';
import { commandContext, type CommandOptions } from './command-context.js';
import type { RequestContext } from './request-context.js';
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
  /** The payload field a mutation answers the changed aggregate in, unless the resolver answers otherwise. */
  payload?: string;
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
  abstract class CommandResolverBase {
    @Inject(commands) readonly commands!: C;
    @Inject(queries) readonly queries!: Queries;
    @Inject(TimeTravel) readonly timeTravel!: TimeTravel;

    /** The payload's own fields: what the change touched, as the read model now holds it. */
    async answer(request: RequestContext, change: AggregateChange): Promise<object> {
      if (!view?.payload) throw new Error('this resolver names no payload field: it must answer itself');
      return { [view.payload]: await view.load(request, this.queries, change.id) };
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
  return CommandResolverBase;
}
