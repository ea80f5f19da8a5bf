import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInput, countryCode, readableText, requiredText, type AggregateChange } from '../../../kernel/src/index.js';
import { positiveMoney } from '../../../needs/src/index.js';
import { tedNoticeNumber } from '../domain/buyer-group.js';
import { BuyerGroupAccess } from './buyer-group-access.js';
import { BuyerGroupRunner } from './buyer-group-runner.js';
import {
  AwardContract,
  ChooseProcurementModel,
  DesignateLeadProcurer,
  DissolveBuyerGroup,
  DraftAgreement,
  LaunchProcedure,
  ModifyContract,
} from './buyer-group.commands.js';

const MAX_TERMS_LENGTH = 200_000;

/** Terms are kept and hashed exactly as given, so a signatory can check the SHA-256 of their copy. */
function agreementTerms(terms: string): string {
  if (!terms?.trim()) throw new BadUserInput('terms', 'must not be empty');
  if (terms.length > MAX_TERMS_LENGTH) throw new BadUserInput('terms', `must be at most ${MAX_TERMS_LENGTH} characters`);
  return readableText(terms, 'terms');
}

/** The steps the lead procurer takes for the whole group (dissolving: also ADMIN). */

@CommandHandler(DesignateLeadProcurer)
export class DesignateLeadProcurerHandler implements ICommandHandler<DesignateLeadProcurer, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, organisationId, context }: DesignateLeadProcurer): Promise<AggregateChange> {
    return this.groups.run(id, { type: 'DesignateLeadProcurer', organisationId }, context, (group) =>
      this.access.requireLeadProcurer(context.actor, group, 'designate the lead procurer'),
    );
  }
}

@CommandHandler(ChooseProcurementModel)
export class ChooseProcurementModelHandler implements ICommandHandler<ChooseProcurementModel, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, model, applicableLaw, legalBasis, context }: ChooseProcurementModel): Promise<AggregateChange> {
    const command = { type: 'ChooseProcurementModel' as const, model, applicableLaw: countryCode(applicableLaw, 'applicableLaw'), legalBasis };
    return this.groups.run(id, command, context, (group) =>
      this.access.requireLeadProcurer(context.actor, group, 'choose the procurement model'),
    );
  }
}

@CommandHandler(DraftAgreement)
export class DraftAgreementHandler implements ICommandHandler<DraftAgreement, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, title, terms, context }: DraftAgreement): Promise<AggregateChange> {
    const command = { type: 'DraftAgreement' as const, title: requiredText(title, 'title', 300), terms: agreementTerms(terms) };
    return this.groups.run(id, command, context, (group) => this.access.requireLeadProcurer(context.actor, group, 'draft the agreement'));
  }
}

@CommandHandler(LaunchProcedure)
export class LaunchProcedureHandler implements ICommandHandler<LaunchProcedure, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, noticeNumber, procedureType, context }: LaunchProcedure): Promise<AggregateChange> {
    const command = {
      type: 'LaunchProcedure' as const,
      noticeNumber: tedNoticeNumber(noticeNumber, 'noticeNumber'),
      procedureType: requiredText(procedureType, 'procedureType', 100),
    };
    return this.groups.run(id, command, context, (group) => this.access.requireLeadProcurer(context.actor, group, 'launch the procedure'));
  }
}

@CommandHandler(AwardContract)
export class AwardContractHandler implements ICommandHandler<AwardContract, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, supplierName, value, awardNoticeNumber, context }: AwardContract): Promise<AggregateChange> {
    const command = {
      type: 'AwardContract' as const,
      supplierName: requiredText(supplierName, 'supplierName', 300),
      value: positiveMoney(value, 'value'),
      awardNoticeNumber: tedNoticeNumber(awardNoticeNumber, 'awardNoticeNumber'),
    };
    return this.groups.run(id, command, context, (group) => this.access.requireLeadProcurer(context.actor, group, 'award the contract'));
  }
}

@CommandHandler(ModifyContract)
export class ModifyContractHandler implements ICommandHandler<ModifyContract, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, reason, description, noticeNumber, context }: ModifyContract): Promise<AggregateChange> {
    const command = {
      type: 'ModifyContract' as const,
      reason: requiredText(reason, 'reason', 2000),
      description: requiredText(description, 'description', 5000),
      noticeNumber: noticeNumber == null ? null : tedNoticeNumber(noticeNumber, 'noticeNumber'),
    };
    return this.groups.run(id, command, context, (group) => this.access.requireLeadProcurer(context.actor, group, 'modify the contract'));
  }
}

@CommandHandler(DissolveBuyerGroup)
export class DissolveBuyerGroupHandler implements ICommandHandler<DissolveBuyerGroup, AggregateChange> {
  constructor(
    @Inject(BuyerGroupRunner) private readonly groups: BuyerGroupRunner,
    @Inject(BuyerGroupAccess) private readonly access: BuyerGroupAccess,
  ) {}

  execute({ id, reason, context }: DissolveBuyerGroup): Promise<AggregateChange> {
    const command = { type: 'DissolveBuyerGroup' as const, reason: requiredText(reason, 'reason', 2000) };
    return this.groups.run(id, command, context, (group) =>
      this.access.requireLeadProcurerOrAdmin(context.actor, group, 'dissolve the buyer group'),
    );
  }
}

export const LEAD_PROCURER_HANDLERS = [
  DesignateLeadProcurerHandler,
  ChooseProcurementModelHandler,
  DraftAgreementHandler,
  LaunchProcedureHandler,
  AwardContractHandler,
  ModifyContractHandler,
  DissolveBuyerGroupHandler,
];
