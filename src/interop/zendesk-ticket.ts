// The Zendesk-compatible API's ticket shapes, by pure rules: a Hotline ticket and its comments as
// Zendesk's JSON (GET /api/v2/tickets/{id}.json), and a Zendesk create/update body as Hotline
// changes. A ticket's Zendesk id is its number; people, organisations, comments and custom fields
// carry the stable integers the caller looked up (store-zendesk-ids.ts) and passes in as `refs`.
import { invalid } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import type { Ticket, TicketChanges, TicketPriority, TicketStatus } from '../tickets/index.ts';
import { hotlineStatus, TYPE_FIELD, ZENDESK_PRIORITIES, ZENDESK_STATUSES, ZENDESK_TYPES, zendeskStatus, zendeskType, type ZendeskStatus } from './zendesk-fields.ts';

export { ZENDESK_PRIORITIES, ZENDESK_STATUSES, ZENDESK_TYPES };
export type { ZendeskStatus };

/** Hotline says on_hold where Zendesk says hold; the vocabulary is the importer's (zendesk-fields.ts). */
export const toZendeskStatus = (s: TicketStatus): ZendeskStatus => zendeskStatus(s);
export const fromZendeskStatus = (s: ZendeskStatus): TicketStatus => hotlineStatus(s)!;

/** Zendesk timestamps are whole seconds in UTC (`2026-12-03T19:00:00Z`). */
export const zendeskTime = (at: Temporal.Instant | string): string =>
  (typeof at === 'string' ? at : at.toString()).replace(/\.\d+Z$/, 'Z');

/** Integer look-ups the caller made beforehand (a missing id shows as null). */
export interface ZendeskRefs {
  baseUrl: string;
  user(id: string | null | undefined): number | null;
  organization(id: string | null | undefined): number | null;
  field(key: string): number | null;
  comment(id: string): number | null;
}

export interface CommentLike {
  id: string;
  authorId: string | null;
  body: string;
  isPublic: boolean;
  via: string;
  createdAt: string;
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const CHANNELS: Record<string, string> = { web: 'web', api: 'api', email: 'email', chat: 'chat', sms: 'sms', voice: 'voice', cli: 'api', events: 'api', system: 'rule' };

export function zendeskComment(c: CommentLike, refs: ZendeskRefs) {
  const paragraphs = c.body.split(/\n{2,}/).map((p) => `<p>${html(p).replace(/\n/g, '<br>')}</p>`).join('');
  return {
    id: refs.comment(c.id), type: 'Comment' as const, author_id: refs.user(c.authorId), body: c.body,
    html_body: `<div class="zd-comment" dir="auto">${paragraphs}</div>`, plain_body: c.body, public: c.isPublic,
    attachments: [] as unknown[], via: { channel: CHANNELS[c.via] ?? 'api', source: { from: {}, to: {}, rel: null } }, created_at: zendeskTime(c.createdAt),
  };
}

/**
 * One ticket as Zendesk shows it. `first` is its first comment (Zendesk's description and
 * submitter). A customer sees what Hotline shows customers: no tags, custom fields, followers or
 * assignee.
 */
export function zendeskTicket(t: Ticket, first: CommentLike | null, refs: ZendeskRefs, customer: boolean) {
  // the type is kept as a custom field (as the importer keeps it) and shown as Zendesk's type
  const custom = customer ? [] : Object.entries(t.customFields).filter(([k]) => k !== TYPE_FIELD).map(([k, value]) => ({ id: refs.field(k), value }));
  return {
    id: t.number, url: `${refs.baseUrl}/tickets/${t.number}.json`, external_id: t.id,
    via: { channel: first ? CHANNELS[first.via] ?? 'api' : 'api', source: { from: {}, to: {}, rel: null } },
    created_at: zendeskTime(t.createdAt), updated_at: zendeskTime(t.updatedAt),
    type: zendeskType(t.customFields), subject: t.subject, raw_subject: t.subject, description: first?.body ?? '',
    priority: t.priority, status: toZendeskStatus(t.status), recipient: null,
    requester_id: refs.user(t.requesterId), submitter_id: refs.user(first?.authorId ?? t.requesterId),
    assignee_id: customer ? null : refs.user(t.assigneeId), organization_id: refs.organization(t.organizationId), group_id: null,
    collaborator_ids: [] as number[], follower_ids: customer ? [] : t.followerIds.map((f) => refs.user(f)).filter((x): x is number => x !== null),
    email_cc_ids: [] as number[], has_incidents: false, is_public: first?.isPublic ?? true, due_at: null,
    tags: customer ? [] : [...t.tags], custom_fields: custom, fields: custom,
    satisfaction_rating: null, sharing_agreement_ids: [] as number[], ticket_form_id: null, brand_id: null,
    allow_channelback: false, allow_attachments: true, from_messaging_channel: false,
  };
}

/** A Zendesk validation failure: 422 `{error:'RecordInvalid', details:{field:[{description,error}]}}`. */
export function recordInvalid(field: string, description: string, error = 'InvalidValue') {
  return invalid('zendesk.record_invalid', description, { field, error });
}

export interface ZendeskCommentInput { body?: string; html_body?: string; public?: boolean }
export interface ZendeskTicketInput {
  subject?: string; raw_subject?: string; description?: string; comment?: ZendeskCommentInput;
  status?: string; priority?: string | null; type?: string | null;
  requester_id?: number; requester?: { email?: string; name?: string }; submitter_id?: number;
  assignee_id?: number | null; assignee_email?: string; organization_id?: number | null;
  tags?: string[]; additional_tags?: string[]; remove_tags?: string[];
  custom_fields?: { id: number; value: string | number | boolean | null }[];
  external_id?: string | null; collaborator_ids?: number[]; follower_ids?: number[]; group_id?: number | null;
}

/** Integer → Hotline id, as the caller resolved them (undefined: no such record). */
export interface ZendeskLookups {
  user(id: number): string | undefined;
  organization(id: number): string | undefined;
  field(id: number): string | undefined;
}

export interface MappedTicketInput {
  changes: TicketChanges;
  comment: { body: string; isPublic: boolean } | null;
  requesterId?: string;
  requesterEmail?: string;
}

/** Plain text of an html_body (tags dropped, the common entities decoded), for scripts that send only HTML. */
export function textOfHtml(s: string): string {
  return s.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p[^>]*>/gi, '\n\n').replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
}

