import { projectionOf, prepared } from '#projections';
import type { MemberEvent } from '../domain/member.js';
import type { OrganisationEvent } from '../domain/organisation.js';

export const networkProjection = projectionOf<OrganisationEvent | MemberEvent>({
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

  on: {
    OrganisationRegistered: (db, { data: d, recordedAt, recorded }) => {
      prepared(db,
        `INSERT INTO organisations (id, name, country, kind, active, registered_at, version) VALUES (?, ?, ?, ?, 1, ?, ?)`,
      ).run(d.organisationId, d.name, d.country, d.kind, recordedAt, recorded.revision + 1);
    },
    OrganisationRenamed: (db, { data: d, recorded }) => {
      prepared(db, 'UPDATE organisations SET name = ?, version = ? WHERE id = ?').run(d.name, recorded.revision + 1, d.organisationId);
    },
    OrganisationLeftNetwork: (db, { data: d, recordedAt, recorded }) => {
      prepared(db, 'UPDATE organisations SET active = 0, left_at = ?, left_reason = ?, version = ? WHERE id = ?').run(
        recordedAt,
        d.reason,
        recorded.revision + 1,
        d.organisationId,
      );
    },
    MemberJoinedCommunity: (db, { data: d, recordedAt, recorded, erased }) => {
      prepared(db,
        `INSERT INTO members (id, display_name, email, country, organisation_id, expertise, erased, joined_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        d.memberId,
        d.displayName,
        d.email,
        d.country,
        d.organisationId,
        JSON.stringify(d.expertise ?? []),
        erased ? 1 : 0,
        recordedAt,
        recorded.revision + 1,
      );
    },
    NationalContactPointAppointed: (db, { data: d, recorded }) => {
      prepared(db, 'UPDATE members SET ncp_for = NULL WHERE ncp_for = ?').run(d.country);
      prepared(db, 'UPDATE members SET ncp_for = ?, version = ? WHERE id = ?').run(d.country, recorded.revision + 1, d.memberId);
    },
    MemberPersonalDataErased: (db, { data: d, recorded }) => {
      prepared(db,
        'UPDATE members SET display_name = NULL, email = NULL, ncp_for = NULL, erased = 1, version = ? WHERE id = ?',
      ).run(recorded.revision + 1, d.memberId);
    },
  },
});
