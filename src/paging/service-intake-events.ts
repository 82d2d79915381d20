// Applying Events API v2 events to pages (PG-8): one at a time, and in bursts that share one
// transaction (group commit). Every event's effect is the one the dedup rules give it applied
// alone, in arrival order; a burst only saves commits and statements.
import type { Actor } from '../kernel/actor.ts';
import { isDomainError } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import type { Temporal } from '../kernel/time.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline, recordTimelines, type TimelineInput } from '../store/timeline.ts';
import { transact, type Tx } from '../store/tx.ts';
import { decideEvent, pageTitleFor, urgencyForSeverity, type NormalisedEvent } from './events-v2.ts';
import type { EventRateLimit } from './service-intake-limit.ts';
import { acknowledgePage, resolvePage, triggerPage } from './service.ts';
import { bumpOpenPageAlerts, bumpOpenPagesAlerts, findOpenPageByDedup, type Service } from './store.ts';

export const EVENTS_ACTOR: Actor = { kind: 'system', userId: null, role: 'system', organizationId: null, name: 'Events API', via: 'events' };

export interface EventOutcome {
  dedupKey: string;
  /** 'throttled': over its routing key's rate limit, not applied (a 429). */
  outcome: 'opened' | 'appended' | 'acknowledged' | 'resolved' | 'dropped' | 'refused' | 'throttled';
  pageId?: string;
  /** With 'throttled': ms until the key's window ends. */
  retryAfterMs?: number;
}

export interface IncomingEvent {
  service: Service;
  ev: NormalisedEvent;
}

const isUniqueViolation = (e: unknown) => /unique|23505/i.test(String((e as { code?: string }).code ?? '') + String((e as Error).message));

/** Applies one validated event to its service (PG-8 dedup rules); every outcome is a 202. */
export async function processEvent(ctx: Ctx, service: Service, ev: NormalisedEvent, tx?: Tx): Promise<EventOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTx(ctx, tx, async (tx) => {
        if (ev.action === 'trigger' && ev.dedupKey) {
          const now = ctx.clock.now();
          const bumped = await bumpOpenPageAlerts(tx, service.id, ev.dedupKey, now);
          if (bumped) {
            await recordTimeline(tx, now, EVENTS_ACTOR, appendedEntry(bumped.id, bumped.alertCount, bumped.status, ev));
            announce(ctx, tx, { type: 'page.changed', id: bumped.id });
            return { dedupKey: ev.dedupKey, outcome: 'appended', pageId: bumped.id };
          }
        }
        const open = ev.dedupKey ? await findOpenPageByDedup(tx, service.id, ev.dedupKey) : undefined;
        const d = decideEvent(ev, open ? { pageId: open.id, status: open.status as 'triggered' | 'acknowledged', routingKey: service.integrationKey } : null, newId());
        switch (d.kind) {
          case 'open_page':
          case 'append_alert': {
            const p = ev.payload!;
            const details = {
              source: p.source, severity: p.severity, component: p.component, group: p.group, class: p.class, customDetails: p.customDetails,
              client: ev.client, clientUrl: ev.clientUrl, links: ev.links, images: ev.images, warnings: ev.warnings, timestamp: p.timestamp?.toString() ?? null,
            };
            const r = await triggerPage(ctx, EVENTS_ACTOR, { serviceId: service.id, title: pageTitleFor(ev), dedupKey: d.dedupKey, urgency: urgencyForSeverity(p.severity), details, source: 'events' }, tx);
            return { dedupKey: d.dedupKey, outcome: r.created ? 'opened' : 'appended', pageId: r.page.id };
          }
          case 'acknowledge':
            await acknowledgePage(ctx, EVENTS_ACTOR, d.pageId, tx);
            return { dedupKey: d.dedupKey, outcome: 'acknowledged', pageId: d.pageId };
          case 'resolve':
            try {
              await resolvePage(ctx, EVENTS_ACTOR, d.pageId, {}, tx);
              return { dedupKey: d.dedupKey, outcome: 'resolved', pageId: d.pageId };
            } catch (e) {
              // a veto (PG-2) keeps the page open; the sender still gets 202 and the timeline says why
              if (!isDomainError(e) || e.kind !== 'conflict') throw e;
              await recordTimeline(tx, ctx.clock.now(), EVENTS_ACTOR, { subjectType: 'page', subjectId: d.pageId, action: 'page.note', detail: { message: `resolve event refused: ${e.message}`, code: e.code } });
              return { dedupKey: d.dedupKey, outcome: 'refused', pageId: d.pageId };
            }
          case 'drop':
            return { dedupKey: d.dedupKey, outcome: 'dropped' };
        }
      });
    } catch (e) {
      // two triggers racing for a new dedup key: the unique index lets one win, the other appends
      if (!isUniqueViolation(e) || attempt >= 2 || tx) throw e;
    }
  }
}

const appendedEntry = (pageId: string, alertCount: number, status: string, ev: NormalisedEvent): TimelineInput => ({
  subjectType: 'page', subjectId: pageId, action: 'page.alert_appended',
  detail: { alertCount, fromStatus: status, toStatus: status, summary: ev.payload?.summary },
});

