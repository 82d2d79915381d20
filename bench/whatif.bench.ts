// What-if staffing (RP-2) and the demo history behind it:
// - a what-if over a year of arrivals (≥ 10,000 emergencies on the demo's groups, the follow-the-sun
//   group and US government) with a proposal that redraws AMER 2: target ≤ 2 s;
// - `hotline demo history --months 6` on embedded SQLite: target ≤ 30 s.
// Run: npx tsx bench/whatif.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runHistory } from '../src/demo/history.ts';
import { Temporal } from '../src/kernel/time.ts';
import { whatIf, type Arrival } from '../src/reports/index.ts';
import { DEMO_SCHEDULES_DOCUMENT, parseSchedulesConfig } from '../src/schedules/index.ts';
import { proposedSchedules, readProposal } from '../src/reports/whatif-proposal.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function run(): Promise<Record<string, unknown>> {
  const since = Temporal.Instant.from('2025-11-24T00:00:00Z');
  const until = Temporal.Instant.from('2026-11-24T00:00:00Z');
  const rnd = lcg(7);
  const arrivals: Arrival[] = [];
  for (let i = 0; i < 12_000; i++) {
    const atMs = since.epochMilliseconds + Math.floor(rnd() * (until.epochMilliseconds - since.epochMilliseconds));
    arrivals.push({ ref: String(i), group: rnd() < 0.85 ? 'customer-emergencies' : 'us-government', atMs, endMs: atMs + (15 + Math.floor(rnd() * 120)) * 60_000 });
  }
  const doc = DEMO_SCHEDULES_DOCUMENT as unknown as { rotations: unknown[]; schedules: unknown[]; rotation_groups: unknown[] };
  const actual = parseSchedulesConfig(doc);
  const proposal = `rotations:\n  - { id: amer-2, name: AMER 2, time_zone: America/New_York, start: '2026-01-05T00:00', handoff: { every: 1, unit: weeks }, restrictions: [ '12:00-19:00' ], members: [ carmen.diaz@example.com, dmitri.volkov@example.com ] }\n`;
  const times: number[] = [];
  let result;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const p = proposedSchedules(doc, actual.edits, readProposal(proposal));
    result = whatIf({ since, until, arrivals, actual, proposed: p.workspace, groups: p.groups, zone: 'America/New_York', managerScheduleOf: () => 'support-managers' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const whatIfMs = Math.round(times[1]);

  const dir = mkdtempSync(join(tmpdir(), 'hotline-history-bench-'));
  let history;
  try {
    const t0 = performance.now();
    history = await runHistory({ months: 6, seed: 1, now: Temporal.Instant.from('2026-11-24T15:00:00Z'), dataDir: dir, log: () => {} });
    history = { ...history, wallSeconds: Math.round((performance.now() - t0) / 100) / 10 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    whatIfArrivals: arrivals.length,
    whatIfWeeks: result!.weeks.length,
    whatIfWaitedForManager: `${result!.totals.actual.waitedForManager} → ${result!.totals.proposed.waitedForManager}`,
    whatIfMedianMs: whatIfMs,
    historyEmergencies: history.emergencies,
    historyTickets: history.tickets,
    historyEscalations: history.escalations,
    historySeconds: history.wallSeconds,
    targets: { whatIfMs: 2000, historySeconds: 30 },
    meetsTargets: whatIfMs <= 2000 && history.wallSeconds <= 30,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run());
