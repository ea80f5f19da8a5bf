import type { Position } from '#event-store';
import { handleCommand, type CommandHandlingDeps, type CommandOutcome, type CommandRequest } from './command-handling.js';
import type { DomainEvent } from './decider.js';

/** Whatever tells when a position has reached this instance's read models. */
export interface ProjectionProgress {
  waitFor(position: Position): Promise<void>;
}

/** The write side's entry: runs a command and answers only once its events are projected. */
export class CommandExecutor {
  constructor(
    private readonly deps: CommandHandlingDeps,
    private readonly projections: ProjectionProgress,
  ) {}

  async execute<Command, Event extends DomainEvent, State>(
    request: CommandRequest<Command, Event, State>,
  ): Promise<CommandOutcome<Event, State>> {
    const outcome = await handleCommand(this.deps, request);
    await this.projections.waitFor(outcome.position);
    return outcome;
  }
}
