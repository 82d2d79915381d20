// Ticket queries. Rows in, domain values out; every write goes through the caller's transaction.
import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { conflict, notFound } from '../kernel/errors.ts';
import { newId, newSecret } from '../kernel/ids.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import type { TicketCommentsTable, TicketsTable } from '../store/schema.ts';
import { PRIORITY_RANK, STATUS_RANK, type Ticket } from './ticket.ts';
import { EMPTY_SLA_CLOCK, type SlaClock } from './sla.ts';
import type { AttachmentMeta, AttachmentUpload } from './attachment.ts';

export type { AttachmentMeta };

export interface StoredComment {
  id: string;
  ticketId: string;
  authorId: string | null;
  body: string;
  isPublic: boolean;
  via: string;
  createdAt: string;
  attachments: AttachmentMeta[];
  messageId: string | null;
}

export interface TicketRecord {
  ticket: Ticket;
  clock: SlaClock;
  replyToken: string;
  slaBreachedAt: string | null;
  mergedIntoId: string | null;
  dueAt: string | null;
}

const inst = (v: string | null) => (v ? Temporal.Instant.from(v) : null);
const json = <T>(v: unknown, d: T): T => (typeof v === 'string' && v !== '' ? (JSON.parse(v) as T) : d);

export function clockToJson(c: SlaClock): string {
  return JSON.stringify({
    ...c,
    armedAt: c.armedAt?.toString() ?? null, runningSince: c.runningSince?.toString() ?? null, dueAt: c.dueAt?.toString() ?? null,
  });
}
export function clockFromJson(v: string | null | undefined): SlaClock {
  const o = json<Record<string, any>>(v, {});
  if (!o.state) return EMPTY_SLA_CLOCK;
  return { ...EMPTY_SLA_CLOCK, ...o, armedAt: inst(o.armedAt), runningSince: inst(o.runningSince), dueAt: inst(o.dueAt) } as SlaClock;
}

export function rowToTicket(r: Selectable<TicketsTable>, tags: string[]): Ticket {
  return {
    id: r.id, number: Number(r.number), subject: r.subject, requesterId: r.requester_id, organizationId: r.organization_id,
    form: r.form, priority: r.priority, status: r.status, stage: r.stage, tags, assigneeId: r.assignee_id,
    followerIds: json<string[]>(r.followers, []), customFields: json(r.custom_fields, {}),
    isEmergency: Number(r.is_emergency) === 1, version: Number(r.version),
    createdAt: Temporal.Instant.from(r.created_at), updatedAt: Temporal.Instant.from(r.updated_at), solvedAt: inst(r.solved_at),
  };
}

function toRecord(r: Selectable<TicketsTable>, tags: string[]): TicketRecord {
  return {
    ticket: rowToTicket(r, tags), clock: clockFromJson(r.sla_clock), replyToken: r.reply_token,
    slaBreachedAt: r.sla_breached_at ?? null, mergedIntoId: r.merged_into_id ?? null, dueAt: r.due_at ?? null,
  };
}

export async function tagsOf(tx: Tx, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await tx.db.selectFrom('ticket_tags').select(['ticket_id', 'tag']).where('ticket_id', 'in', ids).orderBy('tag').execute();
  for (const r of rows) out.get(r.ticket_id)!.push(r.tag);
  return out;
}

/** Rows from a `select tickets.*` query to tickets, tags loaded in one query. */
export async function hydrate(tx: Tx, rows: Selectable<TicketsTable>[]): Promise<Ticket[]> {
  const tags = await tagsOf(tx, rows.map((r) => r.id));
  return rows.map((r) => rowToTicket(r, tags.get(r.id)!));
}

export async function findTicketRecord(tx: Tx, by: { id?: string; number?: number; replyToken?: string }, forUpdate = false): Promise<TicketRecord | undefined> {
  let q = tx.db.selectFrom('tickets').selectAll();
  if (by.id !== undefined) q = q.where('id', '=', by.id);
  else if (by.number !== undefined) q = q.where('workspace', '=', 'default').where('number', '=', by.number);
  else if (by.replyToken !== undefined) q = q.where('reply_token', '=', by.replyToken);
  else return undefined;
  // PostgreSQL: concurrent writers of one ticket queue here instead of failing on the version check.
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) return undefined;
  return toRecord(r, (await tagsOf(tx, [r.id])).get(r.id)!);
}

