// TK-5: bulk update as a durable job. The request is stored with its ticket list; the job works
// through it in chunks, each chunk committing its ticket changes, result rows and progress with
// the job's completion. A result row per (request, ticket) is the idempotency key: a node killed
// half way leaves the finished chunks done, and the restarted job skips them.
import type { Selectable } from 'kysely';
import { DomainError, forbidden, notFound } from '../kernel/errors.ts';
import { isStaff, type Actor } from '../kernel/actor.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { enqueue } from '../engine/jobs.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import { appendRow, type Tx } from '../store/tx.ts';
import type { BulkJobsTable } from '../store/schema.ts';
import { findOrganizations, findUsers } from '../people/index.ts';
import { planBulkUpdate, validateBulkRequest, type BulkLimits, type BulkUpdateRequest } from './bulk.ts';
import type { MacroContext } from './macro.ts';
import { commitChange } from './service.ts';
import { searchTickets } from './service-search.ts';
import { findTicketRecords, resolveTicketIds } from './store.ts';

export const BULK_JOB = 'tickets.bulk';

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** TK-5: the next chunk of a bulk update. */
    [BULK_JOB]: { jobId: string };
  }
}
/** A durable job may take more than one API call's worth; chunks keep each transaction short. */
export const BULK_LIMITS: BulkLimits = { maxTickets: 1000, maxBodyLength: 65_536 };
export const BULK_CHUNK = 100;

export interface BulkStartInput extends Omit<BulkUpdateRequest, 'id'> {
  id?: string;
  query?: string;
  ticketIds?: string[];
}

export interface BulkProgress {
  id: string;
  status: 'queued' | 'running' | 'done';
  total: number;
  /** Tickets processed so far (including failed ones). */
  done: number;
  failed: number;
  query: string | null;
  createdAt: string;
  finishedAt: string | null;
  results?: { ticketId: string; number: number; ok: boolean; unchanged: boolean; error: { code: string; message: string } | null }[];
}

function progress(r: Selectable<BulkJobsTable>): BulkProgress {
  return { id: r.id, status: r.status, total: Number(r.total), done: Number(r.done), failed: Number(r.failed), query: r.query, createdAt: r.created_at, finishedAt: r.finished_at ?? null };
}

