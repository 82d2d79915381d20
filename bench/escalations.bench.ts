// Escalation burst figures (SM-1), over real HTTP against a node with its job engine running and
// the escalations channel mirrored to a loopback Slack stand-in through the real @slack/web-api:
// 1,000 escalations filed by engineers within one minute, open loop (one every 60 ms whatever the
// answers take), while the support-manager rotation of 50 managers hands over every hour, with
// three overrides (a whole hour, half an hour, ten minutes) giving shifts to a spare manager.
// Fifty one-hour shifts in one minute: the node's clock runs 3,000 times faster than real time
// (the job engine's leases and lateness stretched alike), so the shift changes happen under load.
// Checks: none lost (1,000 answers, records, announcements in the channel and in Slack, waited for
// up to ten minutes), none posted to Slack twice; the manager named in each announcement (and told)
// is the one on call at the instant of filing, computed here from the rotation and the overrides,
// not asked of the node. Figures: filing → announcement committed in Hotline's escalations channel
// (the 201: it shares the filing's transaction; the target, p99 ≤ 250 ms on SQLite) and filing →
// announcement received by Slack, p50/p99. Real Slack takes about one post a second per channel
// (short bursts allowed), so 1,000 in a minute reach a real workspace over some 17 minutes whatever
// Hotline does, the mirror waiting out each 429 as Slack asks (test/escalations/chat-thread.test.ts):
// there "all delivered, none twice" is what holds. The stand-in here takes posts as fast as they
// come (Slack's real-time limit has no meaning on a node clock running 3,000 times faster).
// Run: npm run bench -- escalations   (PostgreSQL too with HOTLINE_BENCH_POSTGRES_URL set;
// ESCALATION_BENCH_COUNT overrides 1,000.)
import { SYSTEM } from '../src/kernel/actor.ts';
import type { Clock } from '../src/kernel/clock.ts';
import { Temporal } from '../src/kernel/time.ts';
import { startHotline } from '../src/main/server.ts';
import { createChannels } from '../src/notify/channels/index.ts';
import { configureNotify } from '../src/notify/service-config.ts';
import { createToken, findUser } from '../src/people/index.ts';
import { readTx } from '../src/store/tx.ts';
import { createTestDatabase, type TestDatabase } from '../src/store/test-db.ts';
import type { Engine } from '../src/store/db.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSlackStandIn } from '../test/stand-ins/index.ts';
import { http } from '../test/support/server.ts';

const COUNT = Number(process.env.ESCALATION_BENCH_COUNT ?? 1000);
const WINDOW_MS = 60_000;
const MANAGERS = 50;
const SPEED = 3_000; // one real minute = 50 simulated hours = 50 shifts
const T0 = Temporal.Instant.from('2026-12-07T00:00:00Z');
const HOUR = 3_600_000;
const pad = (i: number) => String(i).padStart(2, '0');
const manager = (i: number) => ({ email: `m${pad(i)}@bench.test`, name: `Manager ${pad(i)}` });
const SPARE = { email: 'spare@bench.test', name: 'Spare Manager' };
const ENGINEERS = 10;
const wall = (ms: number) => Temporal.Instant.fromEpochMilliseconds(T0.epochMilliseconds + ms).toString().slice(0, 16);
// SCH-6: the spare manager takes over hour 5, the second half of hour 20, and ten minutes of hour 37
const OVERRIDES = [[5 * HOUR, 6 * HOUR], [20.5 * HOUR, 21 * HOUR], [37 * HOUR + 20 * 60_000, 37 * HOUR + 30 * 60_000]] as const;

/** Whoever is on call at `at` by the rotation and overrides above (not by the node). */
function expectedAt(at: Temporal.Instant): string {
  const ms = at.epochMilliseconds - T0.epochMilliseconds;
  if (OVERRIDES.some(([s, e]) => ms >= s && ms < e)) return SPARE.email;
  return manager(Math.floor(ms / HOUR) % MANAGERS).email;
}

/** Real time, SPEED times faster, from T0 once started (still at T0 before). */
class FastClock implements Clock {
  private began: number | null = null;
  start(): void {
    this.began = performance.now();
  }
  now(): Temporal.Instant {
    const elapsed = this.began === null ? 0 : (performance.now() - this.began) * SPEED;
    return Temporal.Instant.fromEpochMilliseconds(T0.epochMilliseconds + Math.floor(elapsed));
  }
}

