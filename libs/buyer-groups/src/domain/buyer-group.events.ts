import type { DomainEvent } from '#kernel';

/** Directive 2014/24/EU Art. 39: how participants from several member states buy together. */
export const JOINT_PROCUREMENT_MODELS = ['CENTRAL_PURCHASING_BODY', 'JOINT_AWARD', 'JOINT_ENTITY'] as const;
export type JointProcurementModel = (typeof JOINT_PROCUREMENT_MODELS)[number];

/** The public procurement directive, or the defence and security one for sensitive equipment. */
export const LEGAL_BASES = ['DIRECTIVE_2014_24_EU', 'DIRECTIVE_2009_81_EC'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** An exact amount (decimal string) in an ISO 4217 currency. */
export interface Money {
  amount: string;
  currency: string;
}

/** Why signatures already given stopped counting: what they agreed to has changed. */
export type SignaturesVoidedBecause = 'MEMBER_JOINED' | 'MEMBER_LEFT' | 'LEAD_PROCURER_CHANGED' | 'PROCUREMENT_MODEL_CHANGED';

/**
 * Events of a `buyer-group-<id>` stream. The needs context projects a need's POOLED status from
 * the first four; their fields are a contract with it (fields may be added, never removed).
 */
export type BuyerGroupEvent =
  | DomainEvent<
      'BuyerGroupProposed',
      {
        buyerGroupId: string;
        name: string;
        description: string;
        cpvCode: string;
        proposingOrganisationId: string;
        country: string;
        needIds: string[];
      }
    >
  | DomainEvent<'OrganisationJoinedBuyerGroup', { buyerGroupId: string; organisationId: string; country: string; needIds: string[] }>
  | DomainEvent<
      'OrganisationLeftBuyerGroup',
      { buyerGroupId: string; organisationId: string; reason: string; releasedNeedIds: string[] }
    >
  | DomainEvent<'BuyerGroupDissolved', { buyerGroupId: string; reason: string; releasedNeedIds: string[] }>
  | DomainEvent<'LeadProcurerDesignated', { buyerGroupId: string; organisationId: string; previousOrganisationId: string | null }>
  | DomainEvent<
      'ProcurementModelChosen',
      { buyerGroupId: string; model: JointProcurementModel; applicableLaw: string; legalBasis: LegalBasis }
    >
  | DomainEvent<
      'AgreementDrafted',
      { buyerGroupId: string; agreementVersion: number; title: string; terms: string; termsSha256: string }
    >
  | DomainEvent<'AgreementSigned', { buyerGroupId: string; organisationId: string; agreementVersion: number; signedBy: string }>
  | DomainEvent<
      'AgreementSignaturesVoided',
      { buyerGroupId: string; agreementVersion: number; organisationIds: string[]; reason: SignaturesVoidedBecause }
    >
  | DomainEvent<
      'AgreementConcluded',
      { buyerGroupId: string; agreementVersion: number; signatories: string[]; countries: string[] }
    >
  | DomainEvent<'ProcedureLaunched', { buyerGroupId: string; noticeNumber: string; procedureType: string }>
  | DomainEvent<'ContractAwarded', { buyerGroupId: string; supplierName: string; value: Money; awardNoticeNumber: string }>
  | DomainEvent<'ContractModified', { buyerGroupId: string; reason: string; description: string; noticeNumber: string | null }>;

export type BuyerGroupEventType = BuyerGroupEvent['type'];
