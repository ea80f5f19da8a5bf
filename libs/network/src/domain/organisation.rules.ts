import type { RuleCatalogue } from '#kernel';

/** Every rule an organisation command can break, by its stable id; each has a decider spec in libs/network/test. */
export const ORGANISATION_RULES = {
  'organisation-already-registered': 'an organisation is registered once',
  'organisation-not-registered': 'only a registered organisation changes',
  'organisation-left-network': 'nothing changes once an organisation has left the network',
  'organisation-name-unchanged': 'a rename changes the name',
} as const satisfies RuleCatalogue;
