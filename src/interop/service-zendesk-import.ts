// `hotline import zendesk`: organisations, people, ticket fields and tickets with their comments,
// page by page, each page and the stream's cursor in one transaction. An interrupted run goes on
// from the last committed page; a second run finds every record by its Zendesk id and changes
// nothing. Tickets are written as history (see importHistoricTickets: no events, SLA clocks,
// notifications or pages).
import type { Actor } from '../kernel/actor.ts';
import { isValidTimeZone, type Temporal } from '../kernel/time.ts';
import { createUser, findUser, saveOrganization } from '../people/index.ts';
import { transact, readTx, type Tx } from '../store/tx.ts';
import type { Ctx } from '../runtime/context.ts';
import { importHistoricTickets, type HistoricTicket } from '../tickets/index.ts';
import { CliError, EXIT } from '../cli/output.ts';
import type { ZendeskSource, ZdStream } from './adapter-zendesk.ts';
import { emailKey } from './people.ts';
import { addRef, allRefs, clearCursors, knownTickets, loadCursor, saveCursor } from './store-zendesk-import.ts';
import { fieldKeys, mapTicket, note, type Tally, type ZdComment, type ZdOrganization, type ZdTicket, type ZdUser } from './zendesk.ts';
import { hotlineRole } from './zendesk-fields.ts';

export const ZENDESK = 'zendesk';
const IMPORTER: Actor = { kind: 'system', userId: null, role: 'system', organizationId: null, name: 'Zendesk import', via: 'cli' };

export interface ZendeskProgress { stream: ZdStream; read: number; created: number; skipped: number; comments: number; elapsedMs: number }

export interface ZendeskImportOptions {
  /** Forget the saved cursors and read every stream from `startTime` again (what exists is still skipped). */
  restart?: boolean;
  /** Unix seconds: the export starts with what changed since (default 0, everything). */
  startTime?: number;
  /** The Hotline form every imported ticket gets (default: the workspace's first). */
  form?: string;
  /** Comment lists fetched at once (API). */
  concurrency?: number;
  progress?: (p: ZendeskProgress) => void;
  /** Wall time for the rate figure (the CLI's clock; tests pass theirs). */
  nowMs?: () => number;
}

export interface ZendeskSummary {
  source: 'zendesk';
  counts: Record<string, number>;
  approximated: { kind: string; count: number; how: string; examples: string[] }[];
  seconds: number;
  ticketsPerSecond: number;
}

export async function importZendesk(ctx: Ctx, src: ZendeskSource, o: ZendeskImportOptions = {}): Promise<ZendeskSummary> {
  const clock = o.nowMs ?? (() => performance.now());
  const t0 = clock();
  const counts: Record<string, number> = {
    organizations_created: 0, organizations_matched: 0, users_created: 0, users_matched: 0, ticket_fields: 0,
    tickets_created: 0, tickets_skipped: 0, tickets_not_imported: 0, comments: 0, internal_notes: 0,
  };
  const tally: Tally = {};
  if (o.restart) await transact(ctx.db, (tx) => clearCursors(tx, ZENDESK));
  const startTime = o.startTime ?? 0;
  const read = readTx(ctx.db);
  const orgs = await allRefs(read, ZENDESK, 'organization');
  const users = await allRefs(read, ZENDESK, 'user');
  const now = () => ctx.clock.now();

  // Organisations, then people (who belong to them), then tickets (which point at both).
  await eachPage(ctx, src, 'organizations', startTime, clock, t0, o.progress, async (tx, items: ZdOrganization[]) => {
    let created = 0;
    for (const z of items) {
      if (orgs.has(String(z.id))) continue;
      const name = (z.name ?? '').trim() || `Zendesk organization ${z.id}`;
      let r;
      try {
        r = await saveOrganization(ctx, IMPORTER, { name }, tx);
      } catch {
        r = await saveOrganization(ctx, IMPORTER, { name, slug: `zendesk-${z.id}` }, tx); // a name with no letter or digit
      }
      await addRef(tx, ZENDESK, 'organization', String(z.id), r.org.id, now());
      orgs.set(String(z.id), r.org.id);
      if (r.created) created++;
      counts[r.created ? 'organizations_created' : 'organizations_matched']++;
    }
    return { created, skipped: items.length - created };
  });

  await eachPage(ctx, src, 'users', startTime, clock, t0, o.progress, async (tx, items: ZdUser[]) => {
    let created = 0;
    for (const z of items) {
      if (users.has(String(z.id))) continue;
      const id = await person(ctx, tx, z, orgs, tally);
      if (!id) continue;
      users.set(String(z.id), id.id);
      await addRef(tx, ZENDESK, 'user', String(z.id), id.id, now());
      if (id.created) created++;
      counts[id.created ? 'users_created' : 'users_matched']++;
    }
    return { created, skipped: items.length - created };
  });

  const fields = fieldKeys(await src.fields());
  counts.ticket_fields = fields.size;
  const refs = {
    user: (id: number | null | undefined) => (id == null ? null : users.get(String(id)) ?? null),
    organization: (id: number | null | undefined) => (id == null ? null : orgs.get(String(id)) ?? null),
    fields,
  };
  await eachPage(ctx, src, 'tickets', startTime, clock, t0, o.progress, async (tx, items: ZdTicket[], comments: Map<number, ZdComment[]>) => {
    const batch: HistoricTicket[] = [];
    for (const t of items) {
      const h = mapTicket(t, comments.get(t.id) ?? [], refs, tally);
      if (h) batch.push(h);
      else counts.tickets_not_imported++;
    }
    const r = await importHistoricTickets(tx, now(), IMPORTER, ZENDESK, batch, { form: o.form });
    for (const d of r.dropped) note(tally, 'ticket_value', 'not a valid Hotline tag or field value: dropped', `#${d.externalId} ${d.what}`);
    counts.tickets_created += r.created;
    counts.tickets_skipped += r.skipped;
    counts.comments += r.comments;
    counts.internal_notes += r.internalNotes;
    return { created: r.created, skipped: r.skipped, comments: r.comments };
  }, async (items: ZdTicket[]) => {
    // Comments are read only for tickets not imported yet, outside the transaction (network time
    // must not hold the database's write lock).
    const known = await knownTickets(readTx(ctx.db), ZENDESK, items.map((t) => String(t.id)));
    const todo = items.filter((t) => !known.has(String(t.id)) && t.status !== 'deleted');
    const out = new Map<number, ZdComment[]>();
    let i = 0;
    const worker = async () => {
      while (i < todo.length) {
        const t = todo[i++];
        out.set(t.id, await src.comments(t.id));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 8) }, worker));
    return out;
  });

  const seconds = (clock() - t0) / 1000;
  return {
    source: 'zendesk', counts,
    approximated: Object.entries(tally).map(([kind, v]) => ({ kind, ...v })),
    seconds: Math.round(seconds * 100) / 100,
    ticketsPerSecond: seconds > 0 ? Math.round(counts.tickets_created / seconds) : 0,
  };
}

