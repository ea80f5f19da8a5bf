import { changeOf, type AggregateChange, type CommandContext } from '../../../kernel/src/index.js';
import type { CommandExecutor } from '../../../projections/src/index.js';
import { buyerGroupDecider, buyerGroupStream, type BuyerGroup, type BuyerGroupCommand } from '../domain/buyer-group.js';
import type { BuyerGroupAccess } from './buyer-group-access.js';

/** Runs one command on an existing group: NOT_FOUND if there is none, then `authorize`, then decide. */
export class BuyerGroupRunner {
  constructor(
    private readonly commands: CommandExecutor,
    private readonly access: BuyerGroupAccess,
  ) {}

  run(
    id: string,
    command: BuyerGroupCommand,
    context: CommandContext,
    authorize: (group: BuyerGroup) => void,
  ): Promise<AggregateChange> {
    return changeOf(
      id,
      this.commands.execute({
        decider: buyerGroupDecider,
        streamId: buyerGroupStream(id),
        command,
        context,
        authorize: (state) => {
          this.access.requireGroup(state, id);
          authorize(state);
        },
      }),
    );
  }
}
