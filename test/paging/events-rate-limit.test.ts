// PG-8: the events intake's rate limit per routing key, over real HTTP. Only a key that names a
// service is counted, so a flood of made-up keys (each a 400) cannot reset or touch a real key's
// limit; a window ends with its minute and is deleted then. On a fake clock: no minute boundary
// falls inside a test by accident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const KEY = 'hotlinedemocustomeremergencies01';
const LIMIT = 5;

const trigger = (routingKey: string, dedup: string) => ({
  routing_key: routingKey, event_action: 'trigger', dedup_key: dedup,
  payload: { summary: `Disk full on ${dedup}`, source: 'db1', severity: 'critical' },
});

/** Runs `n` calls with at most `width` in flight; answers the statuses in order. */
async function inParallel(n: number, width: number, call: (i: number) => Promise<number>): Promise<number[]> {
  const out: number[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await call(i);
    }
  }));
  return out;
}

describe.each(testEngines())('PG-8 events rate limit (%s)', (engine) => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  let clock: FakeClock;
  beforeAll(async () => {
    process.env.HOTLINE_EVENTS_PER_MINUTE = String(LIMIT);
    clock = new FakeClock('2026-11-23T09:00:10Z');
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    api = http(s.url);
  }, 60_000);
  afterAll(async () => {
    delete process.env.HOTLINE_EVENTS_PER_MINUTE;
    await s?.close();
  });

  const send = async (key = KEY, dedup = 'disk') => (await api('POST', '/v2/enqueue', trigger(key, dedup))).status;

  it('PG-8: 10,001 events with invented routing keys (each a 400) do not reset a real key that is at its limit', async () => {
    const first = [];
    for (let i = 0; i <= LIMIT; i++) first.push(await send());
    expect(first).toEqual([...Array(LIMIT).fill(202), 429]);
    const invented = await inParallel(10_001, 32, (i) => send(`invented${String(i).padStart(24, '0')}`, `x${i}`));
    expect(new Set(invented)).toEqual(new Set([400]));
    expect(await send()).toBe(429);
    // nothing was counted for the invented keys
    const rows = await s.hotline.ctx.db.kysely.selectFrom('event_rate_windows').select('routing_key').execute();
    expect(rows.map((r) => r.routing_key)).toEqual([KEY]);
  }, 120_000);

  it('PG-8: when the minute is over the key is admitted again, and the ended window is deleted', async () => {
    expect(await send()).toBe(429);
    clock.advance({ minutes: 1 });
    expect(await send()).toBe(202);
    const rows = await s.hotline.ctx.db.kysely.selectFrom('event_rate_windows').select(['routing_key', 'window_minute', 'n']).execute();
    expect(rows.map((r) => ({ ...r, window_minute: Number(r.window_minute), n: Number(r.n) }))).toEqual([
      { routing_key: KEY, window_minute: Math.floor(clock.now().epochMilliseconds / 60_000), n: 1 },
    ]);
  });
});
