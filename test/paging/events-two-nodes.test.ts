// PG-8: two Hotline nodes on one PostgreSQL database enforce one rate limit per routing key
// between them: events sent to both, at once, are admitted up to the limit, not twice the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../src/store/test-db.ts';
import { startHotline, type Hotline } from '../../src/main/server.ts';
import { http } from '../support/server.ts';
import { needs } from '../support/requirements.ts';

const KEY = 'hotlinedemocustomeremergencies01';
const LIMIT = 10;

describe('PG-8 events rate limit on two nodes (postgres)', needs('postgres'), () => {
  let t: TestDatabase;
  let a: Hotline;
  let b: Hotline;
  beforeAll(async () => {
    process.env.HOTLINE_EVENTS_PER_MINUTE = String(LIMIT);
    t = await createTestDatabase('postgres');
    // one clock for both nodes: no minute boundary falls inside the test
    const clock = new FakeClock('2026-11-23T09:00:10Z');
    a = await startHotline({ databaseUrl: t.url, port: 0, logLevel: 'silent', demo: true, clock, runJobs: false });
    b = await startHotline({ databaseUrl: t.url, port: 0, logLevel: 'silent', clock, runJobs: false });
  }, 60_000);
  afterAll(async () => {
    delete process.env.HOTLINE_EVENTS_PER_MINUTE;
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it('PG-8: events for one routing key sent to two nodes at once are admitted up to the limit, not twice it', async () => {
    const send = (node: Hotline, i: number) => http(node.url)('POST', '/v2/enqueue', {
      routing_key: KEY, event_action: 'trigger', dedup_key: `disk-${i % 3}`, payload: { summary: 'Disk full', source: 'db1', severity: 'critical' },
    });
    const answers = await Promise.all(Array.from({ length: 3 * LIMIT }, (_, i) => send(i % 2 ? b : a, i)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((x) => x === 202)).toHaveLength(LIMIT);
    expect(statuses.filter((x) => x === 429)).toHaveLength(2 * LIMIT);
    // each node admitted some: the limit was shared, not one node doing all the work
    expect(statuses.filter((x, i) => x === 202 && i % 2 === 0).length).toBeGreaterThan(0);
    expect(statuses.filter((x, i) => x === 202 && i % 2 === 1).length).toBeGreaterThan(0);
    // every admitted event reached a page, and no refused one did
    const pages = await a.ctx.db.kysely.selectFrom('pages').select('alert_count').where('dedup_key', 'like', 'disk-%').execute();
    expect(pages.reduce((n, p) => n + Number(p.alert_count), 0)).toBe(LIMIT);
    // and sequentially, on either node, the key stays at its limit
    for (const node of [a, b]) expect((await send(node, 99)).status).toBe(429);
  });
});
