import { DomainRuleViolation, type Decider, type DomainEvent, type PersonalDataPolicy } from '#kernel';

export type MemberCommand =
  | {
      type: 'JoinCommunity';
      memberId: string;
      displayName: string;
      email: string;
      country: string;
      organisationId: string | null;
      expertise: string[];
    }
  | {
      type: 'AppointNationalContactPoint';
      country: string;
      /** Who is NCP of that country now, as the read model knows it; replaced by this one. */
      currentNationalContactPointId: string | null;
    }
  | { type: 'EraseMemberPersonalData' };

export type MemberEvent =
  | DomainEvent<
      'MemberJoinedCommunity',
      {
        memberId: string;
        /** personal data: sealed with the member's key in the store, null once erased */
        displayName: string | null;
        email: string | null;
        country: string;
        organisationId: string | null;
        expertise: string[];
      }
    >
  | DomainEvent<'NationalContactPointAppointed', { memberId: string; country: string; replacedMemberId: string | null }>
  | DomainEvent<'MemberPersonalDataErased', { memberId: string }>;

export type MemberState = Member | null;

export interface Member {
      status: 'member';
      id: string;
      country: string;
      organisationId: string | null;
      displayName: string | null;
      email: string | null;
      expertise: string[];
      /** As far as this member's own stream tells; a later appointment elsewhere replaces it. */
      nationalContactPointFor: string | null;
      erased: boolean;
      joinedAt: string;
}

export const memberStream = (id: string) => `member-${id}`;

/** displayName and email are the member's personal data, sealed with the member's key. */
export const MEMBER_PERSONAL_DATA: Record<string, PersonalDataPolicy> = {
  MemberJoinedCommunity: {
    subject: (data) => String(data['memberId']),
    fields: ['displayName', 'email'],
    restricted: ['email'],
  },
};

export const memberDecider: Decider<MemberCommand, MemberEvent, MemberState> = {
  initialState: null,

  decide(command, state) {
    if (command.type === 'JoinCommunity') {
      if (state) {
        throw new DomainRuleViolation('member-already-joined', `member ${command.memberId} has already joined`);
      }
      const { type: _type, ...data } = command;
      return [{ type: 'MemberJoinedCommunity', data }];
    }
    if (!state) throw new DomainRuleViolation('member-unknown', 'no such member');
    switch (command.type) {
      case 'AppointNationalContactPoint':
        if (state.erased) throw new DomainRuleViolation('member-erased', 'an erased member cannot be appointed');
        if (command.country !== state.country) {
          throw new DomainRuleViolation(
            'ncp-country-mismatch',
            `a national contact point for ${command.country} must be a member from ${command.country}, not ${state.country}`,
          );
        }
        if (command.currentNationalContactPointId === state.id) {
          throw new DomainRuleViolation('ncp-already-appointed', `the member is already the NCP of ${command.country}`);
        }
        return [
          {
            type: 'NationalContactPointAppointed',
            data: { memberId: state.id, country: command.country, replacedMemberId: command.currentNationalContactPointId },
          },
        ];
      case 'EraseMemberPersonalData':
        if (state.erased) throw new DomainRuleViolation('member-already-erased', 'the personal data is already erased');
        return [{ type: 'MemberPersonalDataErased', data: { memberId: state.id } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'MemberJoinedCommunity':
        return {
          status: 'member',
          id: event.data.memberId,
          country: event.data.country,
          organisationId: event.data.organisationId,
          displayName: event.data.displayName,
          email: event.data.email,
          expertise: event.data.expertise,
          nationalContactPointFor: null,
          erased: false,
          joinedAt: event.recordedAt,
        };
      case 'NationalContactPointAppointed':
        return state && { ...state, nationalContactPointFor: event.data.country };
      case 'MemberPersonalDataErased':
        return state && { ...state, erased: true, displayName: null, email: null, nationalContactPointFor: null };
      default:
        return state;
    }
  },
};
