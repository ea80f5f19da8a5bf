import { createHash } from 'node:crypto';
import type { BuyerGroupCommand, NeedFacts, OrganisationFacts } from './buyer-group.commands.js';
import type { BuyerGroupEvent, SignaturesVoidedBecause } from './buyer-group.events.js';
import { broken } from './buyer-group.rules.js';
import { countriesOf, isConcluded, memberOf, type BuyerGroup, type BuyerGroupState } from './buyer-group.state.js';
import { sameTedNotice } from './ted-notice-number.js';

type Command<T extends BuyerGroupCommand['type']> = Extract<BuyerGroupCommand, { type: T }>;

/** Turns a command into the events it causes, or throws the rule it breaks; pure. */
export function decide(command: BuyerGroupCommand, state: BuyerGroupState): BuyerGroupEvent[] {
  if (command.type === 'ProposeBuyerGroup') return propose(command, state);
  if (!state) throw broken('buyer-group-not-proposed', 'no buyer group was proposed under this id');
  // A dissolved group no longer holds anyone: taking a departed organisation out of it is done.
  if (state.status === 'DISSOLVED' && command.type === 'RemoveDepartedOrganisation') return [];
  if (state.status === 'DISSOLVED') throw broken('buyer-group-dissolved', `buyer group ${state.id} was dissolved`);
  switch (command.type) {
    case 'JoinBuyerGroup':
      return join(command, state);
    case 'LeaveBuyerGroup':
      return leave(command, state);
    case 'RemoveDepartedOrganisation':
      return removeDeparted(command, state);
    case 'DesignateLeadProcurer':
      return designateLead(command, state);
    case 'ChooseProcurementModel':
      return chooseModel(command, state);
    case 'DraftAgreement':
      return draftAgreement(command, state);
    case 'SignAgreement':
      return sign(command, state);
    case 'LaunchProcedure':
      return launch(command, state);
    case 'AwardContract':
      return award(command, state);
    case 'ModifyContract':
      return modify(command, state);
    case 'DissolveBuyerGroup':
      return dissolve(command, state);
  }
}

function propose(command: Command<'ProposeBuyerGroup'>, state: BuyerGroupState): BuyerGroupEvent[] {
  if (state) throw broken('buyer-group-already-proposed', `buyer group ${state.id} exists`);
  const { buyerGroupId, name, description, cpvCode, proposingOrganisation, needs } = command;
  requireActive(proposingOrganisation);
  requirePoolable(needs, proposingOrganisation.id, cpvCode);
  return [
    {
      type: 'BuyerGroupProposed',
      data: {
        buyerGroupId,
        name,
        description,
        cpvCode,
        proposingOrganisationId: proposingOrganisation.id,
        country: proposingOrganisation.country,
        needIds: needs.map((need) => need.id),
      },
    },
  ];
}

function join({ organisation, needs }: Command<'JoinBuyerGroup'>, group: BuyerGroup): BuyerGroupEvent[] {
  requireActive(organisation);
  if (memberOf(group, organisation.id)) throw broken('already-member', `organisation ${organisation.id} is already a member`);
  if (group.procedure) throw broken('no-joining-after-launch', `the contract notice ${group.procedure.noticeNumber} is published`);
  requirePoolable(needs, organisation.id, group.cpvCode);
  return [
    {
      type: 'OrganisationJoinedBuyerGroup',
      data: { buyerGroupId: group.id, organisationId: organisation.id, country: organisation.country, needIds: needs.map((n) => n.id) },
    },
    ...voidSignatures(group, 'MEMBER_JOINED'),
  ];
}

function leave({ organisationId, reason }: Command<'LeaveBuyerGroup'>, group: BuyerGroup): BuyerGroupEvent[] {
  const member = memberOf(group, organisationId);
  if (!member) throw broken('only-members-leave', `organisation ${organisationId} is not a member`);
  if (group.procedure) throw broken('no-leaving-after-launch', `the contract notice ${group.procedure.noticeNumber} is published`);
  if (group.members.length === 1) throw broken('last-member-cannot-leave', 'dissolve the group instead');
  return [
    { type: 'OrganisationLeftBuyerGroup', data: { buyerGroupId: group.id, organisationId, reason, releasedNeedIds: member.needIds } },
    ...voidSignatures(group, 'MEMBER_LEFT'),
  ];
}

/** Throws unless `organisationId` may leave the network as far as this group is concerned. */
export function requireFreeToLeaveNetwork(group: BuyerGroup, organisationId: string): void {
  if (group.status === 'DISSOLVED' || !memberOf(group, organisationId) || !group.procedure) return;
  throw broken(
    'no-leaving-network-after-launch',
    `organisation ${organisationId} is a member of buyer group ${group.id}, whose contract notice ${group.procedure.noticeNumber} is published`,
    { buyerGroupId: group.id },
  );
}