/**
 * Repeat triggers (a dedup key with an open page) of a run of triggers: one UPDATE per service
 * and one INSERT of their timeline entries, instead of two statements each. Triggers are
 * commutative between keys and additive within one, so this is the sequential result; the
 * alert counts in the timeline are numbered in arrival order. Triggers whose key has no open page
 * go through processEvent in order: the first opens the page, the rest append to it.
 */
async function applyTriggerRun(ctx: Ctx, tx: Tx, now: Temporal.Instant, items: IncomingEvent[], run: number[], out: EventOutcome[]): Promise<void> {
  const byService = new Map<string, { service: Service; byKey: Map<string, number[]> }>();
  for (const i of run) {
    const { service, ev } = items[i];
    let s = byService.get(service.id);
    if (!s) byService.set(service.id, (s = { service, byKey: new Map() }));
    const list = s.byKey.get(ev.dedupKey!);
    if (list) list.push(i);
    else s.byKey.set(ev.dedupKey!, [i]);
  }
  const entries: TimelineInput[] = [];
  const opening: number[] = [];
  for (const { service, byKey } of byService.values()) {
    const bumped = await bumpOpenPagesAlerts(tx, service.id, new Map([...byKey].map(([k, idx]) => [k, idx.length])), now);
    for (const [key, idx] of byKey) {
      const page = bumped.get(key);
      if (!page) {
        opening.push(...idx);
        continue;
      }
      idx.forEach((i, j) => {
        entries.push(appendedEntry(page.id, page.alertCount - idx.length + j + 1, page.status, items[i].ev));
        out[i] = { dedupKey: key, outcome: 'appended', pageId: page.id };
      });
      announce(ctx, tx, { type: 'page.changed', id: page.id });
    }
  }
  await recordTimelines(tx, now, EVENTS_ACTOR, entries);
  for (const i of opening.sort((a, b) => a - b)) out[i] = await processEvent(ctx, items[i].service, items[i].ev, tx);
}

/**
 * Applies events in arrival order inside the caller's transaction. Runs of triggers with a dedup
 * key are applied together (applyTriggerRun); any other event ends the run and goes alone, so an
 * acknowledge or resolve sees exactly the triggers that came before it.
 */
export async function applyEvents(ctx: Ctx, tx: Tx, items: IncomingEvent[]): Promise<EventOutcome[]> {
  const out: EventOutcome[] = new Array(items.length);
  const now = ctx.clock.now();
  let run: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const { service, ev } = items[i];
    if (ev.action === 'trigger' && ev.dedupKey) {
      run.push(i);
      continue;
    }
    if (run.length) await applyTriggerRun(ctx, tx, now, items, run, out);
    run = [];
    out[i] = await processEvent(ctx, service, ev, tx);
  }
  if (run.length) await applyTriggerRun(ctx, tx, now, items, run, out);
  return out;
}

/**
 * Group commit: events that arrive while a transaction is running are applied together in the
 * next one, so a burst costs one commit instead of one per event, and each sender gets its 202
 * only once the shared commit is done. If anything in a batch fails, the batch rolled back as a
 * whole and each event is retried on its own, so one bad event never takes others down with it.
 */
export class EventBatcher {
  private queue: Array<IncomingEvent & { resolve: (o: EventOutcome) => void; reject: (e: unknown) => void }> = [];
  private running = false;
  private readonly maxBatch: number;
  private readonly limit: EventRateLimit | null;
  constructor(private readonly ctx: Ctx, opts: { limit?: EventRateLimit; maxBatch?: number } = {}) {
    this.maxBatch = opts.maxBatch ?? 200;
    this.limit = opts.limit ?? null;
  }

  submit(service: Service, ev: NormalisedEvent): Promise<EventOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ service, ev, resolve, reject });
      if (this.running) return;
      this.running = true;
      // start on the next turn of the event loop, so requests already read from the sockets in
      // this one join the first transaction instead of waiting for the next
      setImmediate(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length) {
        let batch = this.queue.splice(0, this.maxBatch);
        // PG-8: the batch is counted against its keys' limits once, before it is applied
        if (this.limit) {
          let waits: number[];
          try {
            waits = await this.limit.admit(batch.map((b) => b.ev.routingKey), this.ctx.clock.now().epochMilliseconds);
          } catch (e) {
            for (const b of batch) b.reject(e);
            continue;
          }
          batch.forEach((b, i) => { if (waits[i] > 0) b.resolve({ dedupKey: b.ev.dedupKey ?? '', outcome: 'throttled', retryAfterMs: waits[i] }); });
          batch = batch.filter((_, i) => waits[i] === 0);
          if (!batch.length) continue;
        }
        let results: EventOutcome[] | null = null;
        try {
          results = await transact(this.ctx.db, (tx) => applyEvents(this.ctx, tx, batch));
        } catch {
          results = null;
        }
        if (results) batch.forEach((b, i) => b.resolve(results![i]));
        else for (const b of batch) await processEvent(this.ctx, b.service, b.ev).then(b.resolve, b.reject);
      }
    } finally {
      this.running = false;
    }
  }
}
