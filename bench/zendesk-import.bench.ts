// Moving a helpdesk in from Zendesk at scale: 100,000 tickets (three comments each, one of them
// private), 2,000 customers in 200 organisations, saved as the Incremental Export API answers
// (1,000 tickets a page) and imported with `importZendesk` into a fresh database, as the CLI does.
// Target: 100,000 tickets in at most 2 minutes on SQLite. Figures: total seconds, tickets/s, and
// the machine's load average beside them (the machine may be shared).
// N = HOTLINE_BENCH_ZENDESK_TICKETS (default 100,000); PostgreSQL too when HOTLINE_BENCH_POSTGRES_URL
// is set. Run: npx tsx bench/zendesk-import.bench.ts
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemClock } from '../src/kernel/clock.ts';
import { JobEngine } from '../src/engine/runner.ts';
import { ChangeBus } from '../src/runtime/bus.ts';
import { openDatabase, type Engine } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { createTestDatabase } from '../src/store/test-db.ts';
import { buildCtx } from '../src/main/node.ts';
import { importZendesk, zendeskDir } from '../src/interop/index.ts';
import { writeZendeskAccount } from '../test/interop/fixtures/make-zendesk.ts';

const TARGET_S = 120;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function once(engine: Engine, dir: string, n: number): Promise<Record<string, unknown>> {
  const t = await createTestDatabase(engine);
  const db = await openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
  try {
    await migrate(db);
    const ctx = buildCtx({ db, clock: systemClock, jobs: new JobEngine({ db, clock: systemClock, nodeId: 'bench' }), bus: new ChangeBus('bench') });
    const loadBefore = load();
    const s = await importZendesk(ctx, zendeskDir(dir));
    const again = await importZendesk(ctx, zendeskDir(dir), { restart: true });
    return {
      engine, tickets: s.counts.tickets_created, comments: s.counts.comments, people: s.counts.users_created,
      totalS: s.seconds, ticketsPerS: s.ticketsPerSecond, per100kS: Math.round((s.seconds / Math.max(1, s.counts.tickets_created)) * 100_000 * 10) / 10,
      rerunS: again.seconds, rerunCreated: again.counts.tickets_created, loadavgBefore: loadBefore, loadavgAfter: load(),
      meetsTarget: engine === 'sqlite' ? s.counts.tickets_created === n && (s.seconds / n) * 100_000 <= TARGET_S : undefined,
    };
  } finally {
    await db.close();
    await t.drop();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const n = Number(process.env.HOTLINE_BENCH_ZENDESK_TICKETS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-zendesk-'));
  try {
    const w0 = performance.now();
    writeZendeskAccount(dir, { orgs: 200, customers: 2_000, tickets: n, perPage: 1_000, deleted: false });
    const out: Record<string, unknown> = { account: `${n} tickets × 3 comments, 2,000 customers, 200 organisations; pages of 1,000`, writeFixtureS: Math.round((performance.now() - w0) / 100) / 10 };
    out.sqlite = await once('sqlite', dir, n);
    if (process.env.HOTLINE_BENCH_POSTGRES_URL) {
      process.env.HOTLINE_TEST_POSTGRES_URL ??= process.env.HOTLINE_BENCH_POSTGRES_URL;
      out.postgres = await once('postgres', dir, n);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) console.log(await run());
