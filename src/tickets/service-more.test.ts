// Macros, search visibility, links/merge and the durable bulk update, on every engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTimeline } from '../store/timeline.ts';
import { readTx } from '../store/tx.ts';
import { testEngines } from '../store/test-db.ts';
import { count, openKit, type Kit } from '../../test/tickets/kit.ts';
import { addComment, createTicket, getTicket } from './service.ts';
import { applyMacro, previewMacro } from './service-macros.ts';
import { searchTickets } from './service-search.ts';
import { createFollowUp, linkTickets, mergeTickets } from './service-links.ts';
import { getBulkUpdate, runBulkChunk, startBulkUpdate } from './service-bulk.ts';
import { EMERGENCY_TAGS } from './demo-macros.ts';
import { transact } from '../store/tx.ts';

describe.each(testEngines())('helpdesk services on %s', (engine) => {
  let k: Kit;
  beforeAll(async () => { k = await openKit(engine); });
  afterAll(async () => k?.close());
  const open = (subject: string, extra: Record<string, unknown> = {}) =>
    createTicket(k.ctx, k.as.engineer, { subject, form: 'self_managed', requesterId: k.as.rita.userId!, ...extra }).then((r) => r.ticket);

  it('TK-3: preview changes nothing; apply is one audited change with comments and signals', async () => {
    const t = await open('Prod is down', { priority: 'urgent' });
    const p = await previewMacro(k.ctx, k.as.engineer, t.id, { macroId: 'downgrade-emergency-ticket' });
    expect(p.ticket.priority).toBe('high');
    expect((await getTicket(k.ctx, k.as.engineer, t.id)).ticket.priority).toBe('urgent');
    const signals: string[] = [];
    const off = k.ctx.events.subscribe('macro.signal', (_ctx, _tx, e) => { signals.push(e.signal!); });
    const r = await applyMacro(k.ctx, k.as.manager, t.id, { macroId: 'trigger-manual-emergency', expectedVersion: 1 });
    off();
    expect(r.ticket.tags).toContain(EMERGENCY_TAGS.manualTrigger);
    expect(signals).toEqual(['page_oncall']);
    const tl = await listTimeline(readTx(k.ctx.db), 'ticket', t.id);
    expect(tl.filter((e) => e.action === 'ticket.macro_applied')).toHaveLength(1);
    await expect(applyMacro(k.ctx, k.as.engineer, t.id, { macroId: 'nope' })).rejects.toMatchObject({ code: 'macro.not_found' });
  });

  it('TK-4 / TK-8: customers search their organisation only and never match internal notes; emergencies leave general views', async () => {
    const mine = await open('Runner broken zebra');
    await addComment(k.ctx, k.as.engineer, mine.id, { body: 'internal giraffe', isPublic: false });
    const theirs = await createTicket(k.ctx, k.as.gina, { subject: 'Globex zebra', form: 'saas', description: 'd' });
    const emergency = await open('Zebra emergency', { priority: 'urgent' });
    const ids = async (actor: Kit['as'][keyof Kit['as']], q: string) => (await searchTickets(k.ctx, actor, q, { limit: 50 })).tickets.map((t) => t.id);
    expect(await ids(k.as.rita, 'zebra')).toEqual(expect.arrayContaining([mine.id, emergency.id]));
    expect(await ids(k.as.rita, 'zebra')).not.toContain(theirs.ticket.id);
    expect(await ids(k.as.rita, 'giraffe')).toEqual([]);
    expect(await ids(k.as.engineer, 'giraffe')).toEqual([mine.id]);
    expect(await ids(k.as.engineer, 'zebra')).not.toContain(emergency.id);
    expect(await ids(k.as.manager, 'zebra')).toContain(emergency.id);
    k.ctx.ports.onCallCheck = (_ctx, _tx, userId) => userId === k.as.engineer.userId;
    expect(await ids(k.as.engineer, 'zebra')).toContain(emergency.id);
    delete k.ctx.ports.onCallCheck;
    const r = await searchTickets(k.ctx, k.as.manager, 'priority:urgent status:new order_by:created_at sort:asc', { count: true });
    expect(r.total).toBeGreaterThanOrEqual(1);
    await expect(searchTickets(k.ctx, k.as.manager, 'status:nope')).rejects.toMatchObject({ code: 'search.bad_value' });
  });

  it('TK-6: links and follow-ups leave internal notes both ways; merge moves comments, tells the requester, closes the source', async () => {
    const a = await open('Emergency: cluster down', { priority: 'urgent', description: 'first words' });
    const b = await open('Upgrade question');
    expect((await linkTickets(k.ctx, k.as.engineer, a.id, String(b.number))).created).toBe(true);
    const notesOf = async (id: string) => (await getTicket(k.ctx, k.as.engineer, id)).comments.filter((c) => !c.isPublic).map((c) => c.body);
    expect((await notesOf(a.id)).join()).toContain(`#${b.number}`);
    expect((await notesOf(b.id)).join()).toContain(`#${a.number}`);
    const f = await createFollowUp(k.ctx, k.as.engineer, a.id);
    expect(f.ticket).toMatchObject({ requesterId: a.requesterId, isEmergency: false, priority: 'high' });
    const m = await mergeTickets(k.ctx, k.as.engineer, a.id, b.id);
    expect(m.source.status).toBe('closed');
    const target = await getTicket(k.ctx, k.as.rita, b.id);
    expect(target.comments.map((c) => c.body)).toContain('first words');
    const source = await getTicket(k.ctx, k.as.rita, a.id);
    expect(source.comments.some((c) => c.isPublic && c.body.includes(`#${b.number}`))).toBe(true);
    await expect(mergeTickets(k.ctx, k.as.engineer, a.id, b.id)).rejects.toMatchObject({ code: 'ticket.closed' });
  });

  it('TK-5: bulk update is a durable job with a result per ticket; a crash half way and a rerun never double a reply', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await open(`Incident ticket ${i}`, { tags: ['incident-7'] }));
    const closed = await open('Already closed', { tags: ['incident-7'] });
    await transact(k.ctx.db, (tx) => tx.db.updateTable('tickets').set({ status: 'closed', status_rank: 5 }).where('id', '=', closed.id).execute());
    const start = await startBulkUpdate(k.ctx, k.as.manager, { id: 'req-1', query: 'tags:incident-7', addTags: ['widespread'], status: 'pending', publicReply: 'Hi {{requester.first_name}}, see the status page (#{{ticket.number}}).' });
    expect(start).toMatchObject({ status: 'queued', total: 6 });
    // A first chunk of 2 commits; then a "crash": a chunk whose transaction rolls back.
    await transact(k.ctx.db, (tx) => runBulkChunk(k.ctx, tx, 'req-1', k.clock.now(), 2));
    await transact(k.ctx.db, async (tx) => { await runBulkChunk(k.ctx, tx, 'req-1', k.clock.now(), 2); throw new Error('killed'); }).catch(() => {});
    expect((await getBulkUpdate(k.ctx, k.as.manager, 'req-1')).done).toBe(2);
    // The same request again is the same job; the engine finishes it.
    expect((await startBulkUpdate(k.ctx, k.as.manager, { id: 'req-1', query: 'tags:incident-7', addTags: ['x'] })).total).toBe(6);
    await k.ctx.jobs.drain();
    const p = await getBulkUpdate(k.ctx, k.as.manager, 'req-1');
    expect(p).toMatchObject({ status: 'done', total: 6, done: 6, failed: 1 });
    expect(p.results!.find((r) => r.ticketId === closed.id)!.error!.code).toBe('ticket.closed');
    for (const t of made) {
      const d = await getTicket(k.ctx, k.as.engineer, t.id);
      expect(d.comments.filter((c) => c.body.includes('status page'))).toHaveLength(1);
      expect(d.ticket).toMatchObject({ status: 'pending', tags: ['incident-7', 'widespread'] });
    }
    expect(await count(k.ctx, 'bulk_results')).toBe(6);
  });
});
