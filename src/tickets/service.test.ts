// Ticket use cases against a real database on every engine: numbering, audit diffs, optimistic
// concurrency, comments and the SLA breach timer, hooks inside the transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../kernel/actor.ts';
import { listTimeline } from '../store/timeline.ts';
import { readTx } from '../store/tx.ts';
import { testEngines } from '../store/test-db.ts';
import { findPendingJob } from '../engine/jobs.ts';
import { count, openKit, type Kit } from '../../test/tickets/kit.ts';
import { addComment, createTicket, getTicket, slaJobKey, updateTicket } from './service.ts';
import { TICKET_EVENT_TYPES, type TicketEvent } from './service-hooks.ts';
import { findTicketRecord } from './store.ts';

describe.each(testEngines())('ticket service on %s', (engine) => {
  let k: Kit;
  beforeAll(async () => { k = await openKit(engine); });
  afterAll(async () => k?.close());

  it('TK-1: numbers are sequential per workspace and every field lands in the audit entry', async () => {
    const a = await createTicket(k.ctx, k.as.engineer, { subject: 'Backups fail', form: 'self_managed', requesterId: k.as.rita.userId!, tags: ['Backup'] });
    const b = await createTicket(k.ctx, k.as.engineer, { subject: 'Login slow', form: 'saas', requesterEmail: 'gina@example.com' });
    expect(b.ticket.number).toBe(a.ticket.number + 1);
    expect(a.ticket.organizationId).toBe(k.orgs.acme);
    expect(a.ticket.tags).toEqual(['backup']);
    const tl = await listTimeline(readTx(k.ctx.db), 'ticket', a.ticket.id);
    const created = tl.find((e) => e.action === 'ticket.created')!;
    expect(created.detail.changes).toEqual(expect.arrayContaining([{ field: 'subject', from: null, to: 'Backups fail' }, { field: 'tags', from: null, to: ['backup'] }]));
  });

  it('TK-1: concurrent creators on one counter never share a number', async () => {
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => createTicket(k.ctx, k.as.engineer, { subject: `Parallel ${i}`, form: 'saas', requesterId: k.as.rita.userId! })));
    const numbers = made.map((m) => m.ticket.number);
    expect(new Set(numbers).size).toBe(8);
  });

  it('TK-1: a stale version is refused with ticket.version_conflict and nothing is written', async () => {
    const { ticket } = await createTicket(k.ctx, k.as.engineer, { subject: 'Disk full', form: 'self_managed', requesterId: k.as.rita.userId! });
    const r = await updateTicket(k.ctx, k.as.engineer, ticket.id, { changes: { priority: 'high', tags: { add: ['disk'] } }, expectedVersion: 1 });
    expect(r.ticket.version).toBe(2);
    expect(r.diff.map((d) => d.field)).toEqual(['priority', 'tags']);
    const before = await count(k.ctx, 'timeline');
    await expect(updateTicket(k.ctx, k.as.engineer2, ticket.id, { changes: { priority: 'low' }, expectedVersion: 1 })).rejects.toMatchObject({ code: 'ticket.version_conflict' });
    expect(await count(k.ctx, 'timeline')).toBe(before);
    const tl = await listTimeline(readTx(k.ctx.db), 'ticket', ticket.id);
    expect(tl.find((e) => e.action === 'ticket.updated')!.detail.changes).toEqual(expect.arrayContaining([{ field: 'priority', from: 'normal', to: 'high' }]));
  });

  it('TK-1: two editors racing on one version — exactly one wins, the other gets a conflict', async () => {
    const { ticket } = await createTicket(k.ctx, k.as.engineer, { subject: 'Race', form: 'saas', requesterId: k.as.rita.userId! });
    const results = await Promise.allSettled([
      updateTicket(k.ctx, k.as.engineer, ticket.id, { changes: { priority: 'high' }, expectedVersion: 1 }),
      updateTicket(k.ctx, k.as.engineer2, ticket.id, { changes: { priority: 'low' }, expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.code).toBe('ticket.version_conflict');
    expect((await getTicket(k.ctx, k.as.engineer, ticket.id)).ticket.version).toBe(2);
  });

  it('TK-2: customers never see internal notes, nor tickets of another organisation', async () => {
    const { ticket } = await createTicket(k.ctx, k.as.rita, { subject: 'Our runner is stuck', form: 'self_managed', description: 'Help please' });
    await addComment(k.ctx, k.as.engineer, ticket.id, { body: 'Customer is on an old version — SECRET', isPublic: false });
    await addComment(k.ctx, k.as.engineer, ticket.id, { body: 'Please upgrade to 17.5.', isPublic: true });
    const staff = await getTicket(k.ctx, k.as.engineer, String(ticket.number));
    expect(staff.comments).toHaveLength(3);
    const colleague = await getTicket(k.ctx, k.as.ravi, ticket.id);
    expect(colleague.comments.map((c) => c.body)).toEqual(['Help please', 'Please upgrade to 17.5.']);
    expect(JSON.stringify(colleague)).not.toContain('SECRET');
    await expect(getTicket(k.ctx, k.as.gina, ticket.id)).rejects.toMatchObject({ code: 'ticket.not_found' });
    await expect(addComment(k.ctx, k.as.rita, ticket.id, { body: 'psst', isPublic: false })).rejects.toMatchObject({ code: 'comment.internal_by_customer' });
  });

  it('TK-7: a staff public reply fulfils first reply and re-arms the clock; the breach is recorded when the timer fires', async () => {
    const { ticket } = await createTicket(k.ctx, k.as.rita, { subject: 'Prod down', form: 'self_managed', priority: 'urgent', description: 'Everything is down' });
    expect(ticket.isEmergency).toBe(true);
    const tx = readTx(k.ctx.db);
    const job1 = await findPendingJob(tx, slaJobKey(ticket.id));
    expect(job1!.run_at).toBe('2026-11-23T09:30:00.000Z');
    k.clock.advance({ minutes: 10 });
    const r = await addComment(k.ctx, k.as.engineer, ticket.id, { body: 'On it.', isPublic: true });
    expect(r.ticket.status).toBe('open');
    expect(r.ticket.stage).toBe('next_reply');
    const job2 = await findPendingJob(tx, slaJobKey(ticket.id));
    expect(job2!.run_at).toBe('2026-11-23T09:40:00.000Z'); // emergency next reply: 30 min after the reply
    k.clock.advance({ minutes: 29 });
    await k.ctx.jobs.drain();
    expect((await findTicketRecord(tx, { id: ticket.id }))!.slaBreachedAt).toBeNull();
    k.clock.advance({ minutes: 2 });
    await k.ctx.jobs.drain();
    const rec = await findTicketRecord(tx, { id: ticket.id });
    expect(rec!.slaBreachedAt).not.toBeNull();
    const tl = await listTimeline(tx, 'ticket', ticket.id);
    expect(tl.filter((e) => e.action === 'sla.breached')).toHaveLength(1);
    expect(tl.find((e) => e.action === 'sla.fulfilled')!.detail).toMatchObject({ metric: 'first_reply', breached: false });
  });

  it('TK-7: a public message by Hotline itself (an auto-reply) neither fulfils nor re-arms the first-reply target', async () => {
    const { ticket } = await createTicket(k.ctx, k.as.rita, { subject: 'Runner offline', form: 'self_managed', priority: 'high', description: 'Runners stopped' });
    const tx = readTx(k.ctx.db);
    const due = (await findPendingJob(tx, slaJobKey(ticket.id)))!.run_at;
    k.clock.advance({ minutes: 5 });
    await addComment(k.ctx, SYSTEM, ticket.id, { body: 'We received your request.', isPublic: true });
    expect((await findPendingJob(tx, slaJobKey(ticket.id)))!.run_at).toBe(due);
    const view = await getTicket(k.ctx, k.as.engineer, ticket.id);
    expect([view.sla?.metric, view.sla?.state, view.ticket.stage]).toEqual(['first_reply', 'running', 'first_reply']);
    expect((await listTimeline(tx, 'ticket', ticket.id)).some((e) => e.action === 'sla.fulfilled')).toBe(false);
  });

  it('hooks run inside the transaction: a failing subscriber rolls the change back', async () => {
    const seen: TicketEvent['type'][] = [];
    const offs = TICKET_EVENT_TYPES.map((type) => k.ctx.events.subscribe(type, (_ctx, _tx, e) => { seen.push(e.type); }));
    const off1 = () => offs.forEach((off) => off());
    const { ticket } = await createTicket(k.ctx, k.as.rita, { subject: 'Hooked', form: 'saas', description: 'x' });
    await addComment(k.ctx, k.as.engineer, ticket.id, { body: 'Reply', isPublic: true });
    await addComment(k.ctx, k.as.rita, ticket.id, { body: 'Thanks', isPublic: true });
    expect(seen).toEqual(['ticket.created', 'ticket.updated', 'comment.public_by_staff', 'comment.by_customer']);
    const off2 = k.ctx.events.subscribe('comment.by_customer', () => { throw new Error('workflow down'); });
    const before = await count(k.ctx, 'ticket_comments');
    await expect(addComment(k.ctx, k.as.rita, ticket.id, { body: 'again', isPublic: true })).rejects.toThrow('workflow down');
    expect(await count(k.ctx, 'ticket_comments')).toBe(before);
    off1();
    off2();
  });
});
