// TK-5 must show: a node killed with SIGKILL half way through a bulk update, then another node
// started — the update finishes, every ticket has exactly one reply and one result line.
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { createTicket } from '../../src/tickets/service.ts';
import { startBulkUpdate } from '../../src/tickets/service-bulk.ts';
import { kill, startProcess, waitFor } from '../support/processes.ts';
import { count, openKit, type Kit } from './kit.ts';

const WORKER = '../tickets/bulk-worker.ts';
const N = 200;

describe.each(testEngines())('bulk update across a process death on %s', (engine) => {
  const children: ChildProcess[] = [];
  let k: Kit | undefined;
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => kill(c)));
    await k?.close();
  });

  it('TK-5: kill half way, restart, finish without doubling a reply', { timeout: 60_000 }, async () => {
    k = await openKit(engine, new Date().toISOString()); // the child nodes run on the real clock
    k.clock.set(new Date().toISOString());
    const ids: string[] = [];
    for (let i = 0; i < N; i++) ids.push((await createTicket(k.ctx, k.as.engineer, { subject: `Outage ${i}`, form: 'saas', requesterId: k.as.rita.userId! })).ticket.id);
    await startBulkUpdate(k.ctx, k.as.manager, { id: 'crash-bulk', ticketIds: ids, addTags: ['outage-1'], status: 'pending', publicReply: 'Crash-safe reply for #{{ticket.number}}.' });
    const results = () => count(k!.ctx, 'bulk_results');
    const first = await startProcess(WORKER, [k.url, 'node-a']);
    children.push(first);
    await waitFor('a first chunk done', async () => (await results()) >= 100, 30_000);
    await kill(first);
    const before = await results();
    expect(before).toBeLessThan(N); // killed in the middle
    children.push(await startProcess(WORKER, [k.url, 'node-b']));
    await waitFor('bulk finished', async () => (await k!.ctx.db.kysely.selectFrom('bulk_jobs').select('status').where('id', '=', 'crash-bulk').executeTakeFirst())?.status === 'done', 45_000);
    expect(await results()).toBe(N);
    const replies = await sql<{ ticket_id: string; n: number }>`select ticket_id, count(*) as n from ticket_comments where body like 'Crash-safe reply%' group by ticket_id`.execute(k.ctx.db.kysely);
    expect(replies.rows).toHaveLength(N);
    expect(replies.rows.every((r) => Number(r.n) === 1)).toBe(true);
    const job = await k.ctx.db.kysely.selectFrom('bulk_jobs').selectAll().where('id', '=', 'crash-bulk').executeTakeFirstOrThrow();
    expect({ done: Number(job.done), failed: Number(job.failed) }).toEqual({ done: N, failed: 0 });
  });
});
