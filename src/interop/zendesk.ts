// Zendesk's export, as the Incremental Export API and the comments endpoint give it, mapped onto
// Hotline's helpdesk by pure rules: a ticket with its comments becomes a historic ticket, its
// custom fields keyed by their field's title; what cannot be kept is counted for the report.
import type { HistoricTicket } from '../tickets/index.ts';
import { customFieldKey, customFieldValue, hotlinePriority, hotlineStatus, hotlineTag, hotlineType, TYPE_FIELD } from './zendesk-fields.ts';

/** The parts of Zendesk's objects the import reads (its JSON has many more). */
export interface ZdTicket {
  id: number;
  subject?: string | null;
  raw_subject?: string | null;
  description?: string | null;
  status: string;
  priority?: string | null;
  type?: string | null;
  requester_id?: number | null;
  submitter_id?: number | null;
  assignee_id?: number | null;
  organization_id?: number | null;
  tags?: string[];
  custom_fields?: { id: number; value: unknown }[];
  created_at: string;
  updated_at: string;
}
export interface ZdComment { id: number; author_id?: number | null; body?: string | null; plain_body?: string | null; public: boolean; created_at: string; attachments?: unknown[] }
export interface ZdUser { id: number; name?: string | null; email?: string | null; role?: string | null; organization_id?: number | null; iana_time_zone?: string | null; active?: boolean }
export interface ZdOrganization { id: number; name?: string | null }
export interface ZdTicketField { id: number; title?: string | null; type?: string; removable?: boolean }

/** Counts of what was approximated or left out, by kind, with a few examples. */
export type Tally = Record<string, { count: number; how: string; examples: string[] }>;

export function note(t: Tally, kind: string, how: string, example: string): void {
  const e = (t[kind] ??= { count: 0, how, examples: [] });
  e.count++;
  if (e.examples.length < 5) e.examples.push(example);
}

/**
 * Custom fields' keys: the field's title as a Hotline key; two fields with one title are told
 * apart by the second's id. Zendesk's system fields (subject, status, …) are not custom.
 */
export function fieldKeys(fields: readonly ZdTicketField[]): Map<number, string> {
  const out = new Map<number, string>();
  const taken = new Set<string>([TYPE_FIELD]);
  for (const f of fields) {
    if (f.removable === false) continue;
    let key = customFieldKey(f.title, f.id);
    if (taken.has(key)) key = `${key.slice(0, 50)}_${f.id}`.slice(0, 64);
    taken.add(key);
    out.set(f.id, key);
  }
  return out;
}

export interface TicketRefs {
  /** Zendesk user id → Hotline person id. */
  user(id: number | null | undefined): string | null;
  /** Zendesk organization id → Hotline organisation id. */
  organization(id: number | null | undefined): string | null;
  fields: Map<number, string>;
}

/**
 * One Zendesk ticket and its comments as a historic Hotline ticket; null for a ticket Hotline does
 * not take (deleted in Zendesk) or without anyone to stand as its requester.
 */
export function mapTicket(t: ZdTicket, comments: readonly ZdComment[], refs: TicketRefs, tally: Tally): HistoricTicket | null {
  const status = hotlineStatus(t.status);
  const source = `#${t.id}`;
  if (!status) {
    note(tally, 'ticket', `status "${t.status}" (deleted in Zendesk): not imported`, source);
    return null;
  }
  const requesterId = refs.user(t.requester_id) ?? refs.user(t.submitter_id);
  if (!requesterId) {
    note(tally, 'ticket', 'no requester among the imported people: not imported', source);
    return null;
  }
  const tags: string[] = [];
  for (const raw of t.tags ?? []) {
    const tag = hotlineTag(raw);
    if (tag) tags.push(tag);
    else note(tally, 'tag', 'nothing of it fits a Hotline tag: dropped', `${source} ${raw}`);
  }
  const customFields: HistoricTicket['customFields'] = {};
  const type = hotlineType(t.type);
  if (type) customFields[TYPE_FIELD] = type;
  for (const f of t.custom_fields ?? []) {
    const value = customFieldValue(f.value);
    if (value === null) continue;
    const key = refs.fields.get(f.id);
    if (!key) {
      note(tally, 'custom_field', 'field not in ticket_fields: kept under zendesk_<id>', `${source} ${f.id}`);
      customFields[`zendesk_${f.id}`] = value;
      continue;
    }
    customFields[key] = value;
  }
  const assigneeId = refs.user(t.assignee_id);
  if (t.assignee_id && !assigneeId) note(tally, 'assignee', 'assignee not among the imported people: left unassigned', source);
  const mapped: HistoricTicket['comments'] = [];
  for (const c of comments) {
    const authorId = refs.user(c.author_id);
    if (c.author_id && !authorId) note(tally, 'comment_author', 'author not among the imported people: kept without author', `${source} comment ${c.id}`);
    if (c.attachments?.length) note(tally, 'attachment', 'attachments are not copied; the comment is', `${source} comment ${c.id}`);
    // Private stays private: `public: false` (or anything but true) is an internal note (TK-2).
    mapped.push({ externalId: String(c.id), authorId, body: (c.body ?? c.plain_body ?? '').trim() || '(empty)', isPublic: c.public === true, createdAt: c.created_at });
  }
  // A ticket read without its comments still says what it was about.
  if (mapped.length === 0 && t.description?.trim()) {
    mapped.push({ externalId: `${t.id}-description`, authorId: requesterId, body: t.description.trim(), isPublic: true, createdAt: t.created_at });
  }
  return {
    externalId: String(t.id), subject: (t.subject ?? t.raw_subject ?? '').trim(), requesterId, organizationId: refs.organization(t.organization_id),
    assigneeId, status, priority: hotlinePriority(t.priority), tags, customFields, createdAt: t.created_at, updatedAt: t.updated_at, comments: mapped,
  };
}