/** The token of a ticket's reply address (support+<token>@…), without loading the ticket. */
export async function replyTokenOf(tx: Tx, ticketId: string): Promise<string | undefined> {
  const r = await tx.db.selectFrom('tickets').select('reply_token').where('id', '=', ticketId).executeTakeFirst();
  return r?.reply_token;
}

/** Several tickets at once (bulk work), by id, in id order of the input; missing ones left out. */
export async function findTicketRecords(tx: Tx, ids: string[], forUpdate = false): Promise<Map<string, TicketRecord>> {
  const out = new Map<string, TicketRecord>();
  if (ids.length === 0) return out;
  let q = tx.db.selectFrom('tickets').selectAll().where('id', 'in', ids);
  if (forUpdate && tx.engine === 'postgres') q = q.orderBy('id').forUpdate();
  const rows = await q.execute();
  const tags = await tagsOf(tx, rows.map((r) => r.id));
  for (const r of rows) out.set(r.id, toRecord(r, tags.get(r.id)!));
  return out;
}

/** Ids of tickets named by id or number; throws not found for the first unknown one. */
export async function resolveTicketIds(tx: Tx, refs: string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const numbers = refs.filter((r) => /^\d{1,9}$/.test(r)).map(Number);
  const rows = await tx.db.selectFrom('tickets').select(['id', 'number'])
    .where((eb) => eb.or([eb('id', 'in', refs), ...(numbers.length ? [eb.and([eb('workspace', '=', 'default'), eb('number', 'in', numbers)])] : [])])).execute();
  const byRef = new Map<string, string>();
  for (const r of rows) {
    byRef.set(r.id, r.id);
    byRef.set(String(r.number), r.id);
  }
  return refs.map((ref) => {
    const id = byRef.get(ref);
    if (!id) throw notFound('ticket.not_found', `No ticket ${ref}; check the number or id (search with GET /api/v1/tickets?q=…).`, { ticket: ref });
    return id;
  });
}

export async function loadTicketRecord(tx: Tx, idOrNumber: string, forUpdate = false): Promise<TicketRecord> {
  const rec = /^\d{1,9}$/.test(idOrNumber)
    ? await findTicketRecord(tx, { number: Number(idOrNumber) }, forUpdate)
    : await findTicketRecord(tx, { id: idOrNumber }, forUpdate);
  if (!rec) throw notFound('ticket.not_found', `No ticket ${idOrNumber}; check the number or id (search with GET /api/v1/tickets?q=…).`, { ticket: idOrNumber });
  return rec;
}

/** The next ticket number of the workspace, taken in the caller's transaction. */
export async function nextTicketNumber(tx: Tx, workspace = 'default'): Promise<number> {
  const r = await tx.db.updateTable('ticket_counters').set({ value: sql`value + 1` }).where('workspace', '=', workspace).returning('value').executeTakeFirstOrThrow();
  return Number(r.value);
}

function ticketColumns(t: Ticket, clock: SlaClock) {
  return {
    number: t.number, subject: t.subject, status: t.status, status_rank: STATUS_RANK[t.status], priority: t.priority,
    priority_rank: PRIORITY_RANK[t.priority], form: t.form, stage: t.stage, organization_id: t.organizationId,
    requester_id: t.requesterId, assignee_id: t.assigneeId, is_emergency: t.isEmergency ? 1 : 0,
    created_at: isoUtc(t.createdAt), updated_at: isoUtc(t.updatedAt), solved_at: t.solvedAt ? isoUtc(t.solvedAt) : null,
    due_at: clock.state === 'running' && clock.dueAt ? isoUtc(clock.dueAt) : null, version: t.version,
    custom_fields: JSON.stringify(t.customFields), followers: JSON.stringify(t.followerIds), sla_clock: clockToJson(clock),
  };
}

export async function insertTicket(tx: Tx, t: Ticket, clock: SlaClock, via: string): Promise<string> {
  const replyToken = newSecret(12);
  await tx.db.insertInto('tickets').values({ id: t.id, workspace: 'default', ...ticketColumns(t, clock), via, reply_token: replyToken }).execute();
  if (t.tags.length) await tx.db.insertInto('ticket_tags').values(t.tags.map((tag) => ({ ticket_id: t.id, tag }))).execute();
  return replyToken;
}