/** As LeaveBuyerGroup would; a group left without members is dissolved; done once. */
function removeDeparted({ organisationId, reason }: Command<'RemoveDepartedOrganisation'>, group: BuyerGroup): BuyerGroupEvent[] {
  const member = memberOf(group, organisationId);
  if (!member) return [];
  requireFreeToLeaveNetwork(group, organisationId);
  const why = `left the network: ${reason}`;
  if (group.members.length === 1) return dissolve({ type: 'DissolveBuyerGroup', reason: `its last member ${why}` }, group);
  return [
    { type: 'OrganisationLeftBuyerGroup', data: { buyerGroupId: group.id, organisationId, reason: why, releasedNeedIds: member.needIds } },
    ...voidSignatures(group, 'MEMBER_LEFT'),
  ];
}

function designateLead({ organisationId }: Command<'DesignateLeadProcurer'>, group: BuyerGroup): BuyerGroupEvent[] {
  if (group.procedure) throw broken('lead-fixed-after-launch', `organisation ${group.leadProcurerId} launched the procedure`);
  if (!memberOf(group, organisationId)) throw broken('lead-must-be-member', `organisation ${organisationId} is not a member`);
  if (group.leadProcurerId === organisationId) {
    throw broken('lead-procurer-unchanged', `organisation ${organisationId} is already the lead procurer`);
  }
  return [
    { type: 'LeadProcurerDesignated', data: { buyerGroupId: group.id, organisationId, previousOrganisationId: group.leadProcurerId } },
    ...voidSignatures(group, 'LEAD_PROCURER_CHANGED'),
  ];
}

function chooseModel(command: Command<'ChooseProcurementModel'>, group: BuyerGroup): BuyerGroupEvent[] {
  const lead = requireLead(group);
  const { model, applicableLaw, legalBasis } = command;
  if (group.procedure) throw broken('model-fixed-after-launch', `the procedure was launched under ${group.procurementModel?.model}`);
  if (!countriesOf(group).includes(applicableLaw)) {
    throw broken('applicable-law-of-member-country', `no member is from ${applicableLaw} (members: ${countriesOf(group).join(', ')})`);
  }
  if (model === 'CENTRAL_PURCHASING_BODY' && applicableLaw !== lead.country) {
    throw broken(
      'central-purchasing-body-law-of-its-country',
      `the lead procurer is the central purchasing body and is in ${lead.country}, not ${applicableLaw}`,
    );
  }
  const current = group.procurementModel;
  if (current && current.model === model && current.applicableLaw === applicableLaw && current.legalBasis === legalBasis) {
    throw broken('procurement-model-unchanged', `${model} under ${applicableLaw} law is already chosen`);
  }
  return [
    { type: 'ProcurementModelChosen', data: { buyerGroupId: group.id, model, applicableLaw, legalBasis } },
    ...voidSignatures(group, 'PROCUREMENT_MODEL_CHANGED'),
  ];
}

function draftAgreement({ title, terms }: Command<'DraftAgreement'>, group: BuyerGroup): BuyerGroupEvent[] {
  requireLead(group);
  if (group.procedure) throw broken('agreement-fixed-after-launch', `the procedure rests on version ${group.agreement?.version}`);
  const current = group.agreement;
  if (current && current.title === title && current.terms === terms) {
    throw broken('agreement-terms-unchanged', `version ${current.version} has the same title and terms`);
  }
  const termsSha256 = createHash('sha256').update(terms, 'utf8').digest('hex');
  return [
    {
      type: 'AgreementDrafted',
      data: { buyerGroupId: group.id, agreementVersion: (current?.version ?? 0) + 1, title, terms, termsSha256 },
    },
  ];
}

function sign({ organisationId, agreementVersion, signedBy }: Command<'SignAgreement'>, group: BuyerGroup): BuyerGroupEvent[] {
  const agreement = group.agreement;
  if (!agreement) throw broken('agreement-not-drafted', 'the lead procurer has not drafted an agreement yet');
  if (!memberOf(group, organisationId)) throw broken('only-members-sign', `organisation ${organisationId} is not a member`);
  if (group.members.length < 2) throw broken('joint-agreement-needs-two-members', 'the group has a single member');
  if (agreementVersion !== agreement.version) {
    throw broken('sign-current-version', `version ${agreementVersion} is not the current version ${agreement.version}`);
  }
  if (agreement.signatures.some((signature) => signature.organisationId === organisationId)) {
    throw broken('already-signed', `organisation ${organisationId} has signed version ${agreementVersion}`);
  }
  const signed: BuyerGroupEvent = { type: 'AgreementSigned', data: { buyerGroupId: group.id, organisationId, agreementVersion, signedBy } };
  const signatories = new Set([...agreement.signatures.map((s) => s.organisationId), organisationId]);
  if (!group.members.every((member) => signatories.has(member.organisationId))) return [signed];
  // The last current member signed the current version: the agreement binds them all.
  const concluded: BuyerGroupEvent = {
    type: 'AgreementConcluded',
    data: {
      buyerGroupId: group.id,
      agreementVersion,
      signatories: group.members.map((member) => member.organisationId),
      countries: countriesOf(group),
    },
  };
  return [signed, concluded];
}

