import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { changeOf, newAggregateId, requiredText, type AggregateChange } from '../../../kernel/src/index.js';
import { CommandExecutor } from '../../../projections/src/index.js';
import { cpvCode } from '../../../needs/src/index.js';
import { buyerGroupDecider, buyerGroupStream } from '../domain/buyer-group.js';
import { BuyerGroupAccess } from './buyer-group-access.js';
import { BuyerGroupFacts } from './buyer-group-facts.js';
import { BuyerGroupRunner } from './buyer-group-runner.js';
import { JoinBuyerGroup, LeaveBuyerGroup, ProposeBuyerGroup, SignAgreement } from './buyer-group.commands.js';

/** propose, join, leave, sign: the acts of one member organisation, done by its members. */

@CommandHandler(ProposeBuyerGroup)
export class ProposeBuyerGroupHandler implements ICommandHandler<ProposeBuyerGroup, AggregateChange> {
  constructor(
    @Inject(CommandExecutor) private readonly commands: CommandExecutor,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
    @Inject(BuyerGroupFacts) private readonly facts: BuyerGroupFacts,
  ) {}

  async execute({ input, context }: ProposeBuyerGroup): Promise<AggregateChange> {
    const name = requiredText(input.name, 'input.name', 200);
    const description = requiredText(input.description, 'input.description', 5000);
    const cpv = cpvCode(input.cpvCode, 'input.cpvCode');
    const proposingOrganisation = this.facts.organisation(requiredText(input.proposingOrganisationId, 'input.proposingOrganisationId', 100));
    this.access.requireMemberOfOrganisation(context.actor, proposingOrganisation.id, 'propose a buyer group for it');
    const needs = this.facts.pooledNeeds(input.needIds, 'input.needIds');
    const id = newAggregateId(input.id, context, 'proposeBuyerGroup');
    return changeOf(
      id,
      this.commands.execute({
        decider: buyerGroupDecider,
        streamId: buyerGroupStream(id),
        command: { type: 'ProposeBuyerGroup', buyerGroupId: id, name, description, cpvCode: cpv, proposingOrganisation, needs },
        context,
      }),
    );
  }
}

@CommandHandler(JoinBuyerGroup)
export class JoinBuyerGroupHandler implements ICommandHandler<JoinBuyerGroup, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
    @Inject(BuyerGroupFacts) private readonly facts: BuyerGroupFacts,
  ) {}

  execute({ id, organisationId, needIds, context }: JoinBuyerGroup): Promise<AggregateChange> {
    const organisation = this.facts.organisation(organisationId);
    const needs = this.facts.pooledNeeds(needIds, 'needIds');
    return this.groups.run(id, { type: 'JoinBuyerGroup', organisation, needs }, context, () =>
      this.access.requireMemberOfOrganisation(context.actor, organisationId, 'join a buyer group for it'),
    );
  }
}

@CommandHandler(LeaveBuyerGroup)
export class LeaveBuyerGroupHandler implements ICommandHandler<LeaveBuyerGroup, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, organisationId, reason, context }: LeaveBuyerGroup): Promise<AggregateChange> {
    const command = { type: 'LeaveBuyerGroup' as const, organisationId, reason: requiredText(reason, 'reason', 2000) };
    return this.groups.run(id, command, context, () =>
      this.access.requireMemberOfOrganisation(context.actor, organisationId, 'take it out of a buyer group'),
    );
  }
}

@CommandHandler(SignAgreement)
export class SignAgreementHandler implements ICommandHandler<SignAgreement, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, organisationId, agreementVersion, context }: SignAgreement): Promise<AggregateChange> {
    // The member who signs is the one the token names: the signature is theirs on the record.
    const command = { type: 'SignAgreement' as const, organisationId, agreementVersion, signedBy: context.actor.subject };
    return this.groups.run(id, command, context, () =>
      this.access.requireMemberOfOrganisation(context.actor, organisationId, 'sign the agreement for it'),
    );
  }
}

export const MEMBERSHIP_HANDLERS = [ProposeBuyerGroupHandler, JoinBuyerGroupHandler, LeaveBuyerGroupHandler, SignAgreementHandler];