/**
 * Writes a changed ticket under optimistic concurrency: the row must still carry `fromVersion`,
 * else someone else committed in between and the caller must reload.
 */
export async function saveTicket(tx: Tx, before: Ticket, after: Ticket, clock: SlaClock): Promise<void> {
  const r = await tx.db.updateTable('tickets').set(ticketColumns(after, clock)).where('id', '=', after.id).where('version', '=', before.version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) {
    throw conflict('ticket.version_conflict', `Ticket ${after.number} was changed by someone else meanwhile; reload it and apply your change again.`, { number: after.number });
  }
  const removed = before.tags.filter((x) => !after.tags.includes(x));
  const added = after.tags.filter((x) => !before.tags.includes(x));
  if (removed.length) await tx.db.deleteFrom('ticket_tags').where('ticket_id', '=', after.id).where('tag', 'in', removed).execute();
  if (added.length) await tx.db.insertInto('ticket_tags').values(added.map((tag) => ({ ticket_id: after.id, tag }))).execute();
}

export async function saveClock(tx: Tx, ticketId: string, clock: SlaClock): Promise<void> {
  await tx.db.updateTable('tickets').set({ sla_clock: clockToJson(clock), due_at: clock.state === 'running' && clock.dueAt ? isoUtc(clock.dueAt) : null }).where('id', '=', ticketId).execute();
}

export interface NewComment {
  ticketId: string;
  authorId: string | null;
  body: string;
  isPublic: boolean;
  via: string;
  at: Temporal.Instant;
  attachments?: AttachmentMeta[];
  /** Uploads whose bytes are stored with the comment (already checked by `checkAttachments`). */
  files?: AttachmentUpload[];
  messageId?: string | null;
  dedupeKey?: string | null;
}

let commentSeq = 0;
/** Time-ordered ids: comments written in one instant keep their order on both engines. */
export function commentId(at: Temporal.Instant): string {
  commentSeq = (commentSeq + 1) % 1_679_616;
  return `${at.epochMilliseconds.toString(36).padStart(9, '0')}-${commentSeq.toString(36).padStart(4, '0')}-${newId().slice(0, 8)}`;
}

export async function insertComment(tx: Tx, c: NewComment): Promise<StoredComment> {
  const id = commentId(c.at);
  const stored = c.files?.length ? await insertAttachments(tx, c.ticketId, id, c.at, c.files) : [];
  const attachments = [...stored, ...(c.attachments ?? [])];
  await tx.db.insertInto('ticket_comments').values({
    id, ticket_id: c.ticketId, author_id: c.authorId, body: c.body, is_public: c.isPublic ? 1 : 0, via: c.via,
    created_at: isoUtc(c.at), attachments: JSON.stringify(attachments), message_id: c.messageId ?? null, dedupe_key: c.dedupeKey ?? null,
  }).execute();
  if (c.isPublic && c.authorId) await noteFirstReply(tx, c.ticketId, c.authorId, isoUtc(c.at));
  return { id, ticketId: c.ticketId, authorId: c.authorId, body: c.body, isPublic: c.isPublic, via: c.via, createdAt: isoUtc(c.at), attachments, messageId: c.messageId ?? null };
}

const STAFF_ROLES = ['admin', 'manager', 'engineer'];

/**
 * RP-1: a public comment by staff after the ticket was created is a reply; the earliest one is the
 * ticket's first reply, kept on the ticket (with the comment, in its transaction) for the reports.
 * Later replies leave it be; the description (written as the ticket is created) is not a reply.
 */
async function noteFirstReply(tx: Tx, ticketId: string, authorId: string, at: string): Promise<void> {
  await tx.db.updateTable('tickets').set({ first_reply_at: at })
    .where('id', '=', ticketId).where('created_at', '<', at)
    .where((eb) => eb.or([eb('first_reply_at', 'is', null), eb('first_reply_at', '>', at)]))
    .where((eb) => eb.exists(eb.selectFrom('users').select('id').where('id', '=', authorId).where('role', 'in', STAFF_ROLES)))
    .execute();
}