export async function startBulkUpdate(ctx: Ctx, actor: Actor, input: BulkStartInput, tx?: Tx): Promise<BulkProgress> {
  if (!isStaff(actor)) throw forbidden('bulk.not_allowed', 'Only support staff run bulk updates.');
  const id = input.id ?? `bulk-${ctx.clock.now().epochMilliseconds}-${Math.floor(performance.now() * 1000) % 1_000_000}`;
  return withTx(ctx, tx, async (tx) => {
    const existing = await tx.db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (existing) return progress(existing); // a retried request: same job, never a second one
    let ids = input.ticketIds ?? [];
    if (input.query !== undefined) {
      const r = await searchTickets(ctx, actor, input.query, { limit: BULK_LIMITS.maxTickets }, tx);
      ids = r.tickets.map((t) => t.id);
      if (r.nextOffset !== null) ids.push('…more'); // makes validation report too many
    } else {
      // Ticket ids or numbers; unknown ones are an error now rather than a failed line later.
      ids = await resolveTicketIds(tx, ids);
    }
    const { query: _q, ticketIds: _t, ...rest } = input;
    const req: BulkUpdateRequest = { ...rest, id };
    ids = validateBulkRequest(req, ids, BULK_LIMITS);
    const now = ctx.clock.now();
    await tx.db.insertInto('bulk_jobs').values({
      id, request: JSON.stringify(req), actor: JSON.stringify(actor), query: input.query ?? null, ticket_ids: JSON.stringify(ids),
      status: 'queued', total: ids.length, done: 0, failed: 0, created_at: isoUtc(now), updated_at: isoUtc(now),
    }).execute();
    await recordTimeline(tx, now, actor, { subjectType: 'bulk_job', subjectId: id, action: 'bulk.started', detail: { total: ids.length, query: input.query ?? null } });
    await enqueue(tx, now, { kind: BULK_JOB, runAt: now, key: `bulk:${id}`, payload: { jobId: id } });
    return progress((await tx.db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
  });
}

/** One chunk of a bulk job; returns true when more remains (the caller re-enqueues). */
export async function runBulkChunk(ctx: Ctx, tx: Tx, jobId: string, now: Temporal.Instant, chunk = BULK_CHUNK): Promise<boolean> {
  const job = await tx.db.selectFrom('bulk_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!job || job.status === 'done') return false;
  const actor = JSON.parse(job.actor) as Actor;
  const req = JSON.parse(job.request) as BulkUpdateRequest;
  const all = JSON.parse(job.ticket_ids) as string[];
  const seen = new Set((await tx.db.selectFrom('bulk_results').select('ticket_id').where('job_id', '=', jobId).execute()).map((r) => r.ticket_id));
  const todo = all.filter((id) => !seen.has(id));
  const batch = todo.slice(0, chunk);
  const agent = { id: actor.userId ?? 'system', name: actor.name };
  const loaded = await findTicketRecords(tx, batch, true);
  const recs = batch.map((id) => loaded.get(id) ?? null);
  const people = new Map((await findUsers(tx, { ids: [...new Set(recs.flatMap((r) => (r ? [r.ticket.requesterId] : [])))] })).map((u) => [u.id, u]));
  const orgs = new Map((await findOrganizations(tx, { ids: [...new Set(recs.flatMap((r) => (r?.ticket.organizationId ? [r.ticket.organizationId] : [])))] })).map((o) => [o.id, o]));
  let done = 0;
  let failed = 0;
  for (const [i, id] of batch.entries()) {
    const rec = recs[i];
    let row: { ok: number; unchanged: number; code: string | null; message: string | null; number: number };
    if (!rec) {
      row = { ok: 0, unchanged: 0, code: 'ticket.not_found', message: 'The ticket no longer exists.', number: 0 };
    } else {
      const requester = people.get(rec.ticket.requesterId);
      const org = rec.ticket.organizationId ? orgs.get(rec.ticket.organizationId) : undefined;
      const template: MacroContext = { agent, requester: requester ? { name: requester.name, email: requester.email } : null, organization: org ? { name: org.name } : null };
      const plan = planBulkUpdate(rec.ticket, req, { at: now, template });
      if (!plan.ok) {
        row = { ok: 0, unchanged: 0, code: plan.error.code, message: plan.error.message, number: rec.ticket.number };
      } else {
        try {
          await commitChange(ctx, tx, actor, rec, {
            changes: plan.changes, comments: plan.comments.map((c, k) => ({ body: c.body, isPublic: c.public, dedupeKey: `${plan.key}:${k}` })),
            action: 'ticket.bulk_updated', detail: { bulkId: jobId },
          });
          row = { ok: 1, unchanged: plan.unchanged ? 1 : 0, code: null, message: null, number: rec.ticket.number };
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          row = { ok: 0, unchanged: 0, code: e.code, message: e.message, number: rec.ticket.number };
        }
      }
    }
    done++; // processed, successfully or not
    if (!row.ok) failed++;
    await appendRow(tx, 'bulk_results', { job_id: jobId, ticket_id: id, ...row, at: isoUtc(now) });
  }
  const more = todo.length > batch.length;
  await tx.db.updateTable('bulk_jobs').set({
    done: Number(job.done) + done, failed: Number(job.failed) + failed, status: more ? 'running' : 'done',
    updated_at: isoUtc(now), finished_at: more ? null : isoUtc(now),
  }).where('id', '=', jobId).execute();
  if (!more) await recordTimeline(tx, now, actor, { subjectType: 'bulk_job', subjectId: jobId, action: 'bulk.finished', detail: { done: Number(job.done) + done, failed: Number(job.failed) + failed } });
  announce(ctx, tx, { type: 'bulk.progress', id: jobId });
  return more;
}

export async function getBulkUpdate(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<BulkProgress> {
  if (!isStaff(actor)) throw forbidden('bulk.not_allowed', 'Only support staff see bulk updates.');
  return withTx(ctx, tx, async (tx) => {
    const job = await tx.db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!job) throw notFound('bulk.not_found', `No bulk update "${id}".`, { id });
    const rows = await tx.db.selectFrom('bulk_results').selectAll().where('job_id', '=', id).orderBy('number').execute();
    return {
      ...progress(job),
      results: rows.map((r) => ({ ticketId: r.ticket_id, number: Number(r.number), ok: Number(r.ok) === 1, unchanged: Number(r.unchanged) === 1, error: r.code ? { code: r.code, message: r.message ?? '' } : null })),
    };
  });
}
