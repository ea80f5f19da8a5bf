import type { CommandContext } from '../../../kernel/src/index.js';
import type { JointProcurementModel, LegalBasis } from '../domain/buyer-group.js';

/** The commands as the API sends them: raw input, validated by their handlers. */

export class ProposeBuyerGroup {
  constructor(
    readonly input: {
      id?: string | null;
      name: string;
      description: string;
      cpvCode: string;
      proposingOrganisationId: string;
      needIds?: string[] | null;
    },
    readonly context: CommandContext,
  ) {}
}

export class JoinBuyerGroup {
  constructor(
    readonly id: string,
    readonly organisationId: string,
    readonly needIds: string[] | null | undefined,
    readonly context: CommandContext,
  ) {}
}

export class LeaveBuyerGroup {
  constructor(readonly id: string, readonly organisationId: string, readonly reason: string, readonly context: CommandContext) {}
}

export class DesignateLeadProcurer {
  constructor(readonly id: string, readonly organisationId: string, readonly context: CommandContext) {}
}

export class ChooseProcurementModel {
  constructor(
    readonly id: string,
    readonly model: JointProcurementModel,
    readonly applicableLaw: string,
    readonly legalBasis: LegalBasis,
    readonly context: CommandContext,
  ) {}
}

export class DraftAgreement {
  constructor(readonly id: string, readonly title: string, readonly terms: string, readonly context: CommandContext) {}
}

export class SignAgreement {
  constructor(readonly id: string, readonly organisationId: string, readonly agreementVersion: number, readonly context: CommandContext) {}
}

export class LaunchProcedure {
  constructor(readonly id: string, readonly noticeNumber: string, readonly procedureType: string, readonly context: CommandContext) {}
}

export class AwardContract {
  constructor(
    readonly id: string,
    readonly supplierName: string,
    readonly value: { amount: string; currency: string },
    readonly awardNoticeNumber: string,
    readonly context: CommandContext,
  ) {}
}

export class ModifyContract {
  constructor(
    readonly id: string,
    readonly reason: string,
    readonly description: string,
    readonly noticeNumber: string | null | undefined,
    readonly context: CommandContext,
  ) {}
}

export class DissolveBuyerGroup {
  constructor(readonly id: string, readonly reason: string, readonly context: CommandContext) {}
}
