import { ruleBreaker } from '#kernel';

/**
 * Every rule a buyer-group command can break, by its stable id (clients and tests match on it).
 * Each has a decider spec in libs/buyer-groups/test that breaks it.
 */
export const BUYER_GROUP_RULES = {
  'buyer-group-already-proposed': 'a buyer group is proposed once',
  'buyer-group-not-proposed': 'only a proposed buyer group changes',
  'buyer-group-dissolved': 'nothing changes after DISSOLVED',
  'organisation-left-network': 'an organisation that has left the network neither proposes nor joins',
  'pooled-need-of-joining-organisation': 'a pooled need belongs to the joining (or proposing) organisation',
  'pooled-need-not-open': 'a pooled need is OPEN (not withdrawn, not pooled elsewhere)',
  'pooled-need-outside-cpv-group': "a pooled need shares the group's CPV group (first 3 digits)",
  'already-member': 'an organisation is a member once',
  'no-joining-after-launch': 'the contract notice names the participants: nobody joins once it is published',
  'only-members-leave': 'only members leave',
  'no-leaving-after-launch': 'a member may not leave after the procedure was launched',
  'last-member-cannot-leave': 'the last member does not leave; the group is dissolved instead',
  'no-leaving-network-after-launch':
    'an organisation does not leave the network while it is a member of a buyer group whose procedure was launched',
  'lead-procurer-required': 'the lead procurer is designated before the model, the agreement and the procedure',
  'lead-must-be-member': 'the lead procurer is a member',
  'lead-procurer-unchanged': 'designating the current lead procurer again changes nothing',
  'lead-fixed-after-launch': 'the lead procurer published the notice and stays the contracting authority',
  'applicable-law-of-member-country': 'the applicable law is that of a member’s country',
  'central-purchasing-body-law-of-its-country': 'a central purchasing body buys under the law of its own member state (Art. 39(3))',
  'procurement-model-unchanged': 'choosing the current model again changes nothing',
  'model-fixed-after-launch': 'the procurement model is fixed once the procedure is launched',
  'agreement-fixed-after-launch': 'the agreement the procedure rests on is not redrafted after launch',
  'agreement-terms-unchanged': 'a redraft changes the title or the terms',
  'agreement-not-drafted': 'there is an agreement to sign',
  'only-members-sign': 'only members sign',
  'sign-current-version': 'a signature is for the current agreement version',
  'already-signed': 'an organisation signs a version once',
  'joint-agreement-needs-two-members': 'an agreement is signed only when at least two organisations take part',
  'launch-requires-procurement-model': 'the procurement model is chosen before the procedure is launched',
  'launch-requires-concluded-agreement': 'the agreement is concluded before the procedure is launched',
  'launch-requires-cross-border-group': 'members from at least two countries before the procedure is launched',
  'procedure-already-launched': 'the procedure is launched once',
  'award-requires-launched-procedure': 'AwardContract needs a launched procedure',
  'contract-already-awarded': 'the contract is awarded once',
  'modification-requires-awarded-contract': 'ModifyContract needs an awarded contract',
  'notice-number-already-used': 'each TED notice of the group has its own number',
  'dissolve-not-after-contracted': 'a group with an awarded contract is not dissolved',
} as const;

export type BuyerGroupRule = keyof typeof BUYER_GROUP_RULES;

/** The error of a broken rule; `detail` says what happened this time. */
export const broken = ruleBreaker(BUYER_GROUP_RULES);