/** RP-1: the first reply again from the ticket's comments, after comments moved onto it (a merge). */
export async function refreshFirstReply(tx: Tx, ticketId: string): Promise<void> {
  await tx.db.updateTable('tickets').set((eb) => ({
    first_reply_at: eb.selectFrom('ticket_comments as c').innerJoin('users as a', 'a.id', 'c.author_id')
      .select((e) => e.fn.min<string>('c.created_at').as('m'))
      .whereRef('c.ticket_id', '=', 'tickets.id').where('c.is_public', '=', 1).whereRef('c.created_at', '>', 'tickets.created_at').where('a.role', 'in', STAFF_ROLES),
  })).where('id', '=', ticketId).execute();
}

function toComment(r: Selectable<TicketCommentsTable>): StoredComment {
  return {
    id: r.id, ticketId: r.ticket_id, authorId: r.author_id, body: r.body, isPublic: Number(r.is_public) === 1, via: r.via,
    createdAt: r.created_at, attachments: json(r.attachments, []), messageId: r.message_id,
  };
}

/** Comments in order; `publicOnly` is the customer view (TK-2) and is applied in SQL. */
export async function listComments(tx: Tx, ticketId: string, publicOnly: boolean): Promise<StoredComment[]> {
  let q = tx.db.selectFrom('ticket_comments').selectAll().where('ticket_id', '=', ticketId);
  if (publicOnly) q = q.where('is_public', '=', 1);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(toComment);
}

/**
 * The first comment of each ticket (its description), in one query for a page of tickets; the
 * Zendesk-compatible API shows it as `description`. `publicOnly` as in listComments.
 */
export async function firstComments(tx: Tx, ticketIds: readonly string[], publicOnly: boolean): Promise<Map<string, StoredComment>> {
  const out = new Map<string, StoredComment>();
  if (ticketIds.length === 0) return out;
  const rows = await tx.db.selectFrom('ticket_comments as c').selectAll('c').where('c.ticket_id', 'in', [...ticketIds])
    .where('c.id', '=', (eb) => {
      let first = eb.selectFrom('ticket_comments as f').select('f.id').whereRef('f.ticket_id', '=', 'c.ticket_id');
      if (publicOnly) first = first.where('f.is_public', '=', 1);
      return first.orderBy('f.created_at').orderBy('f.id').limit(1);
    }).execute();
  for (const r of rows) out.set(r.ticket_id, toComment(r));
  return out;
}

export interface PublicReply { ticket: Pick<Ticket, 'id' | 'number' | 'subject' | 'requesterId'>; replyToken: string; comment: StoredComment }

/**
 * Public comments with what an e-mail about each needs of its ticket, in one query, by comment id.
 * An internal note never matches, so it cannot be mailed by mistake.
 */
export async function findPublicReplies(tx: Tx, commentIds: readonly string[]): Promise<Map<string, PublicReply>> {
  if (commentIds.length === 0) return new Map();
  const rows = await tx.db.selectFrom('ticket_comments as c').innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .selectAll('c').select(['t.number as t_number', 't.subject as t_subject', 't.requester_id as t_requester', 't.reply_token as t_token'])
    .where('c.id', 'in', [...commentIds]).where('c.is_public', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.id, {
    ticket: { id: r.ticket_id, number: Number(r.t_number), subject: r.t_subject, requesterId: r.t_requester }, replyToken: r.t_token, comment: toComment(r),
  }]));
}

export async function commentByMessageId(tx: Tx, messageIds: string[]): Promise<StoredComment | undefined> {
  if (messageIds.length === 0) return undefined;
  const r = await tx.db.selectFrom('ticket_comments').selectAll().where('message_id', 'in', messageIds).orderBy('created_at').executeTakeFirst();
  return r ? toComment(r) : undefined;
}

export async function commentByDedupeKey(tx: Tx, key: string): Promise<StoredComment | undefined> {
  const r = await tx.db.selectFrom('ticket_comments').selectAll().where('dedupe_key', '=', key).executeTakeFirst();
  return r ? toComment(r) : undefined;
}

export interface TicketLink { id: string; sourceId: string; targetId: string; kind: string; createdAt: string; otherNumber?: number }

export async function insertLink(tx: Tx, sourceId: string, targetId: string, kind: string, by: string | null, at: Temporal.Instant): Promise<boolean> {
  const exists = await tx.db.selectFrom('ticket_links').select('id').where('source_id', '=', sourceId).where('target_id', '=', targetId).where('kind', '=', kind).executeTakeFirst();
  if (exists) return false;
  await tx.db.insertInto('ticket_links').values({ id: newId(), source_id: sourceId, target_id: targetId, kind, created_by: by, created_at: isoUtc(at) }).execute();
  return true;
}

