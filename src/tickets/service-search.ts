// TK-4 / TK-8: search and saved views. The viewer decides what can match: customers their own
// organisation's tickets and public comments only; emergencies leave the general views unless
// the viewer is a manager/admin, the assignee, or on call.
import type { Actor } from '../kernel/actor.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { isOnCall } from './service-hooks.ts';
import { personRefs, parseSearchQuery, type PersonField, type SearchQuery } from './search-query.ts';
import { checkCustomerQuery, searchCountQuery, searchTicketsQuery, type SearchViewer } from './search-compile.ts';
import { hydrate } from './store.ts';
import { loadTicketSettings } from './service-settings.ts';
import { ticketView } from './service.ts';
import type { Ticket } from './ticket.ts';

export async function viewerFor(ctx: Ctx, tx: Tx, actor: Actor, now = undefined as import('../kernel/time.ts').Temporal.Instant | undefined): Promise<SearchViewer> {
  const userId = actor.userId ?? 'system';
  if (actor.role === 'customer') return { userId, role: 'customer', organizationId: actor.organizationId };
  if (actor.role === 'admin' || actor.role === 'system') return { userId, role: 'admin', organizationId: null, seesEmergencies: true };
  if (actor.role === 'manager') return { userId, role: 'manager', organizationId: null, seesEmergencies: true };
  const onCall = now && actor.userId ? await isOnCall(ctx, tx, actor.userId, now) : false;
  return { userId, role: 'agent', organizationId: null, seesEmergencies: onCall };
}

/** `assignee:alice@example.com`, `organization:"Acme Robotics"` → ids (unknown → matches nothing). */
async function resolveRefs(tx: Tx, q: SearchQuery): Promise<(field: PersonField, ref: string) => string | null> {
  const map = new Map<string, string | null>();
  for (const { field, ref } of personRefs(q)) {
    let id: string | null = null;
    if (field === 'organization') {
      const r = await tx.db.selectFrom('organizations').select('id').where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref.toLowerCase()), eb(eb.fn('lower', ['name']), '=', ref.toLowerCase())])).executeTakeFirst();
      id = r?.id ?? null;
    } else {
      const r = await tx.db.selectFrom('users').select('id').where((eb) => eb.or([eb('id', '=', ref), eb('email', '=', ref.toLowerCase()), eb(eb.fn('lower', ['name']), '=', ref.toLowerCase())])).executeTakeFirst();
      id = r?.id ?? null;
    }
    map.set(`${field}:${ref}`, id);
  }
  return (field, ref) => map.get(`${field}:${ref}`) ?? null;
}

export interface SearchOptions { limit?: number; offset?: number; count?: boolean }
export interface SearchResult { items: Record<string, unknown>[]; total: number | null; nextOffset: number | null }

export const MAX_PAGE = 200;

export async function searchTickets(ctx: Ctx, actor: Actor, q: string, opts: SearchOptions = {}, tx?: Tx): Promise<SearchResult & { tickets: Ticket[] }> {
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const query = parseSearchQuery(q, { now, forms: (await loadTicketSettings(tx)).ticket.forms });
    const viewer = await viewerFor(ctx, tx, actor, now);
    if (viewer.role === 'customer') checkCustomerQuery(query);
    const resolve = await resolveRefs(tx, query);
    const limit = Math.min(Math.max(opts.limit ?? 25, 1), MAX_PAGE);
    const offset = Math.max(opts.offset ?? 0, 0);
    const rows = await searchTicketsQuery(tx.db, query, { viewer, resolve }).limit(limit + 1).offset(offset).execute();
    const tickets = await hydrate(tx, rows.slice(0, limit));
    let total: number | null = null;
    if (opts.count) total = Number((await searchCountQuery(tx.db, query, { viewer, resolve }).executeTakeFirstOrThrow()).count);
    return { tickets, items: tickets.map((t) => ticketView(t, actor)), total, nextOffset: rows.length > limit ? offset + limit : null };
  });
}

export interface SavedView { id: string; title: string; query: string; staffOnly: boolean }

/** Saved searches (TK-4, TK-8); the queue views leave emergencies to those who may see them. */
export const DEFAULT_VIEWS: SavedView[] = [
  { id: 'my-unsolved', title: 'My unsolved tickets', query: 'assignee:me status<solved order_by:updated_at', staffOnly: true },
  { id: 'unassigned', title: 'Unassigned tickets', query: 'assignee:none status<solved order_by:created_at sort:asc', staffOnly: true },
  { id: 'emergencies', title: 'Open emergencies', query: 'emergency:true status<solved order_by:created_at', staffOnly: true },
  { id: 'first-reply-due', title: 'First reply due', query: 'stage:first_reply status<solved has:due order_by:created_at sort:asc', staffOnly: true },
  { id: 'needs-organization', title: 'Needs organisation', query: 'no:organization status<solved order_by:created_at', staffOnly: true },
  { id: 'recently-solved', title: 'Recently solved', query: 'status:solved solved>7days order_by:updated_at', staffOnly: true },
  { id: 'my-organization', title: 'My organisation\'s open requests', query: 'status<solved order_by:updated_at', staffOnly: false },
];

export async function listViews(ctx: Ctx, actor: Actor, tx?: Tx): Promise<(SavedView & { count: number })[]> {
  const customer = actor.role === 'customer';
  const out: (SavedView & { count: number })[] = [];
  for (const v of DEFAULT_VIEWS.filter((v) => v.staffOnly !== customer)) {
    const r = await searchTickets(ctx, actor, v.query, { limit: 1, count: true }, tx);
    out.push({ ...v, count: r.total ?? 0 });
  }
  return out;
}
