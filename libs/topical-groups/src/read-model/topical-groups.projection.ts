import type Database from 'better-sqlite3';
import type { DecodedEvent } from '../../../kernel/src/index.js';
import type { Projection } from '../../../projections/src/index.js';
import type { TopicalGroupEvent } from '../domain/topical-group.js';

/** Rows of groups, members, meetings, decisions (with their tally), votes and actions. */
export const topicalGroupsProjection: Projection = {
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

  apply(db: Database.Database, decoded: DecodedEvent): void {
    if (!decoded.recorded.streamId.startsWith('topical-group-')) return;
    const event = decoded as unknown as TopicalGroupEvent;
    const at = decoded.recordedAt!;
    const groupId = event.data.topicalGroupId;
    if (event.type === 'TopicalGroupCreated') {
      const { name, topic, description } = event.data;
      db.prepare('INSERT INTO topical_groups (id, name, topic, description, created_at, version) VALUES (?, ?, ?, ?, ?, 0)').run(
        groupId,
        name,
        topic,
        description,
        at,
      );
    }
    applyChange(db, event, at);
    db.prepare('UPDATE topical_groups SET version = ? WHERE id = ?').run(decoded.recorded.revision + 1, groupId);
  },
};

function applyChange(db: Database.Database, event: TopicalGroupEvent, at: string): void {
  switch (event.type) {
    case 'TopicalGroupLeaderAppointed':
      db.prepare('UPDATE topical_groups SET leader_id = ? WHERE id = ?').run(event.data.memberId, event.data.topicalGroupId);
      return;
    case 'MemberJoinedTopicalGroup':
      db.prepare('INSERT INTO topical_group_members (topical_group_id, member_id, joined_at) VALUES (?, ?, ?)').run(
        event.data.topicalGroupId,
        event.data.memberId,
        at,
      );
      return;
    case 'MemberLeftTopicalGroup':
      db.prepare('DELETE FROM topical_group_members WHERE topical_group_id = ? AND member_id = ?').run(
        event.data.topicalGroupId,
        event.data.memberId,
      );
      return;
    case 'MeetingRecorded': {
      const d = event.data;
      db.prepare(
        `INSERT INTO topical_group_meetings (id, topical_group_id, held_on, title, minutes, attendee_ids, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.meetingId, d.topicalGroupId, d.heldOn, d.title, d.minutes, JSON.stringify(d.attendeeIds), at);
      return;
    }
    case 'DecisionProposed': {
      const d = event.data;
      db.prepare(
        `INSERT INTO topical_group_decisions (id, topical_group_id, title, text, status, proposed_by, proposed_at, due_by)
         VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?)`,
      ).run(d.decisionId, d.topicalGroupId, d.title, d.text, d.proposedBy, at, d.dueBy);
      return;
    }
    case 'VoteCast': {
      const d = event.data;
      // The last vote of a member replaces their earlier one; the list keeps the order of first votes.
      db.prepare(
        `INSERT INTO topical_group_votes (decision_id, member_id, choice, first_cast_at, cast_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (decision_id, member_id) DO UPDATE SET choice = excluded.choice, cast_at = excluded.cast_at`,
      ).run(d.decisionId, d.memberId, d.choice, at, at);
      db.prepare(
        `UPDATE topical_group_decisions SET
           votes_for = (SELECT COUNT(*) FROM topical_group_votes WHERE decision_id = @id AND choice = 'FOR'),
           votes_against = (SELECT COUNT(*) FROM topical_group_votes WHERE decision_id = @id AND choice = 'AGAINST'),
           votes_abstain = (SELECT COUNT(*) FROM topical_group_votes WHERE decision_id = @id AND choice = 'ABSTAIN')
         WHERE id = @id`,
      ).run({ id: d.decisionId });
      return;
    }
    case 'DecisionAdopted':
    case 'DecisionRejected':
      db.prepare('UPDATE topical_group_decisions SET status = ?, closed_at = ? WHERE id = ?').run(
        event.type === 'DecisionAdopted' ? 'ADOPTED' : 'REJECTED',
        at,
        event.data.decisionId,
      );
      return;
    case 'ActionAssigned': {
      const d = event.data;
      db.prepare(
        `INSERT INTO topical_group_actions (id, topical_group_id, title, assignee_id, due_by, decision_id, assigned_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.actionId, d.topicalGroupId, d.title, d.assigneeId, d.dueBy, d.decisionId, at);
      return;
    }
    case 'ActionCompleted':
      db.prepare('UPDATE topical_group_actions SET completed_at = ?, completed_by = ? WHERE id = ?').run(
        at,
        event.data.completedBy,
        event.data.actionId,
      );
      return;
    default:
      return;
  }
}
