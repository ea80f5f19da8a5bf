import { describe, it } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { topicalGroupAccess } from '../src/application/topical-group.commands.js';
import { topicalGroupDecider } from '../src/domain/topical-group.js';
import { ANNA, BRUNO, GROUP, LEADER, OUTSIDER, appointed, created, joined, ledGroup, left } from './fixtures.js';

const spec = deciderSpec(topicalGroupDecider, { access: topicalGroupAccess });

describe('creating a topical group', () => {
  const create = {
    type: 'CreateTopicalGroup' as const,
    topicalGroupId: GROUP,
    name: 'Ballistic protection',
    topic: 'Body armour',
    description: 'Joint specs for vests',
  };

  it('records its name, topic and description', () => {
    spec.given([]).when(create).then([created()]);
  });

  it('is refused for an id already taken', () => {
    spec.given([created()]).when(create).thenFails('DOMAIN_RULE_VIOLATED', 'topical-group-already-created');
  });

  it('must come before anything else happens to the group', () => {
    spec.given([]).when({ type: 'JoinTopicalGroup', by: ANNA, byInCommunity: true }).thenFails('DOMAIN_RULE_VIOLATED', 'topical-group-not-created');
  });
});

describe('appointing the leader', () => {
  const appoint = (memberId: string, memberInCommunity = true) => ({ type: 'AppointTopicalGroupLeader' as const, memberId, memberInCommunity });

  it('makes a community member who is not yet in the group a member, then its leader', () => {
    spec.given([created()]).when(appoint(LEADER)).then([joined(LEADER), appointed(LEADER)]);
  });

  it('appoints a group member without joining them again', () => {
    spec.given([created(), joined(ANNA)]).when(appoint(ANNA)).then([appointed(ANNA)]);
  });

  it('a second appointment replaces the first leader, and says whom it replaced', () => {
    spec.given(ledGroup()).when(appoint(ANNA)).then([appointed(ANNA, LEADER)]);
  });

  it('the replaced leader loses the leader-only steps; the new leader has them', () => {
    const history = [...ledGroup(), appointed(ANNA, LEADER)];
    const meeting = (by: string) => ({
      type: 'RecordMeeting' as const,
      by,
      meetingId: 'meeting-1',
      heldOn: '2027-03-01T10:00:00.000Z',
      title: 'Kick-off',
      minutes: 'Agreed the agenda',
      attendeeIds: [ANNA],
      recordedOn: '2027-03-01T12:00:00.000Z',
    });
    spec.given(history).when(meeting(LEADER)).thenFails('FORBIDDEN');
    spec.given(history).when(meeting(ANNA)).thenMatches([{ type: 'MeetingRecorded' }]);
  });

  it('is refused for someone who is not in the community', () => {
    spec.given([created()]).when(appoint(OUTSIDER, false)).thenFails('DOMAIN_RULE_VIOLATED', 'leader-not-in-community');
  });

  it('is refused for the leader already in office', () => {
    spec.given(ledGroup()).when(appoint(LEADER)).thenFails('DOMAIN_RULE_VIOLATED', 'leader-already-appointed');
  });
});

describe('joining and leaving', () => {
  it('a community member joins', () => {
    spec.given([created()]).when({ type: 'JoinTopicalGroup', by: ANNA, byInCommunity: true }).then([joined(ANNA)]);
  });

  it('someone outside the community may not join', () => {
    spec.given([created()]).when({ type: 'JoinTopicalGroup', by: OUTSIDER, byInCommunity: false }).thenFails('FORBIDDEN');
  });

  it('a member joins once', () => {
    spec
      .given([created(), joined(ANNA)])
      .when({ type: 'JoinTopicalGroup', by: ANNA, byInCommunity: true })
      .thenFails('DOMAIN_RULE_VIOLATED', 'already-group-member');
  });

  it('a member leaves, and may join again later', () => {
    spec.given(ledGroup()).when({ type: 'LeaveTopicalGroup', by: BRUNO }).then([left(BRUNO)]);
    spec.given([...ledGroup(), left(BRUNO)]).when({ type: 'JoinTopicalGroup', by: BRUNO, byInCommunity: true }).then([joined(BRUNO)]);
  });

  it('only a member can leave; anyone else is FORBIDDEN, as for every act reserved to members', () => {
    spec.given(ledGroup()).when({ type: 'LeaveTopicalGroup', by: OUTSIDER }).thenFails('FORBIDDEN');
  });

  it('the decider itself refuses an outsider leaving, whatever let the command through', () => {
    deciderSpec(topicalGroupDecider).given(ledGroup()).when({ type: 'LeaveTopicalGroup', by: OUTSIDER }).thenFails('DOMAIN_RULE_VIOLATED', 'not-a-group-member');
  });

  it('the leader may not leave while leading', () => {
    spec.given(ledGroup()).when({ type: 'LeaveTopicalGroup', by: LEADER }).thenFails('DOMAIN_RULE_VIOLATED', 'leader-cannot-leave');
  });

  it('a replaced leader may leave', () => {
    spec.given([...ledGroup(), appointed(ANNA, LEADER)]).when({ type: 'LeaveTopicalGroup', by: LEADER }).then([left(LEADER)]);
  });
});
