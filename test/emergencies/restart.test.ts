// Must show (WF-5, DESIGN timers): a node killed with the customer-silence timers pending; the
// next node starts two hours later. Each timer fires exactly once, late, and says so on the
// thread and the ticket; the bridge close is re-armed so the customer still gets 15 minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { startHotline, type Hotline } from '../../src/main/server.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../../src/store/test-db.ts';
import { http } from '../support/server.ts';
import { kill, startProcess, waitFor } from '../support/processes.ts';
import type { ChildProcess } from 'node:child_process';

const TOKEN = 'hl_test_admin_token_restart_0123456789';
const START = '2026-11-24T17:30:00Z';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});

describe.each(testEngines())('emergency timers across a restart on %s', (engine) => {
  let child: ChildProcess | undefined;
  let node: Hotline | undefined;
  let pg: TestDatabase | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (child) await kill(child);
    await node?.close();
    await pg?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('WF-5: killed with timers pending, restarted 2 h later → follow-up once, marked late; bridge closes 15 min later, once', async () => {
    pg = engine === 'postgres' ? await createTestDatabase('postgres') : undefined;
    dir = pg ? undefined : mkdtempSync(join(tmpdir(), 'hotline-restart-'));
    const store = pg?.url ?? dir!;
    const port = await freePort();
    child = await startProcess('../emergencies/node-process.ts', [store, String(port), START, TOKEN]);
    const a = http(`http://127.0.0.1:${port}`, { token: TOKEN });
    const t = (await a('POST', '/api/v1/tickets', { subject: 'Down', form: 'self_managed', priority: 'urgent', requesterEmail: 'rita@acme.example' })).body.ticket;
    expect((await a('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Join the bridge.', public: true })).status).toBe(201);
    expect((await a('GET', `/api/v1/emergencies/${t.number}`)).body.timers.map((x: any) => x.state)).toEqual(['pending', 'pending']);
    await kill(child);
    child = undefined;

    const clock = new FakeClock('2026-11-24T19:30:00Z');
    node = await startHotline({ ...(pg ? { databaseUrl: pg.url } : { dataDir: dir }), port: 0, clock, runJobs: false, logLevel: 'silent', admin: { email: 'admin@example.com', password: 'admin-password-123', token: TOKEN } });
    const b = http(node.url, { token: TOKEN });
    const ticket = async () => (await b('GET', `/api/v1/tickets/${t.id}`)).body;
    const settle = (what: string, done: (x: any) => boolean) => waitFor(what, async () => {
      await node!.ctx.jobs.drain();
      return done(await ticket());
    }, 15_000);
    await settle('late follow-up', (x) => x.comments.some((c: any) => c.body.includes('We have not heard back')));
    const mid = await ticket();
    expect(mid.comments.filter((c: any) => c.body.includes('We have not heard back'))).toHaveLength(1);
    expect(mid.comments.some((c: any) => !c.isPublic && c.body.includes('minutes late'))).toBe(true);
    expect(mid.ticket.priority).toBe('urgent'); // the customer still gets the promised 15 minutes
    const thread = (await b('GET', `/api/v1/emergencies/${t.number}`)).body.thread;
    expect(thread.filter((p: any) => p.late && p.text.includes('silence-followup fired late'))).toHaveLength(1);

    clock.advance({ minutes: 15 });
    await settle('bridge close', (x) => x.ticket.priority === 'high');
    await node.ctx.jobs.drain();
    const end = await ticket();
    expect(end.ticket.priority).toBe('high');
    expect(end.comments.filter((c: any) => c.body.includes('closed the bridge'))).toHaveLength(1);
    expect(end.comments.filter((c: any) => c.body.includes('We have not heard back'))).toHaveLength(1);
  }, 30_000);
});
