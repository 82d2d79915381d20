// TK-1: the ticket value and its one way of changing. Every change goes through applyChanges so
// the store, macros and bulk updates validate alike and the audit entry gets a field-level diff.
import { Temporal } from '../kernel/time.ts';
import { conflict, invalid } from '../kernel/errors.ts';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Ordinal order, so `status<solved` means unsolved (stored as tickets.status_rank). */
export const STATUS_RANK: Readonly<Record<TicketStatus, number>> = {
  new: 0, open: 1, pending: 2, on_hold: 3, solved: 4, closed: 5,
};

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
/** Stored as tickets.priority_rank; urgent = emergency (TK-1). */
export const PRIORITY_RANK: Readonly<Record<TicketPriority, number>> = { low: 0, normal: 1, high: 2, urgent: 3 };

export const TICKET_STAGES = ['first_reply', 'next_reply'] as const;
export type TicketStage = (typeof TICKET_STAGES)[number];

/** Forms are workspace configuration; these are the seeds' forms (TK-1). */
export const DEFAULT_TICKET_FORMS = ['self_managed', 'saas', 'licensing', 'us_government', 'dedicated'] as const;

export interface TicketConfig {
  forms: readonly string[];
  maxTags: number;
  maxSubjectLength: number;
}
export const DEFAULT_TICKET_CONFIG: TicketConfig = {
  forms: DEFAULT_TICKET_FORMS,
  maxTags: 100,
  maxSubjectLength: 500,
};

export type CustomFieldValue = string | number | boolean | null;

export interface Requester {
  id: string;
  name: string;
  email: string;
  organizationId: string | null;
}

export interface Ticket {
  id: string;
  /** Human ticket number (search `number:`, page title, thread name). */
  number: number;
  subject: string;
  requesterId: string;
  organizationId: string | null;
  form: string;
  priority: TicketPriority;
  status: TicketStatus;
  stage: TicketStage;
  /** Normalised (lower-case, unique, sorted). */
  tags: string[];
  assigneeId: string | null;
  followerIds: string[];
  customFields: Record<string, CustomFieldValue>;
  /** Raised as an emergency (TK-8): stays true after a downgrade so the history is honest. */
  isEmergency: boolean;
  /** Optimistic concurrency: bumped by every effective change. */
  version: number;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
  solvedAt: Temporal.Instant | null;
}

export interface TagChanges {
  set?: readonly string[];
  add?: readonly string[];
  remove?: readonly string[];
}

export interface TicketChanges {
  subject?: string;
  requesterId?: string;
  organizationId?: string | null;
  form?: string;
  priority?: TicketPriority;
  status?: TicketStatus;
  stage?: TicketStage;
  assigneeId?: string | null;
  isEmergency?: boolean;
  /** Applied in the order set → remove → add. */
  tags?: TagChanges;
  followers?: { add?: readonly string[]; remove?: readonly string[] };
  /** null removes the field. */
  customFields?: Record<string, CustomFieldValue>;
}

export type TicketField =
  | 'subject' | 'requesterId' | 'organizationId' | 'form' | 'priority' | 'status' | 'stage'
  | 'assigneeId' | 'isEmergency' | 'tags' | 'followerIds' | `customFields.${string}`;

export interface FieldChange {
  field: TicketField;
  from: unknown;
  to: unknown;
  /** For list fields (tags, followerIds). */
  added?: string[];
  removed?: string[];
}

export interface ApplyOptions {
  /** Instant of the change: becomes updatedAt (and solvedAt when solving). */
  at: Temporal.Instant;
  config?: TicketConfig;
  /** When given, a different ticket.version is a conflict (the caller saw a stale ticket). */
  expectedVersion?: number;
}

export interface AppliedChanges {
  ticket: Ticket;
  diff: FieldChange[];
}

const TAG_RE = /^[a-z0-9][a-z0-9_\-:.\/]{0,79}$/;
const CUSTOM_KEY_RE = /^[a-z][a-z0-9_]{0,63}$/;

/** Lower-cases and checks one tag; tags are single words as in the helpdesk's search syntax. */
export function normalizeTag(raw: string): string {
  const tag = raw.trim().toLowerCase();
  if (!TAG_RE.test(tag)) {
    throw invalid('ticket.bad_tag', `Tag "${raw}" is not valid: use 1–80 characters a-z, 0-9, "_", "-", ":", ".", "/" starting with a letter or digit, without spaces.`, { tag: raw });
  }
  return tag;
}

export function normalizeTags(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normalizeTag))].sort();
}

export function isTicketStatus(v: unknown): v is TicketStatus {
  return typeof v === 'string' && (TICKET_STATUSES as readonly string[]).includes(v);
}
export function isTicketPriority(v: unknown): v is TicketPriority {
  return typeof v === 'string' && (TICKET_PRIORITIES as readonly string[]).includes(v);
}
export function isTicketStage(v: unknown): v is TicketStage {
  return typeof v === 'string' && (TICKET_STAGES as readonly string[]).includes(v);
}

