import type Database from 'better-sqlite3';
import { projectionOf, type Projected, prepared } from '#projections';
import type { TopicalGroupEvent } from '../domain/topical-group.js';

/** Rows of groups, members, meetings, decisions (with their tally), votes and actions. */
export const topicalGroupsProjection = projectionOf<TopicalGroupEvent>({
  name: 'topical-groups',
  schema: `
    CREATE TABLE IF NOT EXISTS topical_groups (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      topic TEXT NOT NULL,
      description TEXT NOT NULL,
      leader_id TEXT,
      created_at TEXT NOT NULL,
      version INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS topical_groups_by_name ON topical_groups (name, id);
    CREATE TABLE IF NOT EXISTS topical_group_members (
      topical_group_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      joined_at TEXT NOT NULL,
      PRIMARY KEY (topical_group_id, member_id)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS topical_group_members_by_member ON topical_group_members (member_id);
    CREATE TABLE IF NOT EXISTS topical_group_meetings (
      id TEXT PRIMARY KEY,
      topical_group_id TEXT NOT NULL,
      held_on TEXT NOT NULL,
      title TEXT NOT NULL,
      minutes TEXT NOT NULL,
      attendee_ids TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS topical_group_meetings_by_group ON topical_group_meetings (topical_group_id, held_on, id);
    CREATE TABLE IF NOT EXISTS topical_group_decisions (
      id TEXT PRIMARY KEY,
      topical_group_id TEXT NOT NULL,
      title TEXT NOT NULL,
      text TEXT NOT NULL,
      status TEXT NOT NULL,
      proposed_by TEXT NOT NULL,
      proposed_at TEXT NOT NULL,
      due_by TEXT,
      votes_for INTEGER NOT NULL DEFAULT 0,
      votes_against INTEGER NOT NULL DEFAULT 0,
      votes_abstain INTEGER NOT NULL DEFAULT 0,
      closed_at TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS topical_group_decisions_by_group ON topical_group_decisions (topical_group_id, proposed_at, id);
    CREATE INDEX IF NOT EXISTS topical_group_decisions_by_status ON topical_group_decisions (status, proposed_at, id);
    CREATE INDEX IF NOT EXISTS topical_group_decisions_by_time ON topical_group_decisions (proposed_at, id);
    CREATE TABLE IF NOT EXISTS topical_group_votes (
      decision_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      choice TEXT NOT NULL,
      first_cast_at TEXT NOT NULL,
      cast_at TEXT NOT NULL,
      PRIMARY KEY (decision_id, member_id)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS topical_group_actions (
      id TEXT PRIMARY KEY,
      topical_group_id TEXT NOT NULL,
      title TEXT NOT NULL,
      assignee_id TEXT NOT NULL,
      due_by TEXT,
      decision_id TEXT,
      assigned_at TEXT NOT NULL,
      completed_at TEXT,
      completed_by TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS topical_group_actions_by_group ON topical_group_actions (topical_group_id, assigned_at, id);
  `,

  on: {
    TopicalGroupCreated: inGroup((db, { data: d, recordedAt }) => {
      prepared(db, 'INSERT INTO topical_groups (id, name, topic, description, created_at, version) VALUES (?, ?, ?, ?, ?, 0)').run(
        d.topicalGroupId,
        d.name,
        d.topic,
        d.description,
        recordedAt,
      );
    }),
    TopicalGroupRenamed: inGroup((db, { data: d }) => {
      prepared(db, 'UPDATE topical_groups SET name = ? WHERE id = ?').run(d.name, d.topicalGroupId);
    }),
    TopicalGroupLeaderAppointed: inGroup((db, { data: d }) => {
      prepared(db, 'UPDATE topical_groups SET leader_id = ? WHERE id = ?').run(d.memberId, d.topicalGroupId);
    }),
    MemberJoinedTopicalGroup: inGroup((db, { data: d, recordedAt }) => {
      prepared(db, 'INSERT INTO topical_group_members (topical_group_id, member_id, joined_at) VALUES (?, ?, ?)').run(
        d.topicalGroupId,
        d.memberId,
        recordedAt,
      );
    }),
    MemberLeftTopicalGroup: inGroup((db, { data: d }) => {
      prepared(db, 'DELETE FROM topical_group_members WHERE topical_group_id = ? AND member_id = ?').run(d.topicalGroupId, d.memberId);
    }),
    MeetingRecorded: inGroup((db, { data: d, recordedAt }) => {
      prepared(db,
        `INSERT INTO topical_group_meetings (id, topical_group_id, held_on, title, minutes, attendee_ids, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.meetingId, d.topicalGroupId, d.heldOn, d.title, d.minutes, JSON.stringify(d.attendeeIds), recordedAt);
    }),
    DecisionProposed: inGroup((db, { data: d, recordedAt }) => {
      prepared(db,
        `INSERT INTO topical_group_decisions (id, topical_group_id, title, text, status, proposed_by, proposed_at, due_by)
         VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?)`,
      ).run(d.decisionId, d.topicalGroupId, d.title, d.text, d.proposedBy, recordedAt, d.dueBy);
    }),
    VoteCast: inGroup((db, { data: d, recordedAt }) => {
      // The last vote of a member replaces their earlier one; the list keeps the order of first votes.
      prepared(db,
        `INSERT INTO topical_group_votes (decision_id, member_id, choice, first_cast_at, cast_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (decision_id, member_id) DO UPDATE SET choice = excluded.choice, cast_at = excluded.cast_at`,
      ).run(d.decisionId, d.memberId, d.choice, recordedAt, recordedAt);
      prepared(db,
        `UPDATE topical_group_decisions SET
           votes_for = (SELECT COUNT(*) FROM topical_group_votes WHERE decision_id = @id AND choice = 'FOR'),
           votes_against = (SELECT COUNT(*) FROM topical_group_votes WHERE decision_id = @id AND choice = 'AGAINST'),
           votes_abstain = (SELECT COUNT(*) FROM topical_group_votes WHERE decision_id = @id AND choice = 'ABSTAIN')
         WHERE id = @id`,
      ).run({ id: d.decisionId });
    }),
    DecisionAdopted: inGroup((db, event) => closeDecision(db, event, 'ADOPTED')),
    DecisionRejected: inGroup((db, event) => closeDecision(db, event, 'REJECTED')),
    ActionAssigned: inGroup((db, { data: d, recordedAt }) => {
      prepared(db,
        `INSERT INTO topical_group_actions (id, topical_group_id, title, assignee_id, due_by, decision_id, assigned_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.actionId, d.topicalGroupId, d.title, d.assigneeId, d.dueBy, d.decisionId, recordedAt);
    }),
    ActionCompleted: inGroup((db, { data: d, recordedAt }) => {
      prepared(db, 'UPDATE topical_group_actions SET completed_at = ?, completed_by = ? WHERE id = ?').run(recordedAt, d.completedBy, d.actionId);
    }),
  },
});

type Handler<Event extends TopicalGroupEvent> = (db: Database.Database, event: Projected<Event>) => void;

/** Every change of a group also moves its version to the event's place in the stream. */
function inGroup<Event extends TopicalGroupEvent>(apply: Handler<Event>): Handler<Event> {
  return (db, event) => {
    apply(db, event);
    prepared(db, 'UPDATE topical_groups SET version = ? WHERE id = ?').run(event.recorded.revision + 1, event.data.topicalGroupId);
  };
}

function closeDecision(db: Database.Database, event: Projected<TopicalGroupEvent & { data: { decisionId: string } }>, status: string): void {
  prepared(db, 'UPDATE topical_group_decisions SET status = ?, closed_at = ? WHERE id = ?').run(status, event.recordedAt, event.data.decisionId);
}
