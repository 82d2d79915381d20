// applyDecision against a real node (both engines): every part of a Decision lands through the
// owning capability's service, timers become replace-keyed jobs, and late firings say so.
import { listThread } from '../conversations/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { FakeClock } from '../kernel/clock.ts';
import { findPendingJob } from '../engine/jobs.ts';
import { findUser } from '../people/index.ts';
import { listPages } from '../paging/index.ts';
import { readTx, transact } from '../store/tx.ts';
import { listTimeline } from '../store/timeline.ts';
import { testEngines } from '../store/test-db.ts';
import { createTicket, getTicket } from '../tickets/index.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { applyDecision } from './service-apply-decision.ts';
import { DEFAULT_EMERGENCY_CONFIG as config } from './config.ts';
import { DecisionBuilder, timerKey } from './decision.ts';
import { findEmergency, listTicks, listRecords, listTimers } from './store.ts';

describe.each(testEngines())('applyDecision (%s)', (engine) => {
  let s: TestServer;
  const clock = new FakeClock('2026-11-24T17:00:00Z');
  const who: Record<string, Actor & { email: string }> = {};
  let undo: () => void;
  const ctx = () => s.hotline.ctx;

  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    for (const [k, email] of Object.entries({ alice: 'alice.nguyen', bruno: 'bruno.costa', tara: 'tara.brooks' })) {
      const u = (await findUser(readTx(ctx().db), { email: `${email}@example.com` }))!;
      who[k] = { kind: 'user', userId: u.id, role: u.role, organizationId: null, name: u.name, via: 'api', email: u.email };
    }
    ctx().ports.scheduleResolver = async (t) => (t.kind === 'group_dri' ? [who.alice.userId!] : t.kind === 'schedule' ? [who.tara.userId!] : [who.alice.userId!, who.bruno.userId!]);
    undo = () => void delete ctx().ports.scheduleResolver;
  }, 30_000);
  afterAll(async () => {
    undo?.();
    await s?.close();
  });

  async function emergencyTicket() {
    const r = await createTicket(ctx(), who.alice, { subject: 'Down', form: 'self_managed', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'down' } as never);
    return r.ticket;
  }

  it('WF-1: intake through the resolver pages the DRI on the rotation policy, opens the thread, ticks the runbook', async () => {
    const t = await emergencyTicket();
    const e = (await findEmergency(readTx(ctx().db), { ticketId: t.id }))!;
    expect(e.driUserId).toBe('alice.nguyen@example.com');
    const pages = (await listPages(ctx(), SYSTEM, {})).filter((p) => p.ticketId === t.id);
    expect(pages).toHaveLength(1);
    expect(pages[0].targetUserIds).toEqual([who.alice.userId]);
    expect(pages[0].escalationPolicyId).toBe('customer-emergencies');
    const ticks = (await listTicks(readTx(ctx().db), e.id)).map((x) => x.item);
    expect(ticks).toEqual(expect.arrayContaining(['thread_opened', 'entitlement_checked']));
  });

  it('applies ticket changes, comments, macro, page to a named engineer, thread, mention, timers, ticks, records, guards + one timeline entry', async () => {
    const t = await emergencyTicket();
    const d = new DecisionBuilder()
      .change(t.id, { addTags: ['x_test'], addCcs: ['zoe.adams@example.com'], assignee: 'bruno.costa@example.com' })
      .comment(t.id, 'internal', 'internal words')
      .comment(t.id, 'public', 'strict words', config.macros.strict)
      .page({ ticketId: t.id, target: { kind: 'rotation', id: 'customer-emergencies' }, assignTo: 'bruno.costa@example.com', title: `Emergency ticket ${t.number}`, reason: 'test' })
      .post({ ticketId: t.id, channel: '#c', mode: 'reply', text: 'hello thread' })
      .mention(t.id, '@support-team-emea', 'need help')
      .timer({ kind: 'silence-followup', key: timerKey(t.id, 'silence-followup'), ticketId: t.id, at: clock.now().add({ minutes: 15 }), onLate: 'fire' })
      .timer({ kind: 'silence-bridge-close', key: timerKey(t.id, 'silence-bridge-close'), ticketId: t.id, at: clock.now().add({ minutes: 30 }), onLate: 'fire' })
      .tick(t.id, 'qualified')
      .record({ kind: 'pairing', ticketId: t.id, label: 'pairing-customer_emergency', people: ['alice.nguyen@example.com'] })
      .record({ kind: 'guard', ticketId: t.id, guard: 'call_needs_manager', active: true })
      .build();
    const out = await transact(ctx().db, (tx) => applyDecision(ctx(), tx, who.alice, d, { cause: 'emergency.test', config }));
    // Cancels apply before sets within one decision; a later decision cancels by replace key.
    const cancel = new DecisionBuilder().cancel(timerKey(t.id, 'silence-bridge-close'), 'test').build();
    await transact(ctx().db, (tx) => applyDecision(ctx(), tx, who.alice, cancel, { cause: 'emergency.test_cancel', config }));
    const tx = readTx(ctx().db);
    const detail = await getTicket(ctx(), who.alice, t.id);
    expect(detail.ticket.tags).toEqual(expect.arrayContaining(['x_test', 'emergency_strict_definition']));
    expect(detail.ticket.assigneeId).toBe(who.bruno.userId);
    expect(detail.comments.filter((c) => c.body.includes('internal words'))).toHaveLength(1);
    expect(out.pageIds).toHaveLength(1);
    const page = (await listPages(ctx(), SYSTEM, {})).find((p) => p.id === out.pageIds[0])!;
    expect(page.targetUserIds).toEqual([who.bruno.userId]);
    const e = (await findEmergency(tx, { ticketId: t.id }))!;
    const thread = await listThread(tx, e.id);
    expect(thread.some((p) => p.text === 'hello thread' && p.kind === 'reply')).toBe(true);
    expect(thread.some((p) => p.kind === 'mention' && p.mentions[0] === '@support-team-emea')).toBe(true);
    expect(await findPendingJob(tx, timerKey(t.id, 'silence-followup'))).toBeTruthy();
    expect(await findPendingJob(tx, timerKey(t.id, 'silence-bridge-close'))).toBeFalsy();
    expect((await listTimers(tx, t.id)).map((x) => [x.kind, x.state])).toEqual([['silence-followup', 'pending'], ['silence-bridge-close', 'cancelled']]);
    expect((await listTicks(tx, e.id)).map((x) => x.item)).toContain('qualified');
    expect((await listRecords(tx, t.id)).map((r) => r.kind)).toContain('pairing');
    expect(e.guards).toEqual(['call_needs_manager']);
    const tl = await listTimeline(tx, 'emergency', e.id);
    expect(tl.filter((x) => x.action === 'emergency.test')).toHaveLength(1);
  });

  it('TIMER_LATE_POLICY: a follow-up claimed two hours late still goes out, and the thread marks it late', async () => {
    const t = await emergencyTicket();
    const d = new DecisionBuilder().timer({ kind: 'silence-followup', key: timerKey(t.id, 'silence-followup'), ticketId: t.id, at: clock.now().add({ minutes: 15 }), onLate: 'fire' }).build();
    await transact(ctx().db, (tx) => applyDecision(ctx(), tx, who.alice, d, { cause: 'emergency.test', config }));
    clock.advance({ hours: 2 });
    await ctx().jobs.drain();
    const tx = readTx(ctx().db);
    const e = (await findEmergency(tx, { ticketId: t.id }))!;
    const late = (await listThread(tx, e.id)).filter((p) => p.late);
    expect(late.length).toBeGreaterThan(0);
    expect(late[0].text).toContain('fired late');
    const detail = await getTicket(ctx(), who.alice, t.id);
    expect(detail.comments.some((c) => c.body.includes('minutes late'))).toBe(true);
    expect(detail.comments.filter((c) => c.body.includes('We have not heard back'))).toHaveLength(1);
  });
});
