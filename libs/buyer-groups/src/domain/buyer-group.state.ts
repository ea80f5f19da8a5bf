import type { Recorded } from '#kernel';
import type { BuyerGroupEvent, JointProcurementModel, LegalBasis, Money } from './buyer-group.events.js';

export const BUYER_GROUP_STATUSES = ['PROPOSED', 'FORMING', 'ESTABLISHED', 'PROCURING', 'CONTRACTED', 'DISSOLVED'] as const;
export type BuyerGroupStatus = (typeof BUYER_GROUP_STATUSES)[number];

export interface GroupMember {
  organisationId: string;
  country: string;
  joinedAt: string;
  /** The organisation's needs pooled into the group. */
  needIds: string[];
}

export interface Signature {
  organisationId: string;
  /** The member who signed for the organisation. */
  signedBy: string;
  agreementVersion: number;
  signedAt: string;
}

export interface Agreement {
  version: number;
  title: string;
  terms: string;
  termsSha256: string;
  draftedAt: string;
  /** Signatures that still count: given on this version, and not voided since. */
  signatures: Signature[];
  concludedAt: string | null;
}

export interface ProcurementModelChoice {
  model: JointProcurementModel;
  applicableLaw: string;
  legalBasis: LegalBasis;
  chosenAt: string;
}

export interface Procedure {
  noticeNumber: string;
  procedureType: string;
  launchedAt: string;
}

export interface ContractModification {
  reason: string;
  description: string;
  noticeNumber: string | null;
  modifiedAt: string;
}

export interface Contract {
  supplierName: string;
  value: Money;
  awardNoticeNumber: string;
  awardedAt: string;
  modifications: ContractModification[];
}

export interface BuyerGroup {
  id: string;
  name: string;
  description: string;
  cpvCode: string;
  proposingOrganisationId: string;
  /** Current members, in the order they joined. */
  members: GroupMember[];
  leadProcurerId: string | null;
  procurementModel: ProcurementModelChoice | null;
  agreement: Agreement | null;
  procedure: Procedure | null;
  contract: Contract | null;
  /** Computed from the facts above, never set by an event of its own. */
  status: BuyerGroupStatus;
  proposedAt: string;
  /** When it last became ESTABLISHED; null while it is not (or no longer) established. */
  establishedAt: string | null;
  dissolvedAt: string | null;
  dissolutionReason: string | null;
}

/** null: nothing was proposed on this stream. */
export type BuyerGroupState = BuyerGroup | null;

export const buyerGroupStream = (id: string) => `buyer-group-${id}`;

/** Distinct countries of the current members, sorted. */
export function countriesOf(group: Pick<BuyerGroup, 'members'>): string[] {
  return [...new Set(group.members.map((member) => member.country))].sort();
}

export function memberOf(group: Pick<BuyerGroup, 'members'>, organisationId: string): GroupMember | undefined {
  return group.members.find((member) => member.organisationId === organisationId);
}

/** Whether every current member signed the current agreement version. */
export function isConcluded(group: Pick<BuyerGroup, 'agreement'>): boolean {
  return group.agreement != null && group.agreement.concludedAt !== null;
}

/**
 * The status machine: PROPOSED (one member) → FORMING (two or more) → ESTABLISHED (agreement
 * concluded, members from two or more countries) → PROCURING (contract notice published) →
 * CONTRACTED (contract awarded); DISSOLVED ends it. A concluded agreement among members of a
 * single country leaves the group FORMING: cross-border joint procurement needs two states.
 */
export function statusOf(group: Omit<BuyerGroup, 'status' | 'establishedAt'>): BuyerGroupStatus {
  if (group.dissolvedAt !== null) return 'DISSOLVED';
  if (group.contract) return 'CONTRACTED';
  if (group.procedure) return 'PROCURING';
  if (isConcluded(group) && countriesOf(group).length >= 2) return 'ESTABLISHED';
  return group.members.length >= 2 ? 'FORMING' : 'PROPOSED';
}

