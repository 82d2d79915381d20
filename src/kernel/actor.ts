// Who is doing something, and through which door. Every use case takes one, so the API, the CLI,
// the job engine and tests are treated alike and every timeline entry says who and via what.
export type Role = 'admin' | 'manager' | 'engineer' | 'customer';
export const ROLES: readonly Role[] = ['admin', 'manager', 'engineer', 'customer'];
export const STAFF_ROLES: readonly Role[] = ['admin', 'manager', 'engineer'];

export type Via = 'web' | 'api' | 'cli' | 'email' | 'chat' | 'sms' | 'voice' | 'events' | 'system';

export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  role: Role | 'system';
  organizationId: string | null;
  name: string;
  via: Via;
}

export const SYSTEM: Actor = { kind: 'system', userId: null, role: 'system', organizationId: null, name: 'Hotline', via: 'system' };

export function isStaff(a: Actor): boolean {
  return a.role === 'system' || (STAFF_ROLES as readonly string[]).includes(a.role);
}

export function isManagerOrAdmin(a: Actor): boolean {
  return a.role === 'system' || a.role === 'admin' || a.role === 'manager';
}
