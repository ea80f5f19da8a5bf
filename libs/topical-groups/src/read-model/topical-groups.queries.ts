import type Database from 'better-sqlite3';
import { paginate, type Connection, type PageRequest } from '#graphql';
import { prepared, rowsIn } from '#projections';

export interface TopicalGroupRow {
  id: string;
  name: string;
  topic: string;
  description: string;
  leader_id: string | null;
  created_at: string;
  version: number;
}

export interface GroupMemberRow {
  topical_group_id: string;
  member_id: string;
  joined_at: string;
}

export interface MeetingRow {
  id: string;
  topical_group_id: string;
  held_on: string;
  title: string;
  minutes: string;
  attendee_ids: string;
  recorded_at: string;
}

export interface DecisionRow {
  id: string;
  topical_group_id: string;
  title: string;
  text: string;
  status: 'OPEN' | 'ADOPTED' | 'REJECTED';
  proposed_by: string;
  proposed_at: string;
  due_by: string | null;
  votes_for: number;
  votes_against: number;
  votes_abstain: number;
  closed_at: string | null;
}

export interface VoteRow {
  decision_id: string;
  member_id: string;
  choice: 'FOR' | 'AGAINST' | 'ABSTAIN';
  cast_at: string;
}

export interface ActionRow {
  id: string;
  topical_group_id: string;
  title: string;
  assignee_id: string;
  due_by: string | null;
  decision_id: string | null;
  assigned_at: string;
  completed_at: string | null;
  completed_by: string | null;
}

export interface DecisionFilter {
  topicalGroupId?: string | null;
  status?: string | null;
  /** true: OPEN and past due at `now`; false: everything else. */
  overdue?: boolean | null;
}

/** Reads over the topical-group read model; `db` is asked for on each call so rebuilds swap cleanly. */
export class TopicalGroupQueries {
  constructor(private readonly db: () => Database.Database) {}

  groupsByIds(ids: readonly string[]): TopicalGroupRow[] {
    return this.byIds<TopicalGroupRow>('topical_groups', 'id', ids, '');
  }

  group(id: string): TopicalGroupRow | undefined {
    return this.groupsByIds([id])[0];
  }

  groups(page: PageRequest): Connection<TopicalGroupRow> {
    return paginate<TopicalGroupRow & Record<string, unknown>>(
      this.db(),
      { from: 'topical_groups', where: [], params: [], orderBy: ['name', 'id'], select: '*' },
      page,
      (row) => [row.name, row.id],
    );
  }

  membersOfGroups(groupIds: readonly string[]): GroupMemberRow[] {
    return this.byIds<GroupMemberRow>('topical_group_members', 'topical_group_id', groupIds, 'ORDER BY joined_at, member_id');
  }

  isMember(groupId: string, memberId: string): boolean {
    return (
      prepared(this.db(), 'SELECT 1 FROM topical_group_members WHERE topical_group_id = ? AND member_id = ?').get(groupId, memberId) !==
      undefined
    );
  }

  meetingsOfGroups(groupIds: readonly string[]): MeetingRow[] {
    return this.byIds<MeetingRow>('topical_group_meetings', 'topical_group_id', groupIds, 'ORDER BY held_on, id');
  }

  meetingsByIds(ids: readonly string[]): MeetingRow[] {
    return this.byIds<MeetingRow>('topical_group_meetings', 'id', ids, '');
  }

  decisionsByIds(ids: readonly string[]): DecisionRow[] {
    return this.byIds<DecisionRow>('topical_group_decisions', 'id', ids, '');
  }

  decisionsOfGroups(groupIds: readonly string[]): DecisionRow[] {
    return this.byIds<DecisionRow>('topical_group_decisions', 'topical_group_id', groupIds, 'ORDER BY proposed_at, id');
  }

  /** Decisions across groups, oldest proposal first. */
  decisions(filter: DecisionFilter, page: PageRequest, now: Date): Connection<DecisionRow> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.topicalGroupId) {
      where.push('topical_group_id = ?');
      params.push(filter.topicalGroupId);
    }
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.overdue != null) {
      // due_by is stored as toISOString(), so text order is time order.
      where.push(`${filter.overdue ? '' : 'NOT '}(status = 'OPEN' AND due_by IS NOT NULL AND due_by < ?)`);
      params.push(now.toISOString());
    }
    return paginate<DecisionRow & Record<string, unknown>>(
      this.db(),
      { from: 'topical_group_decisions', where, params, orderBy: ['proposed_at', 'id'], select: '*' },
      page,
      (row) => [row.proposed_at, row.id],
    );
  }

  votesOfDecisions(decisionIds: readonly string[]): VoteRow[] {
    return this.byIds<VoteRow>('topical_group_votes', 'decision_id', decisionIds, 'ORDER BY first_cast_at, member_id');
  }

  actionsOfGroups(groupIds: readonly string[]): ActionRow[] {
    return this.byIds<ActionRow>('topical_group_actions', 'topical_group_id', groupIds, 'ORDER BY assigned_at, id');
  }

  actionsByIds(ids: readonly string[]): ActionRow[] {
    return this.byIds<ActionRow>('topical_group_actions', 'id', ids, '');
  }

  private byIds<Row>(table: string, column: string, ids: readonly string[], orderBy: string): Row[] {
    return rowsIn<Row>(this.db(), `SELECT * FROM ${table}`, column, ids, orderBy);
  }
}
