import type { RuleCatalogue } from '#kernel';

/** Every rule a member command can break, by its stable id; each has a decider spec in libs/network/test. */
export const MEMBER_RULES = {
  'member-already-joined': 'a member joins the community once',
  'member-unknown': 'only a member of the community changes',
  'member-erased': 'an erased member is not appointed',
  'ncp-country-mismatch': 'a national contact point is a member from that country',
  'ncp-already-appointed': 'appointing the current national contact point again changes nothing',
  'member-already-erased': 'personal data is erased once',
} as const satisfies RuleCatalogue;
