import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  NotFound,
  changeOf,
  newAggregateId,
  requiredText,
  type AggregateChange,
  type CommandContext,
} from '../../../kernel/src/index.js';
import { CommandExecutor } from '../../../projections/src/index.js';
import { NetworkAccess, NetworkQueries } from '../../../network/src/index.js';
import { needDecider, needStream, type NeedCommand, type NeedState } from '../domain/need.js';
import { needChanges, needDetails, type NeedChangesInput, type NeedDetailsInput } from '../domain/need-input.js';
import { NeedsQueries } from '../read-model/needs.queries.js';

export class DeclareNeed {
  constructor(
    readonly input: NeedDetailsInput & { id?: string | null; organisationId: string },
    readonly context: CommandContext,
  ) {}
}

export class AmendNeed {
  constructor(readonly id: string, readonly changes: NeedChangesInput, readonly context: CommandContext) {}
}

export class WithdrawNeed {
  constructor(readonly id: string, readonly reason: string, readonly context: CommandContext) {}
}

@CommandHandler(DeclareNeed)
export class DeclareNeedHandler implements ICommandHandler<DeclareNeed, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
  ) {}

  async execute({ input, context }: DeclareNeed): Promise<AggregateChange> {
    const organisationId = requiredText(input.organisationId, 'input.organisationId', 100);
    const details = needDetails(input, 'input');
    const organisation = this.network.organisation(organisationId);
    if (!organisation) throw new NotFound('organisation', organisationId);
    this.access.requireMemberOfOrganisation(context.actor, organisationId, 'declare its needs');
    const id = newAggregateId(input.id, context, 'declareNeed');
    return changeOf(
      id,
      this.commands.execute({
        decider: needDecider,
        streamId: needStream(id),
        command: { type: 'DeclareNeed', needId: id, organisationId, organisationActive: organisation.active === 1, ...details },
        context,
      }),
    );
  }
}

/** Runs one command on an existing need, for members of the organisation that declared it. */
function onNeed(
  commands: CommandExecutor,
  access: NetworkAccess,
  id: string,
  command: NeedCommand,
  context: CommandContext,
  action: string,
): Promise<AggregateChange> {
  return changeOf(
    id,
    commands.execute({
      decider: needDecider,
      streamId: needStream(id),
      command,
      context,
      authorize: (state: NeedState) => {
        if (state.status === 'undeclared') throw new NotFound('need', id);
        access.requireMemberOfOrganisation(context.actor, state.organisationId, action);
      },
    }),
  );
}

@CommandHandler(AmendNeed)
export class AmendNeedHandler implements ICommandHandler<AmendNeed, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
    @Inject(NeedsQueries) private readonly needs: NeedsQueries,
  ) {}

  execute({ id, changes, context }: AmendNeed): Promise<AggregateChange> {
    const command: NeedCommand = {
      type: 'AmendNeed',
      changes: needChanges(changes, 'changes'),
      pooledInBuyerGroupId: this.needs.need(id)?.buyer_group_id ?? null,
    };
    return onNeed(this.commands, this.access, id, command, context, 'amend its needs');
  }
}

@CommandHandler(WithdrawNeed)
export class WithdrawNeedHandler implements ICommandHandler<WithdrawNeed, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
    @Inject(NeedsQueries) private readonly needs: NeedsQueries,
  ) {}

  execute({ id, reason, context }: WithdrawNeed): Promise<AggregateChange> {
    const command: NeedCommand = {
      type: 'WithdrawNeed',
      reason: requiredText(reason, 'reason', 2000),
      pooledInBuyerGroupId: this.needs.need(id)?.buyer_group_id ?? null,
    };
    return onNeed(this.commands, this.access, id, command, context, 'withdraw its needs');
  }
}

export const NEED_COMMAND_HANDLERS = [DeclareNeedHandler, AmendNeedHandler, WithdrawNeedHandler];
