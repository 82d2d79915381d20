// How a message that is not a page reaches one person (a hand-off reminder, a mention in an
// emergency thread, a reply to a customer's ticket). Pure: the person and their rules in, the
// contact methods to use out.
import type { NotificationRule } from './notification-rules.ts';

export interface Reachable {
  id: string;
  /** Login address: the last resort for e-mail, and the only address many customers have. */
  email: string;
  kind: 'person' | 'bot';
  active: boolean;
  contactMethods: { id: string; kind: string; address: string; verified: boolean }[];
}

/**
 * 'preferred': what the person chose to hear first for a page (their 0-minute rules), else their
 *   verified e-mail. Voice is never used: a phone call for a reminder wakes people for nothing.
 *   Nor is the browser: its alert (a sound, a badge on the tab) is kept for pages, so that it
 *   always means someone needs you now.
 * 'email': e-mail only — customers are answered where they wrote from.
 */
export type ReachVia = 'preferred' | 'email';

export interface Route {
  /** Contact method id, or `login` for the account's own e-mail address. */
  methodId: string;
  kind: string;
  address: string;
}

const LOGIN = 'login';

export function chooseRoutes(person: Reachable, rules: readonly NotificationRule[], via: ReachVia): Route[] {
  if (person.kind === 'bot' || !person.active) return [];
  const verified = person.contactMethods.filter((c) => c.verified);
  const emails = verified.filter((c) => c.kind === 'email');
  const byEmail = emails.length ? emails.map(route) : [{ methodId: LOGIN, kind: 'email', address: person.email }];
  if (via === 'email') return byEmail;
  const first = rules
    .filter((r) => r.delayMinutes === 0)
    .map((r) => verified.find((c) => c.id === r.contactMethodId))
    .filter((c): c is Reachable['contactMethods'][number] => !!c && c.kind !== 'voice' && c.kind !== 'browser');
  const unique = [...new Map(first.map((c) => [c.id, c])).values()];
  return unique.length ? unique.map(route) : byEmail;
}

const route = (c: { id: string; kind: string; address: string }): Route => ({ methodId: c.id, kind: c.kind, address: c.address });
