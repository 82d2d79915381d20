// Schedule rendering speed (SCH-9): one year of the demo AMER group (3 overlapping schedules + the
// DRI sub-schedule + 200 overrides), and "who is on call now" across 500 schedules.
// Run: npx tsx bench/schedules.bench.ts [runs]
import { pathToFileURL } from 'node:url';
import { Temporal } from '../src/kernel/time.ts';
import { parseSchedulesConfig, DEMO_SCHEDULES_DOCUMENT, renderGroup, onCallAt, type Override, type Schedule } from '../src/schedules/index.ts';

export interface SchedulesBenchResult {
  name: 'schedules';
  runs: number;
  yearEntries: number;
  overrides: number;
  schedules: number;
  /** Medians of wall-clock time per run. */
  renderYearMedianMs: number;
  onCallNow500MedianMs: number;
  /** Medians of process CPU time per run: steadier than wall time on a loaded machine. */
  renderYearCpuMedianMs: number;
  onCallNow500CpuMedianMs: number;
  targets: { renderYearMs: number; onCallNow500Ms: number };
  meetsTargets: boolean;
}

// Deterministic pseudo-random numbers so every run measures the same workload.
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const YEAR_START = Temporal.Instant.from('2026-01-01T00:00:00Z');
const YEAR_END = Temporal.Instant.from('2027-01-01T00:00:00Z');

function amerOverrides(count: number, schedules: Schedule[]): Override[] {
  const rnd = lcg(42);
  const out: Override[] = [];
  const span = YEAR_END.epochMilliseconds - YEAR_START.epochMilliseconds;
  for (let i = 0; i < count; i++) {
    const s = schedules[i % schedules.length];
    const members = s.layers[0].rotations[0].versions[0].members.map((m) => m.user);
    const start = YEAR_START.epochMilliseconds + Math.floor(rnd() * span);
    const hours = 1 + Math.floor(rnd() * 72);
    const kind = i % 3;
    out.push({
      id: `o${i}`,
      scheduleId: s.id,
      start: Temporal.Instant.fromEpochMilliseconds(start),
      end: Temporal.Instant.fromEpochMilliseconds(start + hours * 3_600_000),
      ...(kind !== 2 ? { user: 'cody.lee@example.com' } : {}),
      ...(kind !== 1 ? { replaces: members[Math.floor(rnd() * members.length)] } : {}),
    });
  }
  return out;
}

const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Adelaide', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/Berlin', 'UTC'];

function manySchedules(n: number): { schedules: Schedule[]; overrides: readonly Override[] } {
  const rnd = lcg(7);
  const rotations: unknown[] = [];
  const schedules: unknown[] = [];
  const overrides: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const members = Array.from({ length: 3 + Math.floor(rnd() * 6) }, (_, j) => `u${i}-${j}@example.com`);
    const kind = i % 3;
    const from = 6 + Math.floor(rnd() * 10);
    rotations.push({
      id: `r${i}`,
      time_zone: ZONES[i % ZONES.length],
      start: `202${3 + (i % 3)}-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:00`,
      ...(kind === 0 ? { handoff: { every: 1, unit: 'weeks' } } : kind === 1 ? { handoff: { every: 1 + (i % 3), unit: 'days' }, restrictions: [{ days: 'weekdays', from: `${String(from).padStart(2, '0')}:00`, to: `${from + 8}:00` }] } : { windows: ['05:00-13:00', '13:00-21:00', '21:00-05:00'] }),
      members,
      changes: i % 4 === 0 ? [{ at: '2026-06-01T00:00', add: [`new${i}@example.com`] }] : [],
    });
    schedules.push({ id: `s${i}`, layers: [{ rotation: `r${i}` }] });
    if (i % 2 === 0) overrides.push({ id: `so${i}`, schedule: `s${i}`, start: '2026-11-23T00:00', end: '2026-11-24T00:00', user: `cover${i}@example.com`, replaces: members[0] });
  }
  const ws = parseSchedulesConfig({ rotations, schedules, schedule_overrides: overrides });
  return { schedules: ws.schedules, overrides: ws.edits.overrides };
}

export async function run(options: { runs?: number } = {}): Promise<SchedulesBenchResult> {
  const runs = options.runs ?? 50;
  const warmup = 15;
  const ws = parseSchedulesConfig(DEMO_SCHEDULES_DOCUMENT);
  const amer = ws.groups.find((g) => g.id === 'amer')!;
  const overrides = amerOverrides(200, amer.schedules);
  const edits = { overrides };

  let yearEntries = 0;
  const yearTimes: number[] = [];
  const yearCpu: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = renderGroup(amer, YEAR_START, YEAR_END, edits);
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i >= warmup) yearTimes.push(dt);
    if (i >= warmup) yearCpu.push((c.user + c.system) / 1000);
    yearEntries = r.schedules.reduce((n, s) => n + s.entries.length, 0) + r.dri.length;
  }

  const many = manySchedules(500);
  const manyEdits = { overrides: many.overrides };
  const nowTimes: number[] = [];
  const nowCpu: number[] = [];
  const base = Temporal.Instant.from('2026-11-23T10:00:00Z').epochMilliseconds;
  for (let i = 0; i < runs + warmup; i++) {
    // A different instant each run (minutes apart), as a live "now" would be.
    const now = Temporal.Instant.fromEpochMilliseconds(base + i * 7 * 60_000);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let owners = 0;
    for (const s of many.schedules) owners += onCallAt(s, now, manyEdits).owners.length;
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i >= warmup) nowCpu.push((c.user + c.system) / 1000);
    if (owners === 0) throw new Error('schedules bench: nobody on call across 500 schedules');
    if (i >= warmup) nowTimes.push(dt);
  }

  const renderYearMedianMs = Math.round(median(yearTimes) * 100) / 100;
  const onCallNow500MedianMs = Math.round(median(nowTimes) * 100) / 100;
  const renderYearCpuMedianMs = Math.round(median(yearCpu) * 100) / 100;
  const onCallNow500CpuMedianMs = Math.round(median(nowCpu) * 100) / 100;
  const targets = { renderYearMs: 20, onCallNow500Ms: 5 };
  return {
    name: 'schedules',
    runs,
    yearEntries,
    overrides: overrides.length,
    schedules: many.schedules.length,
    renderYearMedianMs,
    onCallNow500MedianMs,
    renderYearCpuMedianMs,
    onCallNow500CpuMedianMs,
    targets,
    meetsTargets: renderYearMedianMs <= targets.renderYearMs && onCallNow500MedianMs <= targets.onCallNow500Ms,
  };
}


if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2]) || undefined;
  run(runs ? { runs } : {}).then(
    (r) => {
      console.log(`schedules: render one year of AMER (3 schedules + DRI + ${r.overrides} overrides, ${r.yearEntries} entries): median ${r.renderYearMedianMs} ms wall, ${r.renderYearCpuMedianMs} ms CPU (target ≤ ${r.targets.renderYearMs})`);
      console.log(`schedules: who is on call now across ${r.schedules} schedules: median ${r.onCallNow500MedianMs} ms wall, ${r.onCallNow500CpuMedianMs} ms CPU (target ≤ ${r.targets.onCallNow500Ms})`);
      console.log(`schedules: targets ${r.meetsTargets ? 'met' : 'NOT met'}`);
      console.log(JSON.stringify(r));
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
