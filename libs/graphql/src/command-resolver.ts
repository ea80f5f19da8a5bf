import { Inject } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import type { AggregateChange, AggregateCommands, CommandContext, DomainEvent, Evolver } from '#kernel';
import { commandContext, type CommandOptions } from './command-context.js';
import type { RequestContext } from './request-context.js';
import { TimeTravel } from './time-travel.js';

/** An aggregate's commands as a resolver sends them: the class `commandsOf` gives. */
interface Commands {
  send(type: string, sent: unknown, context: CommandContext): Promise<AggregateChange>;
}

// The command union is the class's first type argument; the others do not matter here.
type CommandTypeOf<C> = C extends AggregateCommands<infer Command, any, any, any, any> ? Command['type'] : never;

/** How the `asOf` query of one aggregate reads: its history folded, or the read model now. */
export interface AggregateHistory<Event extends DomainEvent, State, Node, Queries> {
  decider: Evolver<Event, State>;
  stream(id: string): string;
  fromState(state: State, version: number, asOf: Date): Node | null;
  load(request: RequestContext, queries: Queries, id: string): Promise<Node | null>;
}

/**
 * What every resolver of an aggregate's mutations starts from: its commands and read model
 * injected once (properties, so a resolver only declares what else it needs), the one `send`
 * that `declareMutations` calls, and the aggregate as of an instant for its `asOf` query. A
 * resolver says only its payload's own fields, in `answer`.
 */
export function CommandResolver<C extends object, Queries, Event extends DomainEvent = DomainEvent, State = never, Node = never>(
  commands: Type<C>,
  queries: Type<Queries>,
  history?: AggregateHistory<Event, State, Node, Queries>,
) {
  abstract class CommandResolverBase {
    @Inject(commands) readonly commands!: C;
    @Inject(queries) readonly queries!: Queries;
    @Inject(TimeTravel) readonly timeTravel!: TimeTravel;

    /** The payload's own fields: what the change touched, as the read model now holds it. */
    abstract answer(request: RequestContext, change: AggregateChange): Promise<object>;

    async send(request: RequestContext, type: CommandTypeOf<C>, args: never) {
      const options = args as CommandOptions;
      const change = await (this.commands as unknown as Commands).send(type as string, args, commandContext(request, options));
      return { ...(await this.answer(request, change)), version: change.version, position: change.position, replayed: change.replayed };
    }

    /** `asOf` (AUDITOR, ADMIN): folded from the aggregate's own stream up to then; else the read model. */
    aggregateAt(request: RequestContext, id: string, asOf?: Date | null): Promise<Node | null> {
      if (!history) throw new Error('this resolver declares no aggregate history');
      if (!asOf) return history.load(request, this.queries, id);
      return this.timeTravel.asOf(request.actor!, history.decider, history.stream(id), asOf, (state, version) =>
        history.fromState(state, version, asOf),
      );
    }
  }
  return CommandResolverBase;
}
