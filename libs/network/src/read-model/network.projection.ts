import type Database from 'better-sqlite3';
import type { DecodedEvent } from '../../../kernel/src/index.js';
import type { Projection } from '../../../projections/src/index.js';

export const networkProjection: Projection = {
  name: 'network',
  schema: `
    CREATE TABLE IF NOT EXISTS organisations (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      country TEXT NOT NULL,
      kind TEXT NOT NULL,
      active INTEGER NOT NULL,
      registered_at TEXT NOT NULL,
      left_at TEXT,
      left_reason TEXT,
      version INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS organisations_by_name ON organisations (name, id);
    CREATE INDEX IF NOT EXISTS organisations_by_country ON organisations (country, name, id);
    CREATE TABLE IF NOT EXISTS members (
      id TEXT PRIMARY KEY,
      display_name TEXT,
      email TEXT,
      country TEXT NOT NULL,
      organisation_id TEXT,
      expertise TEXT NOT NULL,
      ncp_for TEXT,
      erased INTEGER NOT NULL,
      joined_at TEXT NOT NULL,
      version INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS members_by_organisation ON members (organisation_id, joined_at, id);
    CREATE UNIQUE INDEX IF NOT EXISTS members_by_ncp_country ON members (ncp_for) WHERE ncp_for IS NOT NULL;
  `,
  purgesOn: ['MemberPersonalDataErased'],

  apply(db: Database.Database, event: DecodedEvent): void {
    const d = event.data as Record<string, never>;
    const version = event.recorded.revision + 1;
    const at = event.recordedAt!;
    switch (event.type) {
      case 'OrganisationRegistered':
        db.prepare(
          `INSERT INTO organisations (id, name, country, kind, active, registered_at, version) VALUES (?, ?, ?, ?, 1, ?, ?)`,
        ).run(d['organisationId'], d['name'], d['country'], d['kind'], at, version);
        return;
      case 'OrganisationRenamed':
        db.prepare('UPDATE organisations SET name = ?, version = ? WHERE id = ?').run(d['name'], version, d['organisationId']);
        return;
      case 'OrganisationLeftNetwork':
        db.prepare('UPDATE organisations SET active = 0, left_at = ?, left_reason = ?, version = ? WHERE id = ?').run(
          at,
          d['reason'],
          version,
          d['organisationId'],
        );
        return;
      case 'MemberJoinedCommunity':
        db.prepare(
          `INSERT INTO members (id, display_name, email, country, organisation_id, expertise, erased, joined_at, version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          d['memberId'],
          d['displayName'],
          d['email'],
          d['country'],
          d['organisationId'],
          JSON.stringify(d['expertise'] ?? []),
          event.erased ? 1 : 0,
          at,
          version,
        );
        return;
      case 'NationalContactPointAppointed':
        db.prepare('UPDATE members SET ncp_for = NULL WHERE ncp_for = ?').run(d['country']);
        db.prepare('UPDATE members SET ncp_for = ?, version = ? WHERE id = ?').run(d['country'], version, d['memberId']);
        return;
      case 'MemberPersonalDataErased':
        db.prepare(
          'UPDATE members SET display_name = NULL, email = NULL, ncp_for = NULL, erased = 1, version = ? WHERE id = ?',
        ).run(version, d['memberId']);
        return;
    }
  },
};