function launch({ noticeNumber, procedureType }: Command<'LaunchProcedure'>, group: BuyerGroup): BuyerGroupEvent[] {
  requireLead(group);
  if (group.procedure) throw broken('procedure-already-launched', `contract notice ${group.procedure.noticeNumber}`);
  if (!group.procurementModel) throw broken('launch-requires-procurement-model', 'no procurement model was chosen');
  if (!isConcluded(group)) throw broken('launch-requires-concluded-agreement', 'not every member has signed');
  const countries = countriesOf(group);
  if (countries.length < 2) throw broken('launch-requires-cross-border-group', `every member is from ${countries[0]}`);
  return [{ type: 'ProcedureLaunched', data: { buyerGroupId: group.id, noticeNumber, procedureType } }];
}

function award({ supplierName, value, awardNoticeNumber }: Command<'AwardContract'>, group: BuyerGroup): BuyerGroupEvent[] {
  requireLead(group);
  if (group.contract) throw broken('contract-already-awarded', `award notice ${group.contract.awardNoticeNumber}`);
  if (!group.procedure) throw broken('award-requires-launched-procedure', 'no contract notice was published');
  requireNewNotice(group, awardNoticeNumber);
  return [{ type: 'ContractAwarded', data: { buyerGroupId: group.id, supplierName, value, awardNoticeNumber } }];
}

function modify({ reason, description, noticeNumber }: Command<'ModifyContract'>, group: BuyerGroup): BuyerGroupEvent[] {
  requireLead(group);
  if (!group.contract) throw broken('modification-requires-awarded-contract', 'no contract was awarded');
  if (noticeNumber) requireNewNotice(group, noticeNumber);
  return [{ type: 'ContractModified', data: { buyerGroupId: group.id, reason, description, noticeNumber } }];
}

function dissolve({ reason }: Command<'DissolveBuyerGroup'>, group: BuyerGroup): BuyerGroupEvent[] {
  if (group.contract) throw broken('dissolve-not-after-contracted', 'the contract is awarded and binds the members');
  const releasedNeedIds = group.members.flatMap((member) => member.needIds);
  return [{ type: 'BuyerGroupDissolved', data: { buyerGroupId: group.id, reason, releasedNeedIds } }];
}

function requireActive(organisation: OrganisationFacts): void {
  if (!organisation.active) throw broken('organisation-left-network', `organisation ${organisation.id} has left the network`);
}

/** The pooled-need rule, on facts the handler read from the needs read model. */
function requirePoolable(needs: NeedFacts[], organisationId: string, cpvCode: string): void {
  for (const need of needs) {
    if (need.organisationId !== organisationId) {
      throw broken('pooled-need-of-joining-organisation', `need ${need.id} belongs to organisation ${need.organisationId}`);
    }
    if (need.status === 'POOLED' && need.buyerGroupId) {
      throw broken('pooled-need-not-open', `need ${need.id} is pooled by buyer group ${need.buyerGroupId}`, { buyerGroupId: need.buyerGroupId });
    }
    if (need.status !== 'OPEN') throw broken('pooled-need-not-open', `need ${need.id} is ${need.status}`);
    if (need.cpvCode.slice(0, 3) !== cpvCode.slice(0, 3)) {
      throw broken('pooled-need-outside-cpv-group', `need ${need.id} is ${need.cpvCode}, the group buys ${cpvCode}`);
    }
  }
}

/** The lead procurer's membership, for steps only the lead takes. */
function requireLead(group: BuyerGroup) {
  const lead = group.leadProcurerId ? memberOf(group, group.leadProcurerId) : undefined;
  if (!lead) throw broken('lead-procurer-required', 'designate a lead procurer first');
  return lead;
}

function requireNewNotice(group: BuyerGroup, noticeNumber: string): void {
  const used = [
    group.procedure?.noticeNumber,
    group.contract?.awardNoticeNumber,
    ...(group.contract?.modifications.map((modification) => modification.noticeNumber) ?? []),
  ].filter((number): number is string => !!number);
  const same = used.find((number) => sameTedNotice(number, noticeNumber));
  if (same) throw broken('notice-number-already-used', `${noticeNumber} is the group's notice ${same}`);
}

/** What the signatories agreed to changed: their signatures no longer count. */
function voidSignatures(group: BuyerGroup, reason: SignaturesVoidedBecause): BuyerGroupEvent[] {
  const agreement = group.agreement;
  if (!agreement || agreement.signatures.length === 0) return [];
  const organisationIds = agreement.signatures.map((signature) => signature.organisationId);
  return [{ type: 'AgreementSignaturesVoided', data: { buyerGroupId: group.id, agreementVersion: agreement.version, organisationIds, reason } }];
}
