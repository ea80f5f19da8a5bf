import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { changeOf, newAggregateId, requiredText, type AggregateChange, type CommandContext } from '../../../kernel/src/index.js';
import { CommandExecutor } from '../../../projections/src/index.js';
import { NetworkAccess, NetworkQueries } from '../../../network/src/index.js';
import { topicalGroupDecider, topicalGroupStream } from '../domain/topical-group.js';
import { inCommunity, onTopicalGroup } from './on-topical-group.js';

export class CreateTopicalGroup {
  constructor(
    readonly input: { id?: string | null; name: string; topic: string; description: string },
    readonly context: CommandContext,
  ) {}
}

export class AppointTopicalGroupLeader {
  constructor(readonly id: string, readonly memberId: string, readonly context: CommandContext) {}
}

export class JoinTopicalGroup {
  constructor(readonly id: string, readonly context: CommandContext) {}
}

export class LeaveTopicalGroup {
  constructor(readonly id: string, readonly context: CommandContext) {}
}

@CommandHandler(CreateTopicalGroup)
export class CreateTopicalGroupHandler implements ICommandHandler<CreateTopicalGroup, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
  ) {}

  async execute({ input, context }: CreateTopicalGroup): Promise<AggregateChange> {
    const name = requiredText(input.name, 'input.name', 200);
    const topic = requiredText(input.topic, 'input.topic', 200);
    const description = requiredText(input.description, 'input.description', 5000);
    this.access.requireAdmin(context.actor, 'create a topical group');
    const id = newAggregateId(input.id, context, 'createTopicalGroup');
    return changeOf(
      id,
      this.commands.execute({
        decider: topicalGroupDecider,
        streamId: topicalGroupStream(id),
        command: { type: 'CreateTopicalGroup', topicalGroupId: id, name, topic, description },
        context,
      }),
    );
  }
}

@CommandHandler(AppointTopicalGroupLeader)
export class AppointTopicalGroupLeaderHandler implements ICommandHandler<AppointTopicalGroupLeader, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
  ) {}

  async execute({ id, memberId, context }: AppointTopicalGroupLeader): Promise<AggregateChange> {
    this.access.requireAdmin(context.actor, 'appoint a topical group leader');
    const memberInCommunity = inCommunity(this.network.member(memberId));
    return onTopicalGroup(this.commands, id, { type: 'AppointTopicalGroupLeader', memberId, memberInCommunity }, context);
  }
}

@CommandHandler(JoinTopicalGroup)
export class JoinTopicalGroupHandler implements ICommandHandler<JoinTopicalGroup, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
  ) {}

  async execute({ id, context }: JoinTopicalGroup): Promise<AggregateChange> {
    const by = context.actor.subject;
    return onTopicalGroup(this.commands, id, { type: 'JoinTopicalGroup', by, byInCommunity: inCommunity(this.network.member(by)) }, context);
  }
}

@CommandHandler(LeaveTopicalGroup)
export class LeaveTopicalGroupHandler implements ICommandHandler<LeaveTopicalGroup, AggregateChange> {
  constructor(@Inject(CommandExecutor) private readonly commands: CommandExecutor) {}

  async execute({ id, context }: LeaveTopicalGroup): Promise<AggregateChange> {
    return onTopicalGroup(this.commands, id, { type: 'LeaveTopicalGroup', by: context.actor.subject }, context);
  }
}
