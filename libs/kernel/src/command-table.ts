import type { Position } from '#event-store';
import type { Actor } from './actor.js';
import type { CommandContext, IdentifiedEvent, Undo } from './command-handling.js';
import type { CommandExecutor } from './command-executor.js';
import type { Decider, DomainEvent } from './decider.js';
import { NotFound } from './errors.js';
import { newAggregateId } from './validation/input.js';

/** One kind of aggregate: its decider, where its streams live, and what clients call it. */
export interface Aggregate<Command extends { type: string }, Event extends DomainEvent, State> {
  /** As NOT_FOUND names it, e.g. `buyer group`. */
  readonly name: string;
  readonly decider: Decider<Command, Event, State>;
  stream(id: string): string;
}

/** Who sends a command, with what the application lets the rules look up. */
export interface Caller<Services> {
  readonly actor: Actor;
  readonly context: CommandContext;
  readonly services: Services;
}

type Body<Command> = Omit<Command, 'type'>;

/** How one command type is completed from what its caller sent, and who may send it. */
export interface CommandRule<Sent, Command, State, Services> {
  /**
   * It creates the aggregate: its stream may be empty, and its id is the one the client asked for
   * (this gives it), or one derived from the idempotency key, or a new one.
   */
  creates?(sent: Sent): string | null | undefined;
  /** Which aggregate it acts on, when `sent` names it otherwise than by `id`. */
  on?(sent: Sent): string;
  /** The domain command from what was sent: checked, completed from the caller and other contexts' facts. */
  complete(sent: Sent, caller: Caller<Services>, id: string): Body<Command> | Promise<Body<Command>>;
  /** Throws FORBIDDEN unless the caller may send it, judged on the aggregate as loaded. */
  may(caller: Caller<Services>, command: Command, state: State): void | Promise<void>;
  /** What must happen once allowed and before deciding, on every attempt (even one the decider refuses). */
  beforeDeciding?(caller: Caller<Services>, command: Command, state: State): Promise<void>;
  /**
   * Other aggregates whose own streams must agree before these events are recorded (the needs a
   * join pools): throws their refusal, or returns how to give back what they granted should the
   * events not be recorded after all.
   */
  reserve?(caller: Caller<Services>, decided: IdentifiedEvent[], state: State): Promise<Undo>;
  /** What other aggregates record because these events were (each caused by its event). */
  follow?(caller: Caller<Services>, recorded: IdentifiedEvent[]): Promise<void>;
}

/** An aggregate's commands, one rule per command type: the compiler asks for every one. */
export type CommandRules<Command extends { type: string }, State, Services> = {
  readonly [T in Command['type']]: CommandRule<never, Extract<Command, { type: T }>, State, Services>;
};

export type SentFor<Rule> = Rule extends { complete(sent: infer Sent, ...rest: never[]): unknown } ? Sent : never;

/** What a mutation reports about the aggregate it changed, and the command as completed. */
export interface AggregateChange<Command = unknown> {
  id: string;
  version: number;
  /** Position to wait for before reading the result (read-your-writes). */
  position: Position;
  command: Command;
  /** The answer is the first result of this idempotency key: nothing was recorded this time. */
  replayed: boolean;
}

/**
 * The one way to act on an aggregate: complete the command from its rule, load the stream
 * (NOT_FOUND while its state is null, for all but a creating command), check who may
 * send it, decide, append, and answer once projected.
 */
export class AggregateCommands<
  Command extends { type: string },
  Event extends DomainEvent,
  State,
  Services,
  Rules extends CommandRules<Command, State, Services>,
> {
  constructor(
    readonly aggregate: Aggregate<Command, Event, State>,
    private readonly rules: Rules,
    private readonly executor: CommandExecutor,
    private readonly services: Services,
  ) {}

  /** The aggregate is `sent.id` (or as its rule's `on` says), or a new one for a creating command. */
  async send<T extends Command['type']>(
    type: T,
    sent: SentFor<Rules[T]>,
    context: CommandContext,
    asConsequence = false,
  ): Promise<AggregateChange<Extract<Command, { type: T }>>> {
    type Sent = Extract<Command, { type: T }>;
    const rule = this.rules[type] as unknown as CommandRule<SentFor<Rules[T]>, Sent, State, Services>;
    const caller: Caller<Services> = { actor: context.actor, context, services: this.services };
    const target = rule.creates
      ? newAggregateId(rule.creates(sent), context, lowerFirst(type))
      : (rule.on?.(sent) ?? (sent as unknown as { id: string }).id);
    const command = { type, ...(await rule.complete(sent, caller, target)) } as Sent;
    const { decider, name } = this.aggregate;
    const outcome = await this.executor.execute({
      decider,
      streamId: this.aggregate.stream(target),
      command,
      context,
      authorize: async (state) => {
        if (!rule.creates && state === null) throw new NotFound(name, target);
        if (!asConsequence) await rule.may(caller, command, state);
        await rule.beforeDeciding?.(caller, command, state);
      },
      ...(rule.reserve ? { reserve: (decided: IdentifiedEvent[], state: State) => rule.reserve!(caller, decided, state) } : {}),
    });
    if (rule.follow && outcome.identified.length > 0) await rule.follow(caller, outcome.identified);
    return { id: target, version: outcome.version, position: outcome.position, command, replayed: outcome.replayed };
  }

  /**
   * A command that follows from an event already recorded (its `context.causationId`): who may
   * send it was judged when that event was decided, so only the domain rules apply now.
   */
  follow<T extends Command['type']>(type: T, sent: SentFor<Rules[T]>, context: CommandContext & { causationId: string }) {
    return this.send(type, sent, context, true);
  }
}

/** `ProposeBuyerGroup` → `proposeBuyerGroup`: the operation an id derived from an idempotency key is scoped to. */
function lowerFirst(type: string): string {
  return type.charAt(0).toLowerCase() + type.slice(1);
}

/** The class a context's module provides for one aggregate: `class X extends commandsOf(x, xRules) {}`. */
export function commandsOf<
  Command extends { type: string },
  Event extends DomainEvent,
  State,
  Services,
  Rules extends CommandRules<Command, State, Services>,
>(aggregate: Aggregate<Command, Event, State>, rules: Rules & CommandRules<Command, State, Services>) {
  return class extends AggregateCommands<Command, Event, State, Services, Rules> {
    constructor(executor: CommandExecutor, services: Services) {
      super(aggregate, rules, executor, services);
    }
  };
}