function workspace() {
  const managers = Array.from({ length: MANAGERS }, (_, i) => manager(i));
  return {
    hotline: 1,
    defaults: { password: 'bench-password-123', time_zone: 'UTC' },
    users: [
      ...managers.map((m) => ({ ...m, role: 'manager' })),
      { ...SPARE, role: 'manager' },
      ...Array.from({ length: ENGINEERS }, (_, i) => ({ email: `e${pad(i)}@bench.test`, name: `Engineer ${pad(i)}`, role: 'engineer' })),
    ],
    rotations: [{ id: 'support-managers', name: 'Support managers', time_zone: 'UTC', start: wall(0), handoff: { every: 1, unit: 'hours' }, members: managers.map((m) => m.email) }],
    schedules: [{ id: 'support-managers', name: 'Support manager on call', time_zone: 'UTC', layers: [{ id: 'primary', name: 'Primary', rotation: 'support-managers' }] }],
    schedule_overrides: OVERRIDES.map(([s, e], i) => ({ id: `spare-${i}`, schedule: 'support-managers', start: wall(s), end: wall(e), user: SPARE.email, replaces: manager(Math.floor(s / HOUR) % MANAGERS).email })),
    // no `escalations:` section: the default channel, and no first-response watch looking every
    // 5 simulated minutes (every 100 ms here), which would be load a real minute never sees
  };
}

