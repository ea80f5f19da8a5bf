import { cpvLabel } from '#needs';
import { countriesOf, type BuyerGroup, type BuyerGroupState } from '../domain/buyer-group.js';
import { groupOf, type BuyerGroupRow } from '../read-model/buyer-groups.queries.js';
import type { BuyerGroupType } from './buyer-groups.types.js';

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

/** The GraphQL view of a folded group: the read model and time travel share it. */
export function buyerGroupFromState(state: BuyerGroupState, version: number): BuyerGroupType | null {
  if (!state) return null;
  return view(state, version);
}

export function buyerGroupFromRow(row: BuyerGroupRow): BuyerGroupType {
  return view(groupOf(row), row.version);
}

function view(group: BuyerGroup, version: number): BuyerGroupType {
  const { agreement, procedure, contract, procurementModel } = group;
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    cpv: { code: group.cpvCode, label: cpvLabel(group.cpvCode) },
    status: group.status,
    members: group.members.map((member) => ({
      organisationId: member.organisationId,
      needIds: member.needIds,
      country: member.country,
      joinedAt: new Date(member.joinedAt),
    })),
    countries: countriesOf(group),
    leadProcurerId: group.leadProcurerId,
    procurementModel: procurementModel?.model ?? null,
    applicableLaw: procurementModel?.applicableLaw ?? null,
    legalBasis: procurementModel?.legalBasis ?? null,
    agreement: agreement && {
      version: agreement.version,
      title: agreement.title,
      terms: agreement.terms,
      termsSha256: agreement.termsSha256,
      draftedAt: new Date(agreement.draftedAt),
      signatures: agreement.signatures.map((signature) => ({
        organisationId: signature.organisationId,
        signedById: signature.signedBy,
        agreementVersion: signature.agreementVersion,
        signedAt: new Date(signature.signedAt),
      })),
      concluded: agreement.concludedAt !== null,
      concludedAt: date(agreement.concludedAt),
    },
    procedure: procedure && { ...procedure, launchedAt: new Date(procedure.launchedAt) },
    contract: contract && {
      supplierName: contract.supplierName,
      value: { ...contract.value },
      awardNoticeNumber: contract.awardNoticeNumber,
      awardedAt: new Date(contract.awardedAt),
      modifications: contract.modifications.map((modification) => ({ ...modification, modifiedAt: new Date(modification.modifiedAt) })),
    },
    proposedAt: new Date(group.proposedAt),
    establishedAt: date(group.establishedAt),
    dissolvedAt: date(group.dissolvedAt),
    dissolutionReason: group.dissolutionReason,
    version,
  };
}