export async function listLinks(tx: Tx, ticketId: string): Promise<TicketLink[]> {
  const rows = await tx.db.selectFrom('ticket_links as l')
    .innerJoin('tickets as s', 's.id', 'l.source_id').innerJoin('tickets as t', 't.id', 'l.target_id')
    .select(['l.id', 'l.source_id', 'l.target_id', 'l.kind', 'l.created_at', 's.number as source_number', 't.number as target_number'])
    .where((eb) => eb.or([eb('l.source_id', '=', ticketId), eb('l.target_id', '=', ticketId)]))
    .orderBy('l.created_at').execute();
  return rows.map((r) => ({
    id: r.id, sourceId: r.source_id, targetId: r.target_id, kind: r.kind, createdAt: r.created_at,
    otherNumber: Number(r.source_id === ticketId ? r.target_number : r.source_number),
  }));
}

// TK-2: attachment rows. The bytes live in `ticket_attachments` (blob/bytea); the comment keeps
// the metadata list so the ticket view shows attachments without reading any content.

export async function insertAttachments(tx: Tx, ticketId: string, commentId: string, at: Temporal.Instant, files: AttachmentUpload[]): Promise<AttachmentMeta[]> {
  const metas: AttachmentMeta[] = [];
  for (const f of files) {
    const content = Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength);
    const meta = { id: newId(), filename: f.filename, contentType: f.contentType, size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') };
    await tx.db.insertInto('ticket_attachments').values({
      id: meta.id, ticket_id: ticketId, comment_id: commentId, filename: meta.filename, content_type: meta.contentType,
      size: meta.size, sha256: meta.sha256, content, created_at: isoUtc(at),
    }).execute();
    metas.push(meta);
  }
  return metas;
}

export interface StoredAttachment extends Required<AttachmentMeta> { commentId: string; ticketId: string; isPublic: boolean; content: Buffer }

/**
 * One attachment of one ticket, found through its comment (merges move comments, so the comment
 * says which ticket it belongs to now). `publicOnly` is the customer view (TK-2), applied in SQL.
 */
export async function findAttachment(tx: Tx, ticketId: string, attachmentId: string, publicOnly: boolean): Promise<StoredAttachment | undefined> {
  let q = tx.db.selectFrom('ticket_attachments as a').innerJoin('ticket_comments as c', 'c.id', 'a.comment_id')
    .select(['a.id', 'a.comment_id', 'a.filename', 'a.content_type', 'a.size', 'a.sha256', 'a.content', 'c.ticket_id', 'c.is_public'])
    .where('a.id', '=', attachmentId).where('c.ticket_id', '=', ticketId);
  if (publicOnly) q = q.where('c.is_public', '=', 1);
  const r = await q.executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id, commentId: r.comment_id, ticketId: r.ticket_id, filename: r.filename, contentType: r.content_type, size: Number(r.size),
    sha256: r.sha256, isPublic: Number(r.is_public) === 1, content: Buffer.isBuffer(r.content) ? r.content : Buffer.from(r.content),
  };
}

/** SM-10: a ticket still owed its first public reply, due by `by`, with its requester's region and zone. */
export interface AwaitingFirstReply { id: string; number: number; dueAt: string; requesterRegion: string | null; requesterZone: string }

/** SM-10: open tickets without a first public reply whose running first-reply clock is due by `by`. */
export async function ticketsAwaitingFirstReply(tx: Tx, by: Temporal.Instant): Promise<AwaitingFirstReply[]> {
  const rows = await tx.db.selectFrom('tickets').innerJoin('users', 'users.id', 'tickets.requester_id')
    .select(['tickets.id', 'tickets.number', 'tickets.due_at', 'users.region', 'users.time_zone'])
    .where('tickets.stage', '=', 'first_reply').where('tickets.status', 'in', ['new', 'open']).where('tickets.merged_into_id', 'is', null)
    .where('tickets.due_at', 'is not', null).where('tickets.due_at', '<=', isoUtc(by))
    .orderBy('tickets.due_at').execute();
  return rows.map((r) => ({ id: r.id, number: Number(r.number), dueAt: (r.due_at as unknown) instanceof Date ? (r.due_at as unknown as Date).toISOString() : String(r.due_at), requesterRegion: r.region, requesterZone: r.time_zone }));
}