/** Folds one event; the write side, time travel and the read model all use it. */
export function evolve(state: BuyerGroupState, event: Recorded<BuyerGroupEvent>): BuyerGroupState {
  const at = event.recordedAt;
  if (event.type === 'BuyerGroupProposed') {
    const d = event.data;
    return withStatus(
      {
        id: d.buyerGroupId,
        name: d.name,
        description: d.description,
        cpvCode: d.cpvCode,
        proposingOrganisationId: d.proposingOrganisationId,
        members: [{ organisationId: d.proposingOrganisationId, country: d.country, joinedAt: at, needIds: d.needIds }],
        leadProcurerId: null,
        procurementModel: null,
        agreement: null,
        procedure: null,
        contract: null,
        status: 'PROPOSED',
        proposedAt: at,
        establishedAt: null,
        dissolvedAt: null,
        dissolutionReason: null,
      },
      at,
    );
  }
  if (!state) return state;
  return withStatus(apply(state, event, at), at);
}

function apply(group: BuyerGroup, event: BuyerGroupEvent, at: string): BuyerGroup {
  switch (event.type) {
    case 'OrganisationJoinedBuyerGroup': {
      const { organisationId, country, needIds } = event.data;
      return { ...group, members: [...group.members, { organisationId, country, joinedAt: at, needIds }] };
    }
    case 'OrganisationLeftBuyerGroup': {
      const { organisationId } = event.data;
      return {
        ...group,
        members: group.members.filter((member) => member.organisationId !== organisationId),
        // A lead procurer that leaves no longer leads: the remaining members designate another.
        leadProcurerId: group.leadProcurerId === organisationId ? null : group.leadProcurerId,
      };
    }
    case 'LeadProcurerDesignated':
      return { ...group, leadProcurerId: event.data.organisationId };
    case 'ProcurementModelChosen': {
      const { model, applicableLaw, legalBasis } = event.data;
      return { ...group, procurementModel: { model, applicableLaw, legalBasis, chosenAt: at } };
    }
    case 'AgreementDrafted': {
      const { agreementVersion, title, terms, termsSha256 } = event.data;
      // A new version starts unsigned: signatures of earlier versions do not carry over.
      return {
        ...group,
        agreement: { version: agreementVersion, title, terms, termsSha256, draftedAt: at, signatures: [], concludedAt: null },
      };
    }
    case 'AgreementSigned': {
      if (!group.agreement) return group;
      const { organisationId, signedBy, agreementVersion } = event.data;
      const signature = { organisationId, signedBy, agreementVersion, signedAt: at };
      return { ...group, agreement: { ...group.agreement, signatures: [...group.agreement.signatures, signature] } };
    }
    case 'AgreementSignaturesVoided':
      return group.agreement ? { ...group, agreement: { ...group.agreement, signatures: [], concludedAt: null } } : group;
    case 'AgreementConcluded':
      return group.agreement ? { ...group, agreement: { ...group.agreement, concludedAt: at } } : group;
    case 'ProcedureLaunched': {
      const { noticeNumber, procedureType } = event.data;
      return { ...group, procedure: { noticeNumber, procedureType, launchedAt: at } };
    }
    case 'ContractAwarded': {
      const { supplierName, value, awardNoticeNumber } = event.data;
      return { ...group, contract: { supplierName, value, awardNoticeNumber, awardedAt: at, modifications: [] } };
    }
    case 'ContractModified': {
      if (!group.contract) return group;
      const { reason, description, noticeNumber } = event.data;
      const modification = { reason, description, noticeNumber, modifiedAt: at };
      return { ...group, contract: { ...group.contract, modifications: [...group.contract.modifications, modification] } };
    }
    case 'BuyerGroupDissolved':
      return { ...group, dissolvedAt: at, dissolutionReason: event.data.reason };
    default:
      return group;
  }
}

function withStatus(group: BuyerGroup, at: string): BuyerGroup {
  const status = statusOf(group);
  let establishedAt = group.establishedAt;
  if (status === 'ESTABLISHED' && group.status !== 'ESTABLISHED') establishedAt = at;
  // Falling back to PROPOSED or FORMING: it is no longer established.
  if (status === 'PROPOSED' || status === 'FORMING') establishedAt = null;
  return { ...group, status, establishedAt };
}
