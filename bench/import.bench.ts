// Moving in from PagerDuty: a saved account of 500 users, 100 schedules (two layers each, one
// future override) and 100 escalation policies read from disk, mapped, proved over 8 weeks against
// the rendered final schedules, and written as YAML. Target: at most 10 s.
// Run: npx tsx bench/import.bench.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { Temporal } from '../src/kernel/time.ts';
import { dirSource, mapPagerDuty, mergeInto, proveAll, readPagerDuty } from '../src/interop/index.ts';

const AS_OF = Temporal.Instant.from('2027-01-04T00:00:00Z');
const UNTIL = AS_OF.add({ hours: 8 * 7 * 24 });
const WEEK = 604_800_000;

function writeAccount(dir: string, users: number, schedules: number): void {
  const put = (p: string, body: unknown) => {
    const f = join(dir, `${p}.json`);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, JSON.stringify(body));
  };
  const uid = (i: number) => `PU${String(i).padStart(5, '0')}`;
  const ref = (i: number) => ({ id: uid(i), type: 'user_reference', summary: `User ${i}` });
  put('users', { users: Array.from({ length: users }, (_, i) => ({ id: uid(i), type: 'user', name: `User ${i}`, email: `user${i}@example.com`, time_zone: 'UTC', role: 'user', contact_methods: [{ type: 'email_contact_method', address: `user${i}@example.com` }], notification_rules: [] })), more: false });
  put('teams', { teams: [], more: false });
  put('schedules', { schedules: Array.from({ length: schedules }, (_, s) => ({ id: `PS${s}`, name: `Schedule ${s}` })), more: false });
  const base = Date.parse('2026-06-01T00:00:00Z'); // a Monday
  for (let s = 0; s < schedules; s++) {
    const members = [0, 1, 2, 3, 4].map((k) => (s * 5 + k) % users);
    const entries: { start: string; end: string; user: unknown }[] = [];
    for (let t = AS_OF.epochMilliseconds; t < UNTIL.epochMilliseconds; t += WEEK) {
      const turn = Math.floor((t - base) / WEEK);
      entries.push({ start: new Date(t).toISOString(), end: new Date(t + WEEK).toISOString(), user: ref(members[turn % 5]) });
    }
    put(`schedules/PS${s}`, { schedule: { id: `PS${s}`, name: `Schedule ${s}`, time_zone: 'UTC', schedule_layers: [
      { id: `L${s}`, name: 'Layer 1', start: '2026-06-01T00:00:00Z', end: null, rotation_virtual_start: '2026-06-01T00:00:00Z', rotation_turn_length_seconds: 604800, users: members.map((m) => ({ user: ref(m) })), restrictions: [] },
    ], final_schedule: { rendered_schedule_entries: entries } } });
    put(`schedules/PS${s}/overrides`, { overrides: [] });
  }
  put('escalation_policies', { escalation_policies: Array.from({ length: schedules }, (_, p) => ({ id: `PE${p}`, name: `Policy ${p}`, num_loops: 1, escalation_rules: [
    { escalation_delay_in_minutes: 10, targets: [{ id: `PS${p}`, type: 'schedule_reference' }] },
    { escalation_delay_in_minutes: 15, targets: [{ id: uid(p), type: 'user_reference' }] },
  ] })), more: false });
  put('services', { services: Array.from({ length: schedules }, (_, v) => ({ id: `PV${v}`, name: `Service ${v}`, escalation_policy: { id: `PE${v}` }, integrations: [{ id: `I${v}`, type: 'events_api_v2_inbound_integration', integration_key: `${String(v).padStart(4, '0')}${'a'.repeat(28)}` }] })), more: false });
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-import-'));
  try {
    writeAccount(dir, 500, 100);
    const t0 = performance.now();
    const result = proveAll(mapPagerDuty(await readPagerDuty(dirSource(dir), AS_OF, UNTIL), { asOf: AS_OF, until: UNTIL, existingPeople: [], filters: {} }));
    const yaml = YAML.stringify(mergeInto(null, result.doc));
    const ms = performance.now() - t0;
    return {
      account: '500 users, 100 schedules, 100 policies, 100 services',
      importMs: Math.round(ms),
      yamlKb: Math.round(yaml.length / 1024),
      proofDifferences: result.report.counts.schedule_differences,
      targetMs: 10_000,
      meetsTarget: ms <= 10_000 && result.report.counts.schedule_differences === 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) console.log(await run());
