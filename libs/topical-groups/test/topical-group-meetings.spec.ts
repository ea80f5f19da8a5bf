import { describe, it } from '@jest/globals';
import { deciderSpec } from '../../kernel/testing/decider-spec.js';
import { topicalGroupAccess } from '../src/application/topical-group.commands.js';
import { topicalGroupDecider } from '../src/domain/topical-group.js';
import { ANNA, BRUNO, GROUP, LEADER, OUTSIDER, created, ledGroup } from './fixtures.js';

const spec = deciderSpec(topicalGroupDecider, { access: topicalGroupAccess });

const record = (by: string, attendeeIds: string[], meetingId = 'meeting-1') => ({
  type: 'RecordMeeting' as const,
  by,
  meetingId,
  heldOn: '2027-03-01T10:00:00.000Z',
  title: 'Kick-off',
  minutes: 'Agreed to pool the vest needs',
  attendeeIds,
  recordedOn: '2027-03-01T12:00:00.000Z',
});

describe('recording a meeting', () => {
  it('the leader records it with its attendees', () => {
    spec
      .given(ledGroup())
      .when(record(LEADER, [LEADER, ANNA]))
      .then([
        {
          type: 'MeetingRecorded',
          data: {
            topicalGroupId: GROUP,
            meetingId: 'meeting-1',
            heldOn: '2027-03-01T10:00:00.000Z',
            title: 'Kick-off',
            minutes: 'Agreed to pool the vest needs',
            attendeeIds: [LEADER, ANNA],
          },
        },
      ]);
  });

  it('only the leader records meetings', () => {
    spec.given(ledGroup()).when(record(ANNA, [ANNA])).thenFails('FORBIDDEN');
  });

  it('nobody records meetings while the group has no leader', () => {
    spec.given([created()]).when(record(ANNA, [ANNA])).thenFails('FORBIDDEN');
  });

  it('attendees must be members of the group', () => {
    spec.given(ledGroup()).when(record(LEADER, [ANNA, OUTSIDER])).thenFails('DOMAIN_RULE_VIOLATED', 'attendee-not-group-member');
  });

  it('a member who left is no longer an attendee', () => {
    spec
      .given([...ledGroup(), { type: 'MemberLeftTopicalGroup', data: { topicalGroupId: GROUP, memberId: BRUNO } }])
      .when(record(LEADER, [BRUNO]))
      .thenFails('DOMAIN_RULE_VIOLATED', 'attendee-not-group-member');
  });

  it('a meeting has at least one attendee', () => {
    spec.given(ledGroup()).when(record(LEADER, [])).thenFails('DOMAIN_RULE_VIOLATED', 'meeting-without-attendees');
  });

  it('a meeting is recorded once', () => {
    const history = [...ledGroup(), ...topicalGroupDecider.decide(record(LEADER, [ANNA]), spec.given(ledGroup()).state)];
    spec.given(history).when(record(LEADER, [ANNA])).thenFails('DOMAIN_RULE_VIOLATED', 'meeting-already-recorded');
  });

  it('a meeting is recorded once held: heldOn in the future is refused', () => {
    spec
      .given(ledGroup())
      .when({ ...record(LEADER, [LEADER]), heldOn: '2027-03-01T12:05:01.000Z' })
      .thenFails('DOMAIN_RULE_VIOLATED', 'meeting-held-in-future');
  });

  it('a meeting a few minutes ahead of the server clock is within the clock tolerance', () => {
    spec
      .given(ledGroup())
      .when({ ...record(LEADER, [LEADER]), heldOn: '2027-03-01T12:04:59.000Z' })
      .thenMatches([{ type: 'MeetingRecorded' }]);
  });
});
