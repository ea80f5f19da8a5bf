import { BadUserInput, Forbidden, readableText, requiredText, commandsOf, type Aggregate, type Caller, type CommandRules, type IdentifiedEvent } from '#kernel';
import { countryCode } from '#network';
import { cpvCode, positiveMoney } from '#needs';
import { buyerGroupDecider, buyerGroupStream, tedNoticeNumber, type BuyerGroup, type BuyerGroupCommand, type BuyerGroupEvent, type BuyerGroupState, type JointProcurementModel, type LegalBasis } from '../domain/buyer-group.js';
import type { BuyerGroupAccess } from './buyer-group-access.js';
import type { BuyerGroupFacts } from './buyer-group-facts.js';
import type { NeedPooling } from './need-pooling.js';

export interface BuyerGroupServices {
  access: BuyerGroupAccess;
  facts: BuyerGroupFacts;
  pooling: NeedPooling;
}

/** Needs pooled before the event that pools them is recorded; released once the event that gives them back is. */
const pools = {
  reserve: (caller: Rule, decided: IdentifiedEvent[], state: BuyerGroupState) => caller.services.pooling.reserve(caller, decided, state),
};
const releases = {
  follow: (caller: Rule, recorded: IdentifiedEvent[]) => caller.services.pooling.release(caller, recorded),
};

export const buyerGroups: Aggregate<BuyerGroupCommand, BuyerGroupEvent, BuyerGroupState> = {
  name: 'buyer group',
  decider: buyerGroupDecider,
  stream: buyerGroupStream,
};

const MAX_TERMS_LENGTH = 200_000;

/** Terms are kept and hashed exactly as given, so a signatory can check the SHA-256 of their copy. */
function agreementTerms(terms: string): string {
  if (!terms?.trim()) throw new BadUserInput('terms', 'must not be empty');
  if (terms.length > MAX_TERMS_LENGTH) throw new BadUserInput('terms', `must be at most ${MAX_TERMS_LENGTH} characters`);
  return readableText(terms, 'terms');
}

type Rule = Caller<BuyerGroupServices>;

/** propose, join, leave, sign: the acts of one member organisation, done by its members. */
const membersOf =
  (action: string) =>
  ({ actor, services }: Rule, command: { organisationId: string } | { organisation: { id: string } }) =>
    services.access.requireMemberOfOrganisation(actor, 'organisationId' in command ? command.organisationId : command.organisation.id, action);

/** The steps the lead procurer takes for the whole group. */
const leadProcurer =
  (action: string) =>
  ({ actor, services }: Rule, _command: unknown, state: BuyerGroupState) =>
    services.access.requireLeadProcurer(actor, state as BuyerGroup, action);

interface ProposeBuyerGroupSent {
  input: {
    id?: string | null;
    name: string;
    description: string;
    cpvCode: string;
    proposingOrganisationId: string;
    needIds?: string[] | null;
  };
}

export const buyerGroupRules = {
  ProposeBuyerGroup: {
    ...pools,
    creates: ({ input }: ProposeBuyerGroupSent) => input.id,
    complete: ({ input }: ProposeBuyerGroupSent, { services }, id) => ({
      buyerGroupId: id,
      name: requiredText(input.name, 'input.name', 200),
      description: requiredText(input.description, 'input.description', 5000),
      cpvCode: cpvCode(input.cpvCode, 'input.cpvCode'),
      proposingOrganisation: services.facts.organisation(requiredText(input.proposingOrganisationId, 'input.proposingOrganisationId', 100)),
      needs: services.facts.pooledNeeds(input.needIds, 'input.needIds'),
    }),
    may: ({ actor, services }, command) =>
      services.access.requireMemberOfOrganisation(actor, command.proposingOrganisation.id, 'propose a buyer group for it'),
  },
  JoinBuyerGroup: {
    ...pools,
    complete: ({ organisationId, needIds }: { id: string; organisationId: string; needIds?: string[] | null }, { services }) => ({
      organisation: services.facts.organisation(organisationId),
      needs: services.facts.pooledNeeds(needIds, 'needIds'),
    }),
    may: membersOf('join a buyer group for it'),
  },
  LeaveBuyerGroup: {
    ...releases,
    complete: ({ organisationId, reason }: { id: string; organisationId: string; reason: string }) => ({
      organisationId,
      reason: requiredText(reason, 'reason', 2000),
    }),
    may: membersOf('take it out of a buyer group'),
  },
  RemoveDepartedOrganisation: {
    ...releases,
    complete: ({ organisationId, reason }: { id: string; organisationId: string; reason: string }) => ({ organisationId, reason }),
    may: () => {
      throw new Forbidden('an organisation is taken out of its buyer groups by leaving the network');
    },
  },
  SignAgreement: {
    // The member who signs is the one the token names: the signature is theirs on the record.
    complete: ({ organisationId, agreementVersion }: { id: string; organisationId: string; agreementVersion: number }, { actor }) => ({
      organisationId,
      agreementVersion,
      signedBy: actor.subject,
    }),
    may: membersOf('sign the agreement for it'),
  },
  DesignateLeadProcurer: {
    complete: ({ organisationId }: { id: string; organisationId: string }) => ({ organisationId }),
    may: leadProcurer('designate the lead procurer'),
  },
  ChooseProcurementModel: {
    complete: ({ model, applicableLaw, legalBasis }: { id: string; model: JointProcurementModel; applicableLaw: string; legalBasis: LegalBasis }) => ({
      model,
      applicableLaw: countryCode(applicableLaw, 'applicableLaw'),
      legalBasis,
    }),
    may: leadProcurer('choose the procurement model'),
  },
  DraftAgreement: {
    complete: ({ title, terms }: { id: string; title: string; terms: string }) => ({
      title: requiredText(title, 'title', 300),
      terms: agreementTerms(terms),
    }),
    may: leadProcurer('draft the agreement'),
  },
  LaunchProcedure: {
    complete: ({ noticeNumber, procedureType }: { id: string; noticeNumber: string; procedureType: string }) => ({
      noticeNumber: tedNoticeNumber(noticeNumber, 'noticeNumber'),
      procedureType: requiredText(procedureType, 'procedureType', 100),
    }),
    may: leadProcurer('launch the procedure'),
  },
  AwardContract: {
    complete: (sent: { id: string; supplierName: string; value: { amount: string; currency: string }; awardNoticeNumber: string }) => ({
      supplierName: requiredText(sent.supplierName, 'supplierName', 300),
      value: positiveMoney(sent.value, 'value'),
      awardNoticeNumber: tedNoticeNumber(sent.awardNoticeNumber, 'awardNoticeNumber'),
    }),
    may: leadProcurer('award the contract'),
  },
  ModifyContract: {
    complete: (sent: { id: string; reason: string; description: string; noticeNumber?: string | null }) => ({
      reason: requiredText(sent.reason, 'reason', 2000),
      description: requiredText(sent.description, 'description', 5000),
      noticeNumber: sent.noticeNumber == null ? null : tedNoticeNumber(sent.noticeNumber, 'noticeNumber'),
    }),
    may: leadProcurer('modify the contract'),
  },
  DissolveBuyerGroup: {
    ...releases,
    complete: ({ reason }: { id: string; reason: string }) => ({ reason: requiredText(reason, 'reason', 2000) }),
    may: ({ actor, services }, _command, state) => services.access.requireLeadProcurerOrAdmin(actor, state!, 'dissolve the buyer group'),
  },
} satisfies CommandRules<BuyerGroupCommand, BuyerGroupState, BuyerGroupServices>;

export class BuyerGroupCommands extends commandsOf(buyerGroups, buyerGroupRules) {}