/**
 * A Zendesk ticket body as Hotline changes. Unknown people or organisations are 422s naming the
 * field, as Zendesk answers; fields Hotline has no place for (group, collaborators, external id)
 * are refused rather than dropped, so a script never believes a value was kept.
 */
export function fromZendeskTicket(b: ZendeskTicketInput, look: ZendeskLookups, mode: 'create' | 'update'): MappedTicketInput {
  const changes: TicketChanges = {};
  for (const f of ['group_id', 'collaborator_ids', 'external_id', 'submitter_id'] as const) {
    if (b[f] !== undefined && b[f] !== null) throw recordInvalid(f, `${f}: not supported by Hotline's Zendesk-compatible API`, 'Unsupported');
  }
  const subject = b.subject ?? b.raw_subject;
  if (subject !== undefined) changes.subject = subject;
  if (b.status !== undefined) {
    if (!(ZENDESK_STATUSES as readonly string[]).includes(b.status)) throw recordInvalid('status', `Status: ${b.status} is not valid`);
    changes.status = fromZendeskStatus(b.status as ZendeskStatus);
  }
  if (b.priority !== undefined && b.priority !== null) {
    if (!(ZENDESK_PRIORITIES as readonly string[]).includes(b.priority)) throw recordInvalid('priority', `Priority: ${b.priority} is not valid`);
    changes.priority = b.priority as TicketPriority;
  }
  if (b.type !== undefined) {
    if (b.type !== null && !(ZENDESK_TYPES as readonly string[]).includes(b.type)) throw recordInvalid('type', `Type: ${b.type} is not valid`);
    changes.customFields = { [TYPE_FIELD]: b.type };
  }
  if (b.assignee_id !== undefined) {
    if (b.assignee_id === null) changes.assigneeId = null;
    else {
      const a = look.user(b.assignee_id);
      if (!a) throw recordInvalid('assignee_id', `Assignee: ${b.assignee_id} is not a known user`);
      changes.assigneeId = a;
    }
  }
  if (b.organization_id !== undefined) {
    if (b.organization_id === null) changes.organizationId = null;
    else {
      const o = look.organization(b.organization_id);
      if (!o) throw recordInvalid('organization_id', `Organization: ${b.organization_id} is not a known organization`);
      changes.organizationId = o;
    }
  }
  if (b.tags || b.additional_tags || b.remove_tags) changes.tags = { set: b.tags, add: b.additional_tags, remove: b.remove_tags };
  if (b.follower_ids) {
    const add = b.follower_ids.map((f) => look.user(f) ?? (() => { throw recordInvalid('follower_ids', `Follower: ${f} is not a known user`); })());
    changes.followers = { add };
  }
  if (b.custom_fields?.length) {
    changes.customFields ??= {};
    for (const cf of b.custom_fields) {
      const key = look.field(cf.id);
      if (!key) throw recordInvalid('custom_fields', `Custom field ${cf.id} does not exist; read a ticket for the field ids`);
      changes.customFields[key] = cf.value;
    }
  }
  let requesterId: string | undefined;
  if (b.requester_id !== undefined) {
    requesterId = look.user(b.requester_id);
    if (!requesterId) throw recordInvalid('requester_id', `Requester: ${b.requester_id} is not a known user`);
    if (mode === 'update') changes.requesterId = requesterId;
  }
  if (b.requester && mode === 'update') throw recordInvalid('requester', 'requester: set requester_id to change the requester', 'Unsupported');
  const text = b.comment ? (b.comment.body ?? (b.comment.html_body !== undefined ? textOfHtml(b.comment.html_body) : undefined)) : mode === 'create' ? b.description : undefined;
  if (b.comment && (text === undefined || text.trim() === '')) throw recordInvalid(mode === 'create' ? 'description' : 'comment', mode === 'create' ? 'Description: cannot be blank' : 'Comment: cannot be blank', 'BlankValue');
  const comment = text !== undefined ? { body: text, isPublic: b.comment?.public ?? true } : null;
  if (mode === 'create') {
    if (subject === undefined && comment) changes.subject = comment.body.split('\n')[0].slice(0, 150);
    if (!comment) throw recordInvalid('description', 'Description: cannot be blank', 'BlankValue');
    if (!requesterId && !b.requester?.email) throw recordInvalid('requester', 'Requester: cannot be blank; Hotline tickets are for a customer (requester_id or requester.email)', 'BlankValue');
  }
  return { changes, comment, ...(requesterId ? { requesterId } : {}), ...(b.requester?.email && !requesterId ? { requesterEmail: b.requester.email } : {}) };
}
