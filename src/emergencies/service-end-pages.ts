// WF-9 with PG-1/PG-2: whatever ends an emergency — the resolve action, a licence path, a downgrade,
// a plain status change, a merge, an incident's bulk response — ends its pages in the same change,
// so nobody is paged and no level escalates for an emergency the board shows as over. Each page's
// timeline says why. A page whose customer never got a public reply is still closed (it must stop
// escalating) but its timeline says it was not an engagement, so PG-1's "resolved" is not claimed.
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { endPageWithSubject, listPages } from '../paging/index.ts';
import { findUsers } from '../people/index.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { listComments } from '../tickets/index.ts';
import { emergencyEndedReason, type EmergencyEnding } from './resolution.ts';
import { openingCommentId, type Emergency } from './store.ts';

const ENDED_BY: Actor = { ...SYSTEM, name: 'Emergency ended' };

/** PG-2's question: did a person on our side ever reply publicly on the ticket? */
async function customerEngaged(tx: Tx, em: Emergency): Promise<boolean> {
  if (em.firstPublicReplyAt) return true;
  // The emergency's own count misses a reply written in the change that ended it (a bulk response
  // solves and replies at once; a downgrade replies after the emergency is marked over): read the
  // ticket. The description a person typed when opening the ticket for the customer is no reply.
  const opened = await openingCommentId(tx, em.ticketId);
  const authors = [...new Set((await listComments(tx, em.ticketId, true)).flatMap((c) => (c.authorId && c.id !== opened ? [c.authorId] : [])))];
  if (!authors.length) return false;
  return (await findUsers(tx, { ids: authors })).some((u) => u.role !== 'customer');
}

/**
 * Ends the open pages of this emergency's ticket, then the page of its incident once every
 * related emergency is over. Idempotent: resolved pages are left as they are.
 */
export async function endEmergencyPages(ctx: Ctx, tx: Tx, em: Emergency, how: Omit<EmergencyEnding, 'incident'>): Promise<void> {
  const incidents = ctx.ports.incidentGrouping;
  const incident = incidents ? await incidents.incidentOf(tx, em.ticketId) : null;
  const reason = emergencyEndedReason({ ...how, incident: incident?.number ?? null });
  const pages = await listPages(ctx, SYSTEM, { ticketId: em.ticketId, status: 'open', limit: 1000 }, tx);
  if (pages.length) {
    const engaged = await customerEngaged(tx, em);
    for (const p of pages) await endPageWithSubject(ctx, ENDED_BY, p.id, { reason, engaged }, tx);
  }
  // WF-10/PG-7: the incident's one page stood for its grouped emergencies; it ends with the last of them.
  if (incident?.related) await incidents!.afterEmergencyEnded(ctx, tx, em, reason);
}