async function person(ctx: Ctx, tx: Tx, z: ZdUser, orgs: Map<string, string>, tally: Tally): Promise<{ id: string; created: boolean } | null> {
  const role = hotlineRole(z.role);
  let email = z.email ? emailKey(z.email) : '';
  if (!/^[^@]+@[^@]+\.[^@]+$/.test(email)) {
    // Hotline people are keyed by e-mail; one without (a phone or chat user) gets an address that can never receive mail.
    note(tally, 'user', 'no e-mail address: given zendesk-user-<id>@zendesk.invalid', `${z.name ?? ''} (${z.id})`);
    email = `zendesk-user-${z.id}@zendesk.invalid`;
  }
  const existing = await findUser(tx, { email });
  if (existing) return { id: existing.id, created: false };
  const organizationId = role === 'customer' && z.organization_id != null ? orgs.get(String(z.organization_id)) ?? null : null;
  const timeZone = z.iana_time_zone && isValidTimeZone(z.iana_time_zone) ? z.iana_time_zone : 'UTC';
  try {
    const u = await createUser(ctx, IMPORTER, { email, name: (z.name ?? '').trim() || email, role, timeZone, organizationId }, tx);
    return { id: u.id, created: true };
  } catch (e) {
    note(tally, 'user', `not imported: ${(e as Error).message}`, `${z.email ?? ''} (${z.id})`);
    return null;
  }
}

type PageResult = { created: number; skipped: number; comments?: number };

/**
 * One stream, page by page from its saved cursor: `prepare` reads what the page needs from
 * outside (comments), then `write` and the next cursor commit in one transaction.
 */
async function eachPage<T, P = undefined>(
  ctx: Ctx, src: ZendeskSource, stream: ZdStream, startTime: number, clock: () => number, t0: number,
  progress: ZendeskImportOptions['progress'],
  write: (tx: Tx, items: T[], prepared: P) => Promise<PageResult>,
  prepare?: (items: T[]) => Promise<P>,
): Promise<void> {
  const saved = await loadCursor(readTx(ctx.db), ZENDESK, stream);
  let from = saved?.next ?? null;
  const totals = { read: 0, created: 0, skipped: 0, comments: 0 };
  for (;;) {
    const page = await src.page(stream, from, startTime);
    if (!page) {
      // Nothing saved past a finished stream is "nothing new"; a gap in the middle is not.
      if (from === null || (saved?.endOfStream && from === saved.next)) return;
      throw new CliError(`Zendesk ${stream}: the page after cursor ${from} is missing; save it (see README, "Moving to Hotline") or give --restart.`, EXIT.usage);
    }
    const prepared = prepare ? await prepare(page.items as T[]) : (undefined as P);
    const r = await transact(ctx.db, async (tx) => {
      const res = await write(tx, page.items as T[], prepared);
      if (page.next !== null || page.endOfStream) await saveCursor(tx, ZENDESK, stream, { next: page.next ?? from, endOfStream: page.endOfStream }, ctx.clock.now());
      return res;
    });
    totals.read += page.items.length;
    totals.created += r.created;
    totals.skipped += r.skipped;
    totals.comments += r.comments ?? 0;
    progress?.({ stream, ...totals, elapsedMs: clock() - t0 });
    if (page.endOfStream || page.next === null || page.next === from) return;
    from = page.next;
  }
}
