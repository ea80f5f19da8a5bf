export type PlatformRole = 'ADMIN' | 'AUDITOR';

/** Who acts: `subject` is a member id, or any subject for platform accounts. */
export interface Actor {
  subject: string;
  roles: string[];
}

export function hasRole(actor: Actor, role: PlatformRole): boolean {
  return actor.roles.includes(role);
}

export const SYSTEM_ACTOR: Actor = { subject: 'system', roles: ['ADMIN'] };