/** Unsolved = status below solved (the `status<solved` of search). */
export function isUnsolved(status: TicketStatus): boolean {
  return STATUS_RANK[status] < STATUS_RANK.solved;
}

function oneOf<T extends string>(code: string, what: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(code, `${what} "${String(value)}" is not valid: use one of ${allowed.join(', ')}.`, { value, allowed });
  }
  return value as T;
}

function checkId(code: string, what: string, value: unknown, nullable: boolean): string | null {
  if (value === null && nullable) return null;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
    throw invalid(code, `${what} must be a non-empty id${nullable ? ' or null' : ''}.`, { value });
  }
  return value;
}

function checkSubject(subject: unknown, config: TicketConfig): string {
  if (typeof subject !== 'string' || subject.trim() === '') {
    throw invalid('ticket.bad_subject', 'Subject must be a non-empty text.', {});
  }
  const s = subject.trim();
  if (s.length > config.maxSubjectLength) {
    throw invalid('ticket.bad_subject', `Subject is ${s.length} characters; shorten it to at most ${config.maxSubjectLength}.`, { length: s.length });
  }
  return s;
}

/** Validates one custom field key and value. */
export function checkCustomField(key: string, value: unknown): CustomFieldValue {
  if (!CUSTOM_KEY_RE.test(key)) {
    throw invalid('ticket.bad_custom_field', `Custom field key "${key}" is not valid: use a-z, 0-9 and "_", starting with a letter.`, { key });
  }
  const ok = value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 10_000);
  if (!ok) {
    throw invalid('ticket.bad_custom_field', `Custom field "${key}" must be a string (≤ 10000 characters), a finite number, a boolean or null.`, { key });
  }
  return value as CustomFieldValue;
}

function listDiff(field: TicketField, from: string[], to: string[]): FieldChange | null {
  const added = to.filter((x) => !from.includes(x));
  const removed = from.filter((x) => !to.includes(x));
  if (added.length === 0 && removed.length === 0) return null;
  return { field, from, to, added, removed };
}

/**
 * Applies changes to a ticket: validates every value, returns the new ticket and the effective
 * diff (fields whose value really changed). No diff → the same ticket, version unchanged.
 */
export function applyChanges(ticket: Ticket, changes: TicketChanges, opts: ApplyOptions): AppliedChanges {
  const config = opts.config ?? DEFAULT_TICKET_CONFIG;
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== ticket.version) {
    throw conflict('ticket.version_conflict', `Ticket ${ticket.number} was changed by someone else (version ${ticket.version}, you sent ${opts.expectedVersion}); reload it and apply your change again.`, { number: ticket.number, version: ticket.version, expectedVersion: opts.expectedVersion });
  }
  // A closed ticket is final; work continues in a follow-up ticket (TK-6, WF-9).
  if (ticket.status === 'closed') {
    throw conflict('ticket.closed', `Ticket ${ticket.number} is closed and cannot be changed; create a follow-up ticket instead.`, { number: ticket.number });
  }

  const next: Ticket = { ...ticket, tags: [...ticket.tags], followerIds: [...ticket.followerIds], customFields: { ...ticket.customFields } };
  const diff: FieldChange[] = [];
  const scalar = <K extends keyof Ticket & TicketField>(field: K, value: Ticket[K]) => {
    if (next[field] !== value) {
      diff.push({ field, from: next[field], to: value });
      next[field] = value;
    }
  };

  if (changes.subject !== undefined) scalar('subject', checkSubject(changes.subject, config));
  if (changes.requesterId !== undefined) scalar('requesterId', checkId('ticket.bad_requester', 'Requester', changes.requesterId, false) as string);
  if (changes.organizationId !== undefined) scalar('organizationId', checkId('ticket.bad_organization', 'Organization', changes.organizationId, true));
  if (changes.form !== undefined) scalar('form', oneOf('ticket.bad_form', 'Form', changes.form, config.forms));
  if (changes.priority !== undefined) scalar('priority', oneOf('ticket.bad_priority', 'Priority', changes.priority, TICKET_PRIORITIES));
  if (changes.stage !== undefined) scalar('stage', oneOf('ticket.bad_stage', 'Stage', changes.stage, TICKET_STAGES));
  if (changes.assigneeId !== undefined) scalar('assigneeId', checkId('ticket.bad_assignee', 'Assignee', changes.assigneeId, true));
  if (changes.isEmergency !== undefined) {
    if (typeof changes.isEmergency !== 'boolean') throw invalid('ticket.bad_emergency_flag', 'isEmergency must be true or false.', {});
    scalar('isEmergency', changes.isEmergency);
  }
  if (changes.status !== undefined) {
    const status = oneOf('ticket.bad_status', 'Status', changes.status, TICKET_STATUSES);
    // "new" means nobody has touched it yet; a worked ticket never goes back to it.
    if (status === 'new' && ticket.status !== 'new') {
      throw invalid('ticket.bad_status_transition', `Ticket ${ticket.number} is ${ticket.status}; it cannot go back to new. Use open instead.`, { from: ticket.status, to: status });
    }
    scalar('status', status);
  }

  if (changes.tags) {
    let tags = changes.tags.set !== undefined ? normalizeTags(changes.tags.set) : [...next.tags];
    if (changes.tags.remove) {
      const remove = new Set(normalizeTags(changes.tags.remove));
      tags = tags.filter((t) => !remove.has(t));
    }
    if (changes.tags.add) tags = [...new Set([...tags, ...normalizeTags(changes.tags.add)])];
    tags.sort();
    if (tags.length > config.maxTags) {
      throw invalid('ticket.too_many_tags', `A ticket can carry at most ${config.maxTags} tags; remove some first.`, { count: tags.length });
    }
    const d = listDiff('tags', next.tags, tags);
    if (d) diff.push(d);
    next.tags = tags;
  }

  if (changes.followers) {
    let followers = [...next.followerIds];
    for (const id of changes.followers.remove ?? []) followers = followers.filter((f) => f !== id);
    for (const id of changes.followers.add ?? []) {
      const ok = checkId('ticket.bad_follower', 'Follower', id, false) as string;
      if (!followers.includes(ok)) followers.push(ok);
    }
    const d = listDiff('followerIds', next.followerIds, followers);
    if (d) diff.push(d);
    next.followerIds = followers;
  }

  if (changes.customFields) {
    for (const [key, raw] of Object.entries(changes.customFields)) {
      const value = checkCustomField(key, raw);
      const before = key in next.customFields ? next.customFields[key] : null;
      if (before === value) continue;
      diff.push({ field: `customFields.${key}`, from: before, to: value });
      if (value === null) delete next.customFields[key];
      else next.customFields[key] = value;
    }
  }

  if (diff.length === 0) return { ticket, diff };
  if (next.status !== ticket.status) {
    if (next.status === 'solved') next.solvedAt = opts.at;
    else if (next.status === 'closed') next.solvedAt = ticket.solvedAt ?? opts.at;
    else if (!isUnsolved(ticket.status) && isUnsolved(next.status)) next.solvedAt = null; // reopened
  }
  next.version = ticket.version + 1;
  next.updatedAt = opts.at;
  return { ticket: next, diff };
}

