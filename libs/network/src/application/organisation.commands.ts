import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import {
  NotFound,
  changeOf,
  countryCode,
  newAggregateId,
  requiredText,
  type AggregateChange,
  type CommandContext,
} from '../../../kernel/src/index.js';
import { CommandExecutor } from '../../../projections/src/index.js';
import {
  organisationDecider,
  organisationStream,
  type OrganisationCommand,
  type OrganisationKind,
  type OrganisationState,
} from '../domain/organisation.js';
import { NetworkAccess } from './network-access.js';

export class RegisterOrganisation {
  constructor(
    readonly input: { id?: string | null; name: string; country: string; kind: OrganisationKind },
    readonly context: CommandContext,
  ) {}
}

export class RenameOrganisation {
  constructor(readonly id: string, readonly name: string, readonly context: CommandContext) {}
}

export class LeaveNetwork {
  constructor(readonly id: string, readonly reason: string, readonly context: CommandContext) {}
}

/** Runs one organisation command, refusing anyone but an ADMIN or the NCP of its country. */
async function onOrganisation(
  commands: CommandExecutor,
  access: NetworkAccess,
  id: string,
  command: OrganisationCommand,
  context: CommandContext,
  action: string,
): Promise<AggregateChange> {
  return changeOf(
    id,
    commands.execute({
      decider: organisationDecider,
      streamId: organisationStream(id),
      command,
      context,
      authorize: (state: OrganisationState) => {
        if (state.status === 'unregistered') throw new NotFound('organisation', id);
        access.requireAdminOrNationalContactPoint(context.actor, state.country, action);
      },
    }),
  );
}

@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
  ) {}

  async execute({ input, context }: RegisterOrganisation): Promise<AggregateChange> {
    const country = countryCode(input.country, 'input.country');
    const name = requiredText(input.name, 'input.name', 200);
    this.access.requireAdminOrNationalContactPoint(context.actor, country, 'register an organisation');
    const id = newAggregateId(input.id, context, 'registerOrganisation');
    return changeOf(
      id,
      this.commands.execute({
        decider: organisationDecider,
        streamId: organisationStream(id),
        command: { type: 'RegisterOrganisation', organisationId: id, name, country, kind: input.kind },
        context,
      }),
    );
  }
}

@CommandHandler(RenameOrganisation)
export class RenameOrganisationHandler implements ICommandHandler<RenameOrganisation, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
  ) {}

  execute({ id, name, context }: RenameOrganisation): Promise<AggregateChange> {
    const command = { type: 'RenameOrganisation' as const, name: requiredText(name, 'name', 200) };
    return onOrganisation(this.commands, this.access, id, command, context, 'rename an organisation');
  }
}

@CommandHandler(LeaveNetwork)
export class LeaveNetworkHandler implements ICommandHandler<LeaveNetwork, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
  ) {}

  execute({ id, reason, context }: LeaveNetwork): Promise<AggregateChange> {
    const command = { type: 'LeaveNetwork' as const, reason: requiredText(reason, 'reason', 2000) };
    return onOrganisation(this.commands, this.access, id, command, context, 'take an organisation out of the network');
  }
}
