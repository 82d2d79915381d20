// `hotline oncall` and `hotline schedule show|gaps|override`: who is on call (until when, who is
// next), a schedule as a terminal timeline (schedule zone and your zone), coverage gaps (SCH-9), and
// an override (SCH-6).
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { CliError, EXIT, printJson, printTable } from '../cli/output.ts';
import { Temporal } from '../kernel/time.ts';
import { renderTerminalTimeline } from './terminal.ts';

const viewerZone = () => process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function iso(v: string | undefined, name: string): string | undefined {
  if (!v) return undefined;
  try {
    return Temporal.Instant.from(v).toString();
  } catch {
    throw new CliError(`--${name} "${v}" is not an instant; write ISO-8601 with a zone, e.g. 2026-07-14T16:30:00Z.`, EXIT.usage);
  }
}

export function registerScheduleCommands(program: Command): void {
  program
    .command('oncall')
    .description('Who is on call now (or at --at), per rotation group, with the DRI')
    .option('--group <ID>', 'one rotation group, e.g. amer')
    .option('--at <ISO>', 'an instant instead of now, e.g. 2026-07-14T16:30:00Z')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const qs = new URLSearchParams();
      if (o.group) qs.set('group', o.group);
      const at = iso(o.at, 'at');
      if (at) qs.set('at', at);
      const r = await client().get(`/api/v1/oncall?${qs}`);
      if (o.json) return printJson(r);
      process.stdout.write(`On call at ${r.at}\n\n`);
      printTable(r.groups.map((g: any) => ({ group: g.name, 'on call': g.owners, dri: g.dri.user, shadows: g.shadows, until: g.until, next: g.next?.owners ?? [] })), ['group', 'on call', 'dri', 'shadows', 'until', 'next']);
      process.stdout.write('\n');
      printTable(r.schedules.map((s: any) => ({ schedule: s.scheduleId, 'on call': s.owners, shadows: s.shadows })), ['schedule', 'on call', 'shadows']);
    });

  const schedule = program.command('schedule').description('Schedules: the final schedule as a timeline, coverage gaps');
  schedule
    .command('show <NAME>')
    .description('The final schedule as a terminal timeline (one row per person; schedule and your zone shown)')
    .option('--since <ISO>', 'start (default: now)')
    .option('--until <ISO>', 'end (default: 7 days after start)')
    .option('--tz <ZONE>', 'your zone for the second axis (default: this machine\'s)')
    .option('--json', 'machine-readable output')
    .action(async (name: string, o) => {
      const qs = new URLSearchParams();
      const since = iso(o.since, 'since');
      const until = iso(o.until, 'until');
      if (since) qs.set('since', since);
      if (until) qs.set('until', until);
      const r = await client().get(`/api/v1/schedules/${encodeURIComponent(name)}/final?${qs}`);
      if (o.json) return printJson(r);
      process.stdout.write(renderTerminalTimeline({
        name: r.name, id: r.scheduleId, scheduleZone: r.timeZone, viewerZone: o.tz ?? viewerZone(),
        since: Temporal.Instant.from(r.from), until: Temporal.Instant.from(r.to), entries: r.entries, gaps: r.gaps,
        width: Math.max(48, Math.min(120, (process.stdout.columns ?? 130) - 30)),
      }));
    });
  schedule
    .command('gaps <NAME>')
    .description('Coverage gaps and single-engineer hours of a rotation group or schedule')
    .option('--days <N>', 'how many days ahead', '30')
    .option('--since <ISO>', 'start (default: now)')
    .option('--json', 'machine-readable output')
    .action(async (name: string, o) => {
      const qs = new URLSearchParams({ days: String(o.days) });
      const since = iso(o.since, 'since');
      if (since) qs.set('since', since);
      const r = await client().get(`/api/v1/schedules/${encodeURIComponent(name)}/gaps?${qs}`);
      if (o.json) return printJson(r);
      process.stdout.write(`${r.kind} ${r.ref}, ${r.since} → ${r.until}\n\nGaps (nobody on call):\n`);
      printTable(r.gaps.map((g: any) => ({ from: g.start, to: g.end, hours: ((Date.parse(g.end) - Date.parse(g.start)) / 3_600_000).toFixed(1) })), ['from', 'to', 'hours']);
      process.stdout.write(`\nSingle-engineer hours: ${r.singleEngineer.hours}\n`);
      printTable(r.singleEngineer.intervals.map((g: any) => ({ from: g.start, to: g.end, engineer: g.user })), ['from', 'to', 'engineer']);
    });
  schedule
    .command('override <SCHEDULE>')
    .description('Cover a span of a schedule (--user), give it up (--replaces), or both: --user takes it over from --replaces (SCH-6)')
    .requiredOption('--start <ISO>', 'start, now or later, e.g. 2026-07-14T16:00:00Z')
    .requiredOption('--end <ISO>', 'end, e.g. 2026-07-14T17:00:00Z')
    .option('--user <EMAIL>', 'who covers')
    .option('--replaces <EMAIL>', 'who gives the time up')
    .option('--note <TEXT>', 'why, shown to the team')
    .option('--json', 'machine-readable output')
    .action(async (name: string, o) => {
      const body = { schedule: name, start: iso(o.start, 'start'), end: iso(o.end, 'end'), ...(o.user ? { user: o.user } : {}), ...(o.replaces ? { replaces: o.replaces } : {}), ...(o.note ? { note: o.note } : {}) };
      const r = await client().post('/api/v1/schedule-overrides', body);
      if (o.json) return printJson(r);
      process.stdout.write(`Override ${r.id} on ${r.scheduleId}: ${r.user ?? 'nobody'}${r.replaces ? ` instead of ${r.replaces}` : ''}, ${r.start} → ${r.end}\n`);
    });
}