export interface NewTicketInput {
  subject: string;
  requesterId: string;
  organizationId?: string | null;
  form: string;
  priority?: TicketPriority;
  status?: TicketStatus;
  tags?: readonly string[];
  assigneeId?: string | null;
  followerIds?: readonly string[];
  customFields?: Record<string, CustomFieldValue>;
  isEmergency?: boolean;
}

/**
 * A new ticket (TK-8 intake), validated like any change. Ids and numbers come from the store;
 * an urgent ticket is an emergency unless said otherwise, and an emergency is urgent.
 */
export function createTicket(input: NewTicketInput, opts: { id: string; number: number; at: Temporal.Instant; config?: TicketConfig }): Ticket {
  const config = opts.config ?? DEFAULT_TICKET_CONFIG;
  if (!Number.isInteger(opts.number) || opts.number < 1) throw invalid('ticket.bad_number', 'A ticket number is a positive integer.', { number: opts.number });
  // TK-1: urgent = emergency. A ticket raised as an emergency is urgent, so that WF-1 intake (which
  // starts from the priority) opens its emergency; a lower priority beside the flag is a contradiction.
  const priority = oneOf('ticket.bad_priority', 'Priority', input.priority ?? (input.isEmergency ? 'urgent' : 'normal'), TICKET_PRIORITIES);
  if (input.isEmergency === true && priority !== 'urgent') {
    throw invalid('ticket.emergency_not_urgent', `An emergency ticket is urgent (urgent = emergency); leave the priority out or send urgent, not ${priority}.`, { priority });
  }
  const status = oneOf('ticket.bad_status', 'Status', input.status ?? 'new', TICKET_STATUSES);
  if (status === 'closed') throw invalid('ticket.bad_status', 'A new ticket cannot start closed.', {});
  const blank: Ticket = {
    id: checkId('ticket.bad_id', 'Ticket id', opts.id, false) as string,
    number: opts.number,
    subject: checkSubject(input.subject, config),
    requesterId: checkId('ticket.bad_requester', 'Requester', input.requesterId, false) as string,
    organizationId: checkId('ticket.bad_organization', 'Organization', input.organizationId ?? null, true),
    form: oneOf('ticket.bad_form', 'Form', input.form, config.forms),
    priority, status, stage: 'first_reply', tags: [], assigneeId: null, followerIds: [], customFields: {},
    isEmergency: input.isEmergency ?? priority === 'urgent',
    version: 1, createdAt: opts.at, updatedAt: opts.at, solvedAt: status === 'solved' ? opts.at : null,
  };
  const { ticket } = applyChanges(blank, {
    assigneeId: input.assigneeId ?? null,
    tags: { add: input.tags ?? [] },
    followers: { add: input.followerIds ?? [] },
    customFields: input.customFields ?? {},
  }, { at: opts.at, config });
  return { ...ticket, version: 1, updatedAt: opts.at };
}
