// The paging job kinds: the escalation timer (PG-3, transactional, fires late after downtime and
// says so), notification deliveries (PG-6, external, at-least-once with the delivery key as
// idempotency key) and the end of a maintenance window (PG-7).
import { SYSTEM } from '../kernel/actor.ts';
import { isDomainError } from '../kernel/errors.ts';
import { newSecret } from '../kernel/ids.ts';
import type { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { enqueue } from '../engine/jobs.ts';
import { readTx, type Tx } from '../store/tx.ts';
import { recordTimeline } from '../store/timeline.ts';
import { abandonedDeliveries, channelForContact, deliver, notifyConfig } from '../notify/index.ts';
import { isDeliveryStillWanted } from './page.ts';
import { DEFAULT_PAGE_STATUS_MEANINGS, type Page } from './page.ts';
import { createActionToken, DEFAULT_ACTION_LINK_TTL_MINUTES, smsReplyHint, type LinkAction } from './signing.ts';
import { holdDecision, planRelease } from './silence.ts';
import { escalatePage } from './service.ts';
import { JOB_ESCALATE, JOB_NOTIFY, JOB_RELEASE, armTimer, writeChange } from './service-core.ts';
import { findPage, findPages, findService, findWindows, settingOrCreate, updatePage } from './store.ts';

const LATE_ESCALATION = { ...SYSTEM, name: 'Escalation timer' };

export function registerPagingJobs(ctx: Ctx): void {
  ctx.jobs.register(JOB_ESCALATE, {
    whenLate: 'fire', // escalating late beats not escalating
    mode: 'transactional',
    handler: async (job, { tx, now }) => {
      const page = await findPage(tx, { id: job.payload.pageId }, { forUpdate: true });
      if (!page || page.status !== 'triggered' || page.escalationLevel !== job.payload.fromLevel || page.heldUntil) return;
      const hold = holdDecision(page.serviceId, await findWindows(tx, { endingAfter: now }), now);
      if (hold.hold) {
        await updatePage(tx, { ...page, heldUntil: hold.until }, now);
        await recordTimeline(tx, now, SYSTEM, { subjectType: 'page', subjectId: page.id, action: 'page.note', detail: { message: `escalation held by maintenance until ${hold.until.toString()}` } });
        await enqueue(tx, now, { kind: JOB_RELEASE, runAt: hold.until, key: hold.releaseKey, payload: { serviceId: page.serviceId } });
        return;
      }
      try {
        await escalatePage(ctx, LATE_ESCALATION, page.id, { reason: 'timeout', fromLevel: job.payload.fromLevel }, tx);
      } catch (e) {
        if (isDomainError(e) && e.kind === 'conflict') return; // stale or exhausted: nothing to do
        throw e;
      }
      if (job.late) {
        await recordTimeline(tx, now, SYSTEM, {
          subjectType: 'page', subjectId: page.id, action: 'page.escalation_late',
          detail: { late: true, lateByMs: job.lateByMs, dueAt: job.runAt.toString(), message: `escalation fired ${Math.round(job.lateByMs / 1000)} s late (the node was down)` },
        });
      }
    },
  });

  ctx.jobs.register(JOB_NOTIFY, {
    whenLate: 'fire',
    mode: 'external',
    onAbandoned: abandonedDeliveries(ctx),
    handler: async (job) => {
      const p = job.payload;
      const tx = readTx(ctx.db);
      const page = await findPage(tx, { id: p.pageId });
      // a page acknowledged or resolved meanwhile: nobody is called after the fact
      if (!page || !isDeliveryStillWanted(page.status) || page.heldUntil) return;
      const content = await pageMessage(ctx, tx, page, p.userId, p.method);
      await deliver(ctx, { key: p.key, channel: channelForContact(p.method), address: p.address, pageId: page.id, userId: p.userId, jobId: job.id, threadKey: `page:${page.id}`, link: `/pages/${page.number}`, ...content });
    },
  });

  ctx.jobs.register(JOB_RELEASE, {
    whenLate: 'fire', // a late release still releases: the pages are open and someone must hear of them
    mode: 'transactional',
    handler: async (job, { tx, now }) => {
      const serviceId = job.payload.serviceId;
      const held = await findPages(tx, { heldForService: serviceId, limit: 1000 });
      const steps = planRelease(serviceId, held, await findWindows(tx), now);
      for (const step of steps) {
        const page = held.find((p) => p.id === step.pageId)!;
        if (step.action === 'still_held') {
          await updatePage(tx, { ...page, heldUntil: step.until }, now);
            await enqueue(tx, now, { kind: JOB_RELEASE, runAt: step.until, key: job.key ?? undefined, payload: { serviceId } });
          continue;
        }
        const released = { ...page, heldUntil: null, levelStartedAt: step.action === 'start_escalation' ? now : page.levelStartedAt };
        if (step.action === 'start_escalation') {
          await writeChange(ctx, tx, SYSTEM, released, [], { notify: [...page.targetUserIds, ...page.shadowUserIds], notes: ['maintenance window ended: notifying and escalating'] });
        } else {
          await updatePage(tx, released, now);
          await armTimer(ctx, tx, released, now);
        }
      }
    },
  });
}

/** The action-link secret: HOTLINE_ACTION_SECRET, else one generated once per installation. */
export async function actionSecrets(ctx: Ctx, tx: Tx): Promise<string[]> {
  const configured = notifyConfig(ctx).actionSecret;
  return configured ? [configured] : [await settingOrCreate(tx, 'action_secret', () => newSecret(32))];
}

export function actionLink(base: string, secret: string, pageId: string, userId: string, action: LinkAction, now: Temporal.Instant): string {
  const token = createActionToken({ pageId, userId, action, expiresAt: now.add({ minutes: DEFAULT_ACTION_LINK_TTL_MINUTES }) }, secret);
  return `${base}/api/v1/page-action-links/${token}`;
}

async function pageMessage(ctx: Ctx, tx: Tx, page: Page, userId: string, method: string) {
  const cfg = notifyConfig(ctx);
  const [secret] = await actionSecrets(ctx, tx);
  const now = ctx.clock.now();
  const service = await findService(tx, { id: page.serviceId });
  const subject = `[Hotline] Page #${page.number}: ${page.title}`;
  const lines = [
    `${page.urgency === 'high' ? 'High' : 'Low'}-urgency page on ${service?.name ?? 'a service'}: ${page.title}`,
    DEFAULT_PAGE_STATUS_MEANINGS.triggered + '.',
    `${cfg.publicUrl}/pages/${page.number}`,
  ];
  if (method === 'sms') lines.push(smsReplyHint(page.number));
  const actions = (['acknowledge', 'resolve', 'escalate'] as const).map((a) => ({
    label: a[0].toUpperCase() + a.slice(1),
    url: actionLink(cfg.publicUrl, secret, page.id, userId, a, now),
  }));
  return { subject, text: lines.join('\n'), actions: method === 'voice' || method === 'browser' ? undefined : actions };
}
