// PG-8: change events as use cases: keep one on its service's timeline, list a service's changes,
// and find the changes of the hour before a page was triggered.
import { isStaff, type Actor } from '../kernel/actor.ts';
import { notFound } from '../kernel/errors.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import { readTx, transact, type Tx } from '../store/tx.ts';
import { changeWindowFor, type ChangeEvent, type RecordedChange } from './change-event.ts';
import type { Page } from './page.ts';
import { findService, type Service } from './store.ts';
import { CHANGE_ACTION, findChanges } from './service-change-queries.ts';

export const CHANGE_EVENTS_ACTOR: Actor = { kind: 'system', userId: null, role: 'system', organizationId: null, name: 'Change Events API', via: 'events' };

/** How many changes a page shows: a deploy train can send many in an hour; the newest matter most. */
const PAGE_CHANGES_LIMIT = 20;

/** Keeps a change on its service's timeline. It pages nobody. */
export async function recordChange(ctx: Ctx, service: Service, change: ChangeEvent): Promise<void> {
  await transact(ctx.db, (tx) =>
    recordTimeline(tx, ctx.clock.now(), CHANGE_EVENTS_ACTOR, {
      subjectType: 'service', subjectId: service.id, action: CHANGE_ACTION,
      detail: { summary: change.summary, source: change.source, timestamp: change.timestamp, customDetails: change.customDetails, links: change.links, ...(change.warnings.length ? { warnings: change.warnings } : {}) },
    }),
  );
}

/** A service's changes, newest first (staff only: customers never see services). */
export async function listServiceChanges(ctx: Ctx, actor: Actor, serviceId: string, limit: number): Promise<RecordedChange[]> {
  if (!isStaff(actor)) throw notFound('service.not_found', `No service ${serviceId}.`);
  const tx = readTx(ctx.db);
  if (!(await findService(tx, { id: serviceId }))) throw notFound('service.not_found', `No service ${serviceId}; GET /api/v1/services lists them.`);
  return findChanges(tx, serviceId, { limit });
}

/** "What changed just before this broke": the page's service's changes in the hour up to its trigger. */
export async function changesBeforePage(ctx: Ctx, page: Pick<Page, 'serviceId' | 'triggeredAt'>, tx?: Tx): Promise<RecordedChange[]> {
  return withTx(ctx, tx, (tx) => findChanges(tx, page.serviceId, { ...changeWindowFor(page.triggeredAt), limit: PAGE_CHANGES_LIMIT }));
}
