import type { MemberState } from '../domain/member.js';
import type { OrganisationState } from '../domain/organisation.js';
import type { MemberRow, OrganisationRow } from '../read-model/network.queries.js';
import type { MemberType, OrganisationType } from './network.types.js';

export function organisationFromRow(row: OrganisationRow): OrganisationType {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    kind: row.kind as OrganisationType['kind'],
    active: row.active === 1,
    registeredAt: new Date(row.registered_at),
    version: row.version,
  };
}

export function organisationFromState(state: OrganisationState, version: number): OrganisationType | null {
  if (!state) return null;
  return {
    id: state.id,
    name: state.name,
    country: state.country,
    kind: state.kind,
    active: state.status === 'active',
    registeredAt: new Date(state.registeredAt),
    version,
  };
}

export function memberFromRow(row: MemberRow): MemberType {
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    country: row.country,
    organisationId: row.organisation_id,
    expertise: JSON.parse(row.expertise) as string[],
    nationalContactPointFor: row.ncp_for,
    erased: row.erased === 1,
    joinedAt: new Date(row.joined_at),
    version: row.version,
  };
}

export function memberFromState(state: MemberState, version: number): MemberType | null {
  if (!state) return null;
  return {
    id: state.id,
    displayName: state.displayName,
    email: state.email,
    country: state.country,
    organisationId: state.organisationId,
    expertise: state.expertise,
    nationalContactPointFor: state.nationalContactPointFor,
    erased: state.erased,
    joinedAt: new Date(state.joinedAt),
    version,
  };
}
