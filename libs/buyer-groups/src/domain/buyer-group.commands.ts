import type { JointProcurementModel, LegalBasis, Money } from './buyer-group.events.js';

/**
 * What the handler looked up about an organisation in the network read model: the decider is
 * pure, so facts from other contexts come in with the command.
 */
export interface OrganisationFacts {
  id: string;
  country: string;
  /** False once it has left the network. */
  active: boolean;
}

/** What the handler looked up about a need to be pooled, from the needs read model. */
export interface NeedFacts {
  id: string;
  organisationId: string;
  /** OPEN, POOLED or WITHDRAWN. */
  status: string;
  /** The group holding it while POOLED. */
  buyerGroupId: string | null;
  cpvCode: string;
}

export type BuyerGroupCommand =
  | {
      type: 'ProposeBuyerGroup';
      buyerGroupId: string;
      name: string;
      description: string;
      cpvCode: string;
      proposingOrganisation: OrganisationFacts;
      needs: NeedFacts[];
    }
  | { type: 'JoinBuyerGroup'; organisation: OrganisationFacts; needs: NeedFacts[] }
  | { type: 'LeaveBuyerGroup'; organisationId: string; reason: string }
  /**
   * The organisation left the network: it leaves the group as LeaveBuyerGroup would (the group
   * is dissolved if it was the last member). Follows from OrganisationLeftNetwork only.
   */
  | { type: 'RemoveDepartedOrganisation'; organisationId: string; reason: string }
  | { type: 'DesignateLeadProcurer'; organisationId: string }
  | { type: 'ChooseProcurementModel'; model: JointProcurementModel; applicableLaw: string; legalBasis: LegalBasis }
  | { type: 'DraftAgreement'; title: string; terms: string }
  /** signedBy: the member who signs on behalf of the organisation. */
  | { type: 'SignAgreement'; organisationId: string; agreementVersion: number; signedBy: string }
  | { type: 'LaunchProcedure'; noticeNumber: string; procedureType: string }
  | { type: 'AwardContract'; supplierName: string; value: Money; awardNoticeNumber: string }
  | { type: 'ModifyContract'; reason: string; description: string; noticeNumber: string | null }
  | { type: 'DissolveBuyerGroup'; reason: string };

export type BuyerGroupCommandType = BuyerGroupCommand['type'];
