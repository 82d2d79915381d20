// SM-7: a security incident is declared like a widespread incident; the support manager on call
// coordinates the customer communications stemming from it, with the communications manager
// (a person in Hotline or an outside contact) named. Affected tickets are gathered by search or by
// hand, and the manager on call sends ONE bulk response. Pure: inputs in, decisions out.

export type CommsManager = { kind: 'person'; userId: string; name: string; email: string } | { kind: 'contact'; name: string; email: string | null };

export interface CommsManagerInput {
  /** A staff member's e-mail (a person in Hotline) … */
  email?: string;
  /** … or an outside contact's name (with an optional e-mail). */
  name?: string;
}

export type CommsProblem = 'missing' | 'both' | 'bad_email';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Which way the communications manager is named: a person (looked up by e-mail) or a contact by name. */
export function commsManagerShape(input: CommsManagerInput | undefined): { ok: true; way: 'person' | 'contact'; name: string | null; email: string | null } | { ok: false; problem: CommsProblem } {
  const name = input?.name?.trim() || null;
  const email = input?.email?.trim().toLowerCase() || null;
  if (!name && !email) return { ok: false, problem: 'missing' };
  if (email && !EMAIL.test(email)) return { ok: false, problem: 'bad_email' };
  return name ? { ok: true, way: 'contact', name, email } : { ok: true, way: 'person', name: null, email };
}

export const securityLabel = (number: number) => `S-${number}`;

/** The response must say something and stay one message; placeholders are filled per ticket by the bulk update. */
export function checkResponseText(text: string | undefined, maxLength: number): { ok: true; text: string } | { ok: false; why: 'empty' | 'too_long' } {
  const t = (text ?? '').trim();
  if (!t) return { ok: false, why: 'empty' };
  if (t.length > maxLength) return { ok: false, why: 'too_long' };
  return { ok: true, text: t };
}

/** SM-7: the bulk response goes to the affected tickets not answered yet (a second response only to those added since). */
export function ticketsToAnswer(rows: { ticketId: string; respondedAt: string | null }[]): string[] {
  return rows.filter((r) => r.respondedAt === null).map((r) => r.ticketId);
}

/** The internal note every affected ticket gets (never public: customers do not see the incident's internals). */
export function affectedNoteText(w: { label: string; title: string; coordinator: string | null; comms: CommsManager; url: string }): string {
  const comms = w.comms.kind === 'person' ? `${w.comms.name} (${w.comms.email})` : `${w.comms.name}${w.comms.email ? ` (${w.comms.email}, outside contact)` : ' (outside contact)'}`;
  return `Security incident ${w.label}: ${w.title}. This ticket is affected. Customer communications are coordinated by the support manager on call${w.coordinator ? `, ${w.coordinator}` : ''}; communications manager: ${comms}. Do not answer about the incident on your own: the manager on call sends one response to every affected ticket. ${w.url}`;
}