function pct(values: number[], p: number): number {
  if (!values.length) return NaN;
  const v = [...values].sort((a, b) => a - b);
  return Math.round(v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))]!);
}
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function burst(engine: Engine): Promise<Record<string, unknown>> {
  const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const slack = await startSlackStandIn({ channels: { C0ESC: 'support_escalations' } });
  const received = new Map<number, { at: number; text: string; threaded: boolean }>();
  let twice = 0; // an announcement posted again: Slack cannot take a post back
  const push = slack.messages.push.bind(slack.messages);
  slack.messages.push = (...items) => {
    const now = performance.now();
    for (const m of items) {
      const n = /escalation #(\d+) \(/.exec(m.text)?.[1];
      if (!n) continue;
      if (received.has(Number(n))) twice++;
      else received.set(Number(n), { at: now, text: m.text, threaded: !!m.thread_ts });
    }
    return push(...items);
  };
  const pg: TestDatabase | null = engine === 'postgres' ? await createTestDatabase('postgres') : null;
  const dir = pg ? null : mkdtempSync(join(tmpdir(), 'hotline-bench-esc-'));
  const clock = new FastClock();
  const h = await startHotline({
    ...(pg ? { databaseUrl: pg.url } : { dataDir: dir! }), port: 0, clock, logLevel: 'silent',
    admin: { email: 'admin@bench.test', password: 'bench-password-123', token: 'hl_bench_admin_token_escalations_0123' },
    jobTimes: { leaseMs: 60_000 * SPEED, lateAfterMs: 60_000 * SPEED },
  });
  configureNotify(h.ctx, { channels: createChannels({ slack: { token: 'xoxb-stand-in', apiUrl: slack.apiUrl } }) });
  const db = h.ctx.db.kysely;
  try {
    const admin = http(h.url, { token: 'hl_bench_admin_token_escalations_0123' });
    const applied = await admin('POST', '/api/v1/workspace/apply', JSON.stringify(workspace()), { 'content-type': 'application/yaml' });
    if (applied.status !== 200) throw new Error(`workspace: ${applied.status} ${applied.text}`);
    const engineers = [];
    for (let i = 0; i < ENGINEERS; i++) {
      const u = (await findUser(readTx(h.ctx.db), { email: `e${pad(i)}@bench.test` }))!;
      engineers.push(http(h.url, { token: (await createToken(h.ctx, SYSTEM, { name: 'bench', userId: u.id })).token }));
    }
    const ids = new Map<string, string>();
    for (const u of await db.selectFrom('users').select(['id', 'email']).execute()) ids.set(u.email, u.id);

    // other work on the machine skews every figure here: the load average goes beside them
    const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
    const answers: { status: number; sentAt: number; doneAt: number; number: number | null; createdAt: string | null; managerId: string | null; text: string }[] = [];
    const sends: Promise<void>[] = [];
    clock.start();
    const t0 = performance.now();
    for (let i = 0; i < COUNT; i++) {
      const wait = t0 + (i * WINDOW_MS) / COUNT - performance.now();
      if (wait > 0) await sleep(wait);
      const sentAt = performance.now();
      sends.push(engineers[i % ENGINEERS]!('POST', '/api/v1/escalations', { title: `Renewal at risk (${i})`, need: 'An owner today', businessCase: 'Renewal on Friday', urgency: (['high', 'medium', 'low'] as const)[i % 3] })
        .then((r) => void answers.push({ status: r.status, sentAt, doneAt: performance.now(), number: r.body?.number ?? null, createdAt: r.body?.createdAt ?? null, managerId: r.body?.manager?.id ?? r.body?.managerId ?? null, text: r.status === 201 ? '' : r.text.slice(0, 200) })));
    }
    await Promise.all(sends);
    const burstSeconds = (performance.now() - t0) / 1000;
    const simulatedHours = (clock.now().epochMilliseconds - T0.epochMilliseconds) / HOUR;
    const ok = answers.filter((a) => a.status === 201 && a.number !== null);
    // every announcement must reach Slack: wait for the last one (a generous cap, so a slow mirror
    // shows as a long tail in the figures rather than as losses), then a little longer for doubles
    const waitFrom = performance.now();
    const deadline = waitFrom + 10 * 60_000;
    while (ok.some((a) => !received.has(a.number!)) && performance.now() < deadline) await sleep(50);
    const drainSeconds = (performance.now() - waitFrom) / 1000;
    await sleep(1_000);

    // none lost, and the manager right for each instant of filing
    const rows = await db.selectFrom('escalations').select(['id', 'number', 'created_at', 'manager_user_id']).execute();
    const announcements = await db.selectFrom('emergency_thread').select(['emergency_id', 'mentions', 'channel']).where('emergency_id', 'in', rows.map((r) => r.id)).where('kind', '=', 'mention').execute();
    const byEscalation = new Map(announcements.map((a) => [a.emergency_id, a]));
    const names = new Map([...Array.from({ length: MANAGERS }, (_, i) => manager(i)), SPARE].map((m) => [m.email, m.name]));
    let wrong = 0, wrongInSlack = 0, shifts = new Set<string>(), atOverride = 0;
    const wrongExamples: string[] = [];
    for (const r of rows) {
      const raw = r.created_at as unknown; // a Date from PostgreSQL, ISO text from SQLite
      const at = Temporal.Instant.from(raw instanceof Date ? raw.toISOString() : String(raw));
      const want = expectedAt(at);
      shifts.add(`${Math.floor((at.epochMilliseconds - T0.epochMilliseconds) / HOUR)}:${want}`);
      if (want === SPARE.email) atOverride++;
      const a = byEscalation.get(r.id);
      const mentioned = a ? (JSON.parse(a.mentions) as string[])[0] : undefined;
      if (r.manager_user_id !== ids.get(want) || mentioned !== want || a?.channel !== '#support_escalations') {
        wrong++;
        if (wrongExamples.length < 3) wrongExamples.push(`#${r.number} at ${at}: want ${want}, got ${mentioned}`);
      }
      const chat = received.get(Number(r.number));
      if (!chat || !chat.text.includes(`@${names.get(want)}: escalation #${r.number} `) || chat.threaded) wrongInSlack++;
    }
    const attempts = await db.selectFrom('deliveries').select((eb) => eb.fn.countAll().as('n')).where('channel', '=', 'slack').executeTakeFirstOrThrow();
    const runs = await db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'emergency.chat_mirror').executeTakeFirstOrThrow();
    const committed = ok.map((a) => a.doneAt - a.sentAt);
    const inSlack = ok.flatMap((a) => (received.has(a.number!) ? [received.get(a.number!)!.at - a.sentAt] : []));
    return {
      [`${label}: load average (1, 5, 15 min) before / after`]: `${loadBefore} / ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      [`${label}: escalations filed (open loop, ${WINDOW_MS / 1000} s window, ${ENGINEERS} engineers)`]: COUNT,
      [`${label}: burst took, s (simulated hours)`]: `${burstSeconds.toFixed(1)} (${simulatedHours.toFixed(1)})`,
      [`${label}: answered 201`]: ok.length,
      ...(ok.length < COUNT ? { [`${label}: other answers`]: answers.filter((a) => a.status !== 201).slice(0, 3).map((a) => `${a.status} ${a.text}`).join(' | ') } : {}),
      [`${label}: records / announcements in #support_escalations / in Slack`]: `${rows.length} / ${announcements.length} / ${received.size}`,
      [`${label}: last announcement reached Slack, s after the last filing answered`]: drainSeconds.toFixed(1),
      [`${label}: none lost`]: rows.length === COUNT && announcements.length === COUNT && received.size === COUNT,
      [`${label}: announcements posted to Slack twice`]: twice,
      [`${label}: Slack attempts logged / chat-mirror runs`]: `${attempts.n} / ${runs.n}`,
      [`${label}: distinct shifts filed into (filings during an override)`]: `${shifts.size} (${atOverride})`,
      [`${label}: announcements naming the wrong manager (record, mention / Slack)`]: `${wrong} / ${wrongInSlack}${wrongExamples.length ? ` e.g. ${wrongExamples.join('; ')}` : ''}`,
      [`${label}: filing → announcement committed (201) p50 / p99 / max ms`]: `${pct(committed, 50)} / ${pct(committed, 99)} / ${pct(committed, 100)}`,
      [`${label}: filing → announcement received by Slack p50 / p99 / max ms`]: `${pct(inSlack, 50)} / ${pct(inSlack, 99)} / ${pct(inSlack, 100)}`,
    };
  } finally {
    await h.close();
    await slack.close();
    await pg?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  Object.assign(out, await burst('sqlite'));
  const pg = process.env.HOTLINE_BENCH_POSTGRES_URL;
  if (pg) {
    process.env.HOTLINE_TEST_POSTGRES_URL = pg; // the test-database helper makes (and drops) a fresh database there
    Object.assign(out, await burst('postgres'));
  } else out.PostgreSQL = 'skipped: set HOTLINE_BENCH_POSTGRES_URL';
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await run())) console.log(`  ${k}: ${v}`);
}
