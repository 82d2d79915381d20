// SM-4: the redirect — the standard, anonymous reply to an escalation attempted in an ordinary
// channel. Two doors: the redirect action on a Hotline thread entry (staff), and Slack's
// `:escalate:` reaction (Events API, verified in routes-redirect.ts). Each message is answered once:
// the redirect is remembered by the message (and Slack's event id), so another reaction, Slack's
// retries or a second node post nothing twice. The reply names nobody; who asked for it is on the
// timeline only.
import { addThreadEntry, findThreadEntry, queueMirror, type ThreadEntry } from '../conversations/index.ts';
import { enqueue } from '../engine/jobs.ts';
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { invalid, notFound } from '../kernel/errors.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { abandonedDeliveries, deliver, notifyConfig } from '../notify/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { redirectRefusal, redirectReplyText, type SlackEventAction } from './redirect.ts';
import type { EscalationSettings } from './settings.ts';
import { settingsOf, staffOnly } from './service-load.ts';

export const JOB_SLACK_REDIRECT = 'escalation.slack_redirect';

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** SM-4: post the redirect reply in the thread of Slack message `ts` in `channel`. */
    [JOB_SLACK_REDIRECT]: { channel: string; ts: string; text: string };
  }
}

const formUrlOf = (ctx: Ctx, s: EscalationSettings) => s.redirect.formUrl ?? `${notifyConfig(ctx).publicUrl}/escalations/new`;
const replyOf = (ctx: Ctx, s: EscalationSettings) => redirectReplyText(s.redirect, { formUrl: formUrlOf(ctx, s), channel: s.channel });

/** Remembers the redirect of one message; false when it was redirected already (or the event was seen). */
async function remember(tx: Tx, r: { key: string; source: 'hotline' | 'slack'; eventId: string | null; channel: string; actorId: string | null }, now: Temporal.Instant): Promise<boolean> {
  const res = await tx.db.insertInto('escalation_redirects')
    .values({ message_key: r.key, source: r.source, event_id: r.eventId, channel: r.channel, reply_entry_id: null, actor_user_id: r.actorId, created_at: isoUtc(now) })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface RedirectResult { redirected: boolean; reply: ThreadEntry | null }

/** SM-4 in Hotline: the redirect action on a thread entry posts the reply in the entry's thread and channel. */
export async function redirectThreadEntry(ctx: Ctx, actor: Actor, entryId: string, tx?: Tx): Promise<RedirectResult> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const found = await findThreadEntry(tx, entryId);
    if (!found) throw notFound('thread.entry_not_found', `No thread entry ${entryId}.`, { entry: entryId });
    const { entry, threadId } = found;
    const s = await settingsOf(tx);
    const refusal = redirectRefusal(entry, s.channel);
    if (refusal === 'escalations_channel') throw invalid('escalation.redirect_escalations_channel', `This entry is in ${s.channel}, where escalations are handled; a redirect is for ordinary channels.`, { channel: entry.channel });
    if (refusal === 'anonymous_entry') throw invalid('escalation.redirect_not_a_message', 'Only a message someone wrote can be redirected; this is a notice from Hotline.', { entry: entry.id });
    const now = ctx.clock.now();
    const key = `entry:${entry.id}`;
    if (!(await remember(tx, { key, source: 'hotline', eventId: null, channel: entry.channel, actorId: actor.userId }, now))) {
      const prior = await tx.db.selectFrom('escalation_redirects').select('reply_entry_id').where('message_key', '=', key).executeTakeFirst();
      const reply = prior?.reply_entry_id ? ((await findThreadEntry(tx, prior.reply_entry_id))?.entry ?? null) : null;
      return { redirected: false, reply };
    }
    // No author: the reply speaks for the process, not for whoever pressed the button.
    const reply = await addThreadEntry(tx, threadId, { ticketId: entry.ticketId, channel: entry.channel, kind: 'notice', author: null, text: replyOf(ctx, s), mentions: [], late: false }, now);
    await tx.db.updateTable('escalation_redirects').set({ reply_entry_id: reply.id }).where('message_key', '=', key).execute();
    await queueMirror(ctx, tx, entry.ticketId, now);
    await recordTimeline(tx, now, actor, { subjectType: 'thread_entry', subjectId: entry.id, action: 'escalation.redirected', detail: { channel: entry.channel, reply: reply.id } });
    return { redirected: true, reply };
  });
}

/** SM-4 from Slack: a verified `:escalate:` reaction; the reply is posted by a job (Slack wants its answer within 3 s). */
export async function redirectSlackMessage(ctx: Ctx, ev: Extract<SlackEventAction, { kind: 'redirect' }>): Promise<'queued' | 'duplicate'> {
  return withTx(ctx, undefined, async (tx) => {
    const now = ctx.clock.now();
    const key = `slack:${ev.channel}:${ev.ts}`;
    if (!(await remember(tx, { key, source: 'slack', eventId: ev.eventId, channel: ev.channel, actorId: null }, now))) return 'duplicate';
    const s = await settingsOf(tx);
    await enqueue(tx, now, { kind: JOB_SLACK_REDIRECT, runAt: now, key: `slack-redirect:${ev.channel}:${ev.ts}`, payload: { channel: ev.channel, ts: ev.ts, text: replyOf(ctx, s) } });
    await recordTimeline(tx, now, { ...SYSTEM, via: 'chat' }, { subjectType: 'chat_message', subjectId: key, action: 'escalation.redirected', detail: { channel: ev.channel, ts: ev.ts, slackUser: ev.user, event: ev.eventId } });
    return 'queued';
  });
}

export function registerRedirectJobs(ctx: Ctx): void {
  ctx.jobs.register(JOB_SLACK_REDIRECT, {
    whenLate: 'fire', // the attempt still deserves its answer after downtime
    mode: 'external',
    onAbandoned: abandonedDeliveries(ctx),
    handler: async (job) => {
      const { channel, ts, text } = job.payload;
      const r = await deliver(ctx, { key: `redirect:slack:${channel}:${ts}`, channel: 'slack', address: channel, subject: '', text, threadRef: ts, jobId: job.id });
      if (r.outcome === 'failed' && r.retryable) throw new Error(`Slack refused the redirect reply for now: ${r.error}`);
    },
  });
}
