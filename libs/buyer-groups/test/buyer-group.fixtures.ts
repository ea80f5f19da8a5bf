import { expect } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { buyerGroupDecider, type BuyerGroupEvent, type NeedFacts, type OrganisationFacts } from '../src/domain/buyer-group.js';

/** A metal-detector buyer group (CPV 35124000-9) of French, Slovak and Bulgarian procurers. */
export const spec = deciderSpec(buyerGroupDecider);

/** An event of a history: recorded at a known instant. */
export type HistoryEvent = BuyerGroupEvent & { recordedAt?: string };
export const G = 'g1';

export const FR: OrganisationFacts = { id: 'fr-police', country: 'FR', active: true };
export const FR2: OrganisationFacts = { id: 'fr-douane', country: 'FR', active: true };
export const SK: OrganisationFacts = { id: 'sk-border', country: 'SK', active: true };
export const BG: OrganisationFacts = { id: 'bg-mvr', country: 'BG', active: true };

export const need = (id: string, organisationId: string, overrides: Partial<NeedFacts> = {}): NeedFacts => ({
  id,
  organisationId,
  status: 'OPEN',
  cpvCode: '35124000-9',
  buyerGroupId: null,
  ...overrides,
});

let clock = 0;
/** Stamps recordedAt the way the store does, so timestamps in the state can be checked. */
function at<E extends BuyerGroupEvent>(event: E): E & { recordedAt: string } {
  clock += 1;
  return { ...event, recordedAt: new Date(Date.UTC(2027, 0, 1, 0, 0, clock)).toISOString() };
}

export const proposed = (needIds = ['n-fr']): HistoryEvent =>
  at({
    type: 'BuyerGroupProposed',
    data: {
      buyerGroupId: G,
      name: 'Walk-through metal detectors',
      description: 'Joint purchase of walk-through metal detectors for border crossings',
      cpvCode: '35124000-9',
      proposingOrganisationId: FR.id,
      country: 'FR',
      needIds,
    },
  });

export const joined = (organisation: OrganisationFacts, needIds: string[] = []): HistoryEvent =>
  at({ type: 'OrganisationJoinedBuyerGroup', data: { buyerGroupId: G, organisationId: organisation.id, country: organisation.country, needIds } });

export const left = (organisation: OrganisationFacts, releasedNeedIds: string[] = []): HistoryEvent =>
  at({ type: 'OrganisationLeftBuyerGroup', data: { buyerGroupId: G, organisationId: organisation.id, reason: 'budget cut', releasedNeedIds } });

export const lead = (organisation: OrganisationFacts, previousOrganisationId: string | null = null): HistoryEvent =>
  at({ type: 'LeadProcurerDesignated', data: { buyerGroupId: G, organisationId: organisation.id, previousOrganisationId } });

export const model = (applicableLaw = 'FR'): HistoryEvent =>
  at({
    type: 'ProcurementModelChosen',
    data: { buyerGroupId: G, model: 'JOINT_AWARD', applicableLaw, legalBasis: 'DIRECTIVE_2014_24_EU' },
  });

export const drafted = (agreementVersion: number, terms = `terms v${agreementVersion}`): HistoryEvent =>
  at({
    type: 'AgreementDrafted',
    data: { buyerGroupId: G, agreementVersion, title: 'Joint procurement agreement', terms, termsSha256: 'sha' },
  });

export const signed = (organisation: OrganisationFacts, agreementVersion = 1): HistoryEvent =>
  at({ type: 'AgreementSigned', data: { buyerGroupId: G, organisationId: organisation.id, agreementVersion, signedBy: `${organisation.id}-officer` } });

export const concluded = (agreementVersion: number, members: OrganisationFacts[]): HistoryEvent =>
  at({
    type: 'AgreementConcluded',
    data: {
      buyerGroupId: G,
      agreementVersion,
      signatories: members.map((member) => member.id),
      countries: [...new Set(members.map((member) => member.country))].sort(),
    },
  });

export const launched = (noticeNumber = '2027/S 045-123456'): HistoryEvent =>
  at({ type: 'ProcedureLaunched', data: { buyerGroupId: G, noticeNumber, procedureType: 'OPEN' } });

export const awarded = (awardNoticeNumber = '654321-2027'): HistoryEvent =>
  at({
    type: 'ContractAwarded',
    data: { buyerGroupId: G, supplierName: 'Detectra SA', value: { amount: '1250000.00', currency: 'EUR' }, awardNoticeNumber },
  });

export const dissolved = (releasedNeedIds: string[] = []): HistoryEvent =>
  at({ type: 'BuyerGroupDissolved', data: { buyerGroupId: G, reason: 'no longer needed', releasedNeedIds } });

/** FR and SK, FR leads, joint award under French law, version 1 drafted. */
export const drafting = (): HistoryEvent[] => [proposed(), joined(SK, ['n-sk']), lead(FR), model(), drafted(1)];

/** FR and SK signed version 1: ESTABLISHED. */
export const established = (): HistoryEvent[] => [...drafting(), signed(FR), signed(SK), concluded(1, [FR, SK])];

export const procuring = (): HistoryEvent[] => [...established(), launched()];

export const contracted = (): HistoryEvent[] => [...procuring(), awarded()];

/** The state after `events`, to look at the status and what the group shows. */
export const stateAfter = (events: HistoryEvent[]) => spec.given(events).state!;

export const voided = (
  agreementVersion: number,
  organisations: OrganisationFacts[],
  reason: 'MEMBER_JOINED' | 'MEMBER_LEFT' | 'LEAD_PROCURER_CHANGED' | 'PROCUREMENT_MODEL_CHANGED' = 'MEMBER_JOINED',
): HistoryEvent =>
  at({
    type: 'AgreementSignaturesVoided',
    data: { buyerGroupId: G, agreementVersion, organisationIds: organisations.map((o) => o.id), reason },
  });

/** Part of an event's data, for thenMatches. */
export const containing = (data: Record<string, unknown>) => expect.objectContaining(data) as never;
