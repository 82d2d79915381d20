// Users: staff (admin, manager, engineer), customers (requesters, tied to an organisation or to
// none, ENT-2) and bots (the fallback user of SCH-6). Validation only; no I/O.
import { ROLES, type Role } from '../kernel/actor.ts';
import { invalid } from '../kernel/errors.ts';
import { isValidTimeZone } from '../kernel/time.ts';

export type UserKind = 'person' | 'bot';
/** 'browser': in-app notifications in every tab the person has open on Hotline (no address needed). */
export const CONTACT_KINDS = ['email', 'sms', 'voice', 'chat', 'push', 'webhook', 'browser'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface ContactMethod {
  id: string;
  kind: ContactKind;
  address: string;
  label: string | null;
  verified: boolean;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  kind: UserKind;
  title: string | null;
  timeZone: string;
  region: string | null;
  organizationId: string | null;
  active: boolean;
  teams: string[];
  contactMethods: ContactMethod[];
  createdAt: string;
}

/**
 * A stored value back into its type. Only these files write users and contact methods, always
 * validated, so anything else in the table is a corrupt row: said loudly, never passed on as a role.
 */
export function storedRole(v: string): Role {
  const r = ROLES.find((x) => x === v);
  if (!r) throw new Error(`users.role holds "${v}", which is not a role (${ROLES.join(', ')})`);
  return r;
}
export function storedUserKind(v: string): UserKind {
  if (v !== 'person' && v !== 'bot') throw new Error(`users.kind holds "${v}", which is neither person nor bot`);
  return v;
}
export function storedContactKind(v: string): ContactKind {
  const k = CONTACT_KINDS.find((x) => x === v);
  if (!k) throw new Error(`contact_methods.kind holds "${v}", which is not a contact kind (${CONTACT_KINDS.join(', ')})`);
  return k;
}

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  kind?: UserKind;
  title?: string | null;
  timeZone?: string;
  region?: string | null;
  organizationId?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254) throw invalid('user.bad_email', `"${email}" is not an e-mail address.`);
  return e;
}

export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw invalid('user.bad_role', `Unknown role "${role}". Use one of: ${ROLES.join(', ')}.`);
  return role as Role;
}

export function checkTimeZone(tz: string): string {
  if (!isValidTimeZone(tz)) throw invalid('user.bad_time_zone', `Unknown time zone "${tz}". Use an IANA name such as America/New_York.`);
  return tz;
}

/** A customer belongs to an organisation or to none; staff belong to none. */
export function checkUser(input: UserInput): Required<UserInput> {
  const role = checkRole(input.role);
  const name = input.name.trim();
  if (!name) throw invalid('user.bad_name', 'A user needs a name.');
  if (role !== 'customer' && input.organizationId) {
    throw invalid('user.staff_in_org', 'Only customers belong to a customer organisation.');
  }
  return {
    email: normaliseEmail(input.email),
    name,
    role,
    kind: input.kind ?? 'person',
    title: input.title ?? null,
    timeZone: checkTimeZone(input.timeZone ?? 'UTC'),
    region: input.region ?? null,
    organizationId: input.organizationId ?? null,
  };
}

export function checkContact(kind: string, address: string): { kind: ContactKind; address: string } {
  if (!(CONTACT_KINDS as readonly string[]).includes(kind)) {
    throw invalid('contact.bad_kind', `Unknown contact method "${kind}". Use one of: ${CONTACT_KINDS.join(', ')}.`);
  }
  const a = address.trim();
  const ok =
    kind === 'email' ? EMAIL.test(a)
    : kind === 'sms' || kind === 'voice' ? /^\+[1-9]\d{6,14}$/.test(a)
    : kind === 'webhook' ? /^https?:\/\//.test(a)
    : a.length > 0;
  if (!ok) {
    const hint = kind === 'sms' || kind === 'voice' ? ' Phone numbers are in E.164 form, e.g. +14155550100.' : kind === 'webhook' ? ' A webhook is an http(s) URL.' : '';
    throw invalid('contact.bad_address', `"${address}" is not a valid ${kind} address.${hint}`);
  }
  return { kind: kind as ContactKind, address: kind === 'email' ? a.toLowerCase() : a };
}
