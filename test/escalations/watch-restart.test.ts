// SM-10 across restarts, on every engine: the first-response watch is a chain of runs (each arms the
// next). A node whose watch chain broke — a run that failed for good while the database was away —
// is restarted without the demo file: the watch is scheduled again at start, and a build-up of new
// tickets without a first reply is told. A restart with a run already pending adds no second one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { startHotline, type Hotline } from '../../src/main/server.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../../src/store/test-db.ts';
import { http } from '../support/server.ts';

const TOKEN = 'hl_test_admin_token_watch_restart_01234';
const ADMIN = { email: 'admin@example.com', password: 'admin-password-123', token: TOKEN };
const WATCH = 'escalations.first-response-watch';
const YAML = { 'content-type': 'application/yaml' };

describe.each(testEngines())('first-response watch across a restart on %s', (engine) => {
  let node: Hotline | undefined;
  let pg: TestDatabase | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
    await pg?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const start = async (at: string, demo: boolean) => {
    node = await startHotline({ ...(pg ? { databaseUrl: pg.url } : { dataDir: dir }), port: 0, clock: new FakeClock(at), runJobs: false, demo, logLevel: 'silent', admin: ADMIN });
    return { n: node, a: http(node.url, { token: TOKEN }) };
  };
  const watchJobs = (h: Hotline) => h.ctx.db.kysely.selectFrom('jobs').select(['status', 'run_at']).where('kind', '=', WATCH).execute();

  it('SM-10: a watch whose last run failed for good runs again after a restart and tells the build-up; a second restart adds no second run', async () => {
    pg = engine === 'postgres' ? await createTestDatabase('postgres') : undefined;
    dir = pg ? undefined : mkdtempSync(join(tmpdir(), 'hotline-watch-'));
    const first = await start('2026-11-24T15:00:00Z', true);
    // margin 300 min: high-priority tickets (first reply due in 4 business hours) count at once
    const doc = { escalations: { first_response: { margin_minutes: 300, every_minutes: 5, regions: { AMER: { channel: '#support_team-chat', zones: ['America/', '*'], threshold: 2 } } } } };
    expect((await first.a('POST', '/api/v1/workspace/apply', JSON.stringify(doc), YAML)).status).toBe(200);
    expect((await watchJobs(first.n)).filter((j) => j.status === 'pending')).toHaveLength(1);
    // the database went away for longer than the retries: the run is failed for good, nothing pending
    await first.n.ctx.db.kysely.updateTable('jobs').set({ status: 'failed', attempts: 8, last_error: 'connection refused' }).where('kind', '=', WATCH).execute();
    await node!.close();
    node = undefined;

    const second = await start('2026-11-24T16:00:00Z', false);
    const pending = (await watchJobs(second.n)).filter((j) => j.status === 'pending');
    expect(pending).toHaveLength(1);
    for (const subject of ['Pipelines slow', 'Runner lost']) {
      const r = await second.a('POST', '/api/v1/tickets', { subject, form: 'self_managed', priority: 'high', requesterEmail: 'rita@acme.example', description: 'x' });
      expect(r.status, r.text).toBe(201);
    }
    await second.n.ctx.jobs.drain();
    const posts = await second.n.ctx.db.kysely.selectFrom('emergency_thread').select(['channel', 'text']).where('emergency_id', 'like', 'first-response:AMER%').execute();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: '#support_team-chat' });
    expect(posts[0]!.text).toContain('AMER: 2 new tickets have no first reply');
    // the run that told it armed the next one; the chain goes on
    expect((await watchJobs(second.n)).filter((j) => j.status === 'pending')).toHaveLength(1);
    await node!.close();
    node = undefined;

    const third = await start('2026-11-24T16:01:00Z', false);
    expect((await watchJobs(third.n)).filter((j) => j.status === 'pending')).toHaveLength(1);
  }, 60_000);

  it('SM-10: a store without escalation settings gets no watch at start (nothing to watch for)', async () => {
    pg = engine === 'postgres' ? await createTestDatabase('postgres') : undefined;
    dir = pg ? undefined : mkdtempSync(join(tmpdir(), 'hotline-watch-'));
    const { n } = await start('2026-11-24T15:00:00Z', false);
    expect(await watchJobs(n)).toHaveLength(0);
  }, 30_000);
});
