// Zendesk's ticket vocabulary ↔ Hotline's, both ways: status, priority, type, user role, tags and
// custom-field keys. Pure and free of imports, so the importer and a Zendesk-shaped API read the
// same table. The Hotline side is spelled out as string literals equal to the helpdesk's own
// (src/tickets/ticket.ts; the Zendesk import test checks they still type-check against them).

export const ZENDESK_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type ZendeskStatus = (typeof ZENDESK_STATUSES)[number];
export const ZENDESK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type ZendeskPriority = (typeof ZENDESK_PRIORITIES)[number];
export const ZENDESK_TYPES = ['problem', 'incident', 'question', 'task'] as const;
export type ZendeskType = (typeof ZENDESK_TYPES)[number];
export type ZendeskRole = 'end-user' | 'agent' | 'admin';

export type HotlineStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type HotlinePriority = 'low' | 'normal' | 'high' | 'urgent';
export type HotlineRole = 'customer' | 'engineer' | 'admin';

const STATUS_IN: Readonly<Record<ZendeskStatus, HotlineStatus>> = {
  new: 'new', open: 'open', pending: 'pending', hold: 'on_hold', solved: 'solved', closed: 'closed',
};
const STATUS_OUT: Readonly<Record<HotlineStatus, ZendeskStatus>> = {
  new: 'new', open: 'open', pending: 'pending', on_hold: 'hold', solved: 'solved', closed: 'closed',
};

/**
 * A Zendesk status as Hotline's; null for a ticket Hotline does not take: the incremental export
 * lists deleted tickets with status "deleted" (and anything unknown is not guessed at).
 */
export function hotlineStatus(zd: string | null | undefined): HotlineStatus | null {
  return zd && Object.hasOwn(STATUS_IN, zd) ? STATUS_IN[zd as ZendeskStatus] : null;
}

export function zendeskStatus(h: HotlineStatus): ZendeskStatus {
  return STATUS_OUT[h];
}

/** Zendesk tickets may have no priority at all; Hotline's every ticket has one, and "normal" is its default. */
export function hotlinePriority(zd: string | null | undefined): HotlinePriority {
  return zd && (ZENDESK_PRIORITIES as readonly string[]).includes(zd) ? (zd as HotlinePriority) : 'normal';
}

export function zendeskPriority(h: HotlinePriority): ZendeskPriority {
  return h;
}

/**
 * Hotline tickets have no type of their own: the Zendesk type is kept as this custom field, from
 * which a Zendesk-shaped API reads it back.
 */
export const TYPE_FIELD = 'ticket_type';

export function hotlineType(zd: string | null | undefined): ZendeskType | null {
  return zd && (ZENDESK_TYPES as readonly string[]).includes(zd) ? (zd as ZendeskType) : null;
}

export function zendeskType(customFields: Readonly<Record<string, unknown>>): ZendeskType | null {
  return hotlineType(typeof customFields[TYPE_FIELD] === 'string' ? (customFields[TYPE_FIELD] as string) : null);
}

/** End users are customers; agents are engineers (the least staff role); admins stay admins. */
export function hotlineRole(zd: string | null | undefined): HotlineRole {
  return zd === 'admin' ? 'admin' : zd === 'agent' ? 'engineer' : 'customer';
}

export function zendeskRole(h: string): ZendeskRole {
  return h === 'customer' ? 'end-user' : h === 'admin' ? 'admin' : 'agent';
}

/**
 * A Zendesk tag as a Hotline tag (lower-case, 1–80 of a-z 0-9 _ - : . /, starting with a letter or
 * digit), or null when nothing of it fits. Zendesk tags are already single lower-case words; other
 * characters become "_".
 */
export function hotlineTag(zd: string): string | null {
  const t = zd.trim().toLowerCase().replace(/[^a-z0-9_\-:./]/g, '_').replace(/^[^a-z0-9]+/, '').slice(0, 80);
  return t === '' ? null : t;
}

/**
 * The custom-field key a Zendesk ticket field is kept under: its title as a Hotline key (a-z, 0-9,
 * "_", starting with a letter, at most 64), or `zendesk_<id>` when the title gives nothing usable.
 */
export function customFieldKey(title: string | null | undefined, id: number | string): string {
  const slug = (title ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+/, '').replace(/_+$/, '').slice(0, 64).replace(/_+$/, '');
  return slug === '' ? `zendesk_${id}` : slug;
}

/** A Zendesk custom-field value as a Hotline one (string, finite number, boolean or null; lists are joined). */
export function customFieldValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.length ? v.map(String).join(',').slice(0, 10_000) : null;
  return String(v).slice(0, 10_000);
}
