import type { DomainEvent, CommandHandlingDeps, CommandOutcome, CommandRequest } from '../../kernel/src/index.js';
import { handleCommand } from '../../kernel/src/index.js';
import type { ProjectionRunner } from './projection-runner.js';

/** Runs a command and answers only once its events are in this instance's read models. */
export class CommandExecutor {
  constructor(
    private readonly deps: CommandHandlingDeps,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute<Command, Event extends DomainEvent, State>(
    request: CommandRequest<Command, Event, State>,
  ): Promise<CommandOutcome<State, Event>> {
    const outcome = await handleCommand(this.deps, request);
    await this.runner.waitFor(outcome.position);
    return outcome;
  }
}
