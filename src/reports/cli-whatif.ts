// `hotline whatif`: RP-2 from a terminal. The proposal is a workspace file (the format of
// `hotline apply`; start from `hotline export`); the server replays the period and answers the
// side by side. Exit codes as the README says: 2 bad input (the message names the problem).
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { client } from '../cli/client.ts';
import { CliError, EXIT, printJson, printTable } from '../cli/output.ts';

const HELP = `
Replays the real emergencies of a past period (when each arrived, how long it kept its engineer
busy) against the schedules as they were and as the proposal would have them, and prints both side
by side: emergencies that came while the on-call engineer was busy (concurrent), those that waited
for the manager on call, hours with a single engineer on, night pages, per week and per person.

The proposal holds the rotations, schedules or rotation groups as they would be; each replaces the
current one of the same id. Nothing is changed. Example:

  hotline export > now.yaml        # copy a rotation out of it and edit it
  hotline whatif --since 2026-06-01 --until 2026-09-01 -f proposal.yaml
  hotline whatif --since 2026-06-01 --until 2026-09-01 -f proposal.yaml --csv > weeks.csv`;

const LABELS: [string, string][] = [
  ['arrivals', 'emergencies'], ['concurrent', 'concurrent (engineer busy)'], ['waitedForManager', 'waited for the manager'], ['uncovered', 'nobody on call'],
  ['singleEngineerHours', 'single-engineer hours'], ['singleEngineerArrivals', 'arrivals in single-engineer hours'], ['nightPages', 'night pages'],
];

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function registerWhatIfCommands(program: Command): Command {
  return program
    .command('whatif')
    .description('What-if staffing (RP-2): replay a past period against a proposed schedule, side by side with the actual one')
    .requiredOption('--since <DATE>', 'start of the period (2026-06-01 or an ISO-8601 instant)')
    .requiredOption('--until <DATE>', 'end of the period (exclusive)')
    .requiredOption('-f, --file <FILE>', 'the proposal: a workspace YAML file with the rotations/schedules/rotation_groups as proposed')
    .option('--zone <TZ>', 'weeks start Monday 00:00 in this time zone', 'UTC')
    .option('--json', 'the whole result as JSON')
    .option('--csv', 'the weeks as CSV (actual, proposed and difference of each figure)')
    .addHelpText('after', HELP)
    .action(async (o) => {
      let proposal: string;
      try {
        proposal = readFileSync(o.file, 'utf8');
      } catch (e) {
        throw new CliError(`Cannot read the proposal ${o.file}: ${(e as Error).message}. Give a workspace YAML file with -f.`, EXIT.usage);
      }
      const body = { since: o.since, until: o.until, proposal, zone: o.zone };
      if (o.csv) return void process.stdout.write(await client().post('/api/v1/whatif?format=csv', body));
      const r = await client().post('/api/v1/whatif', body);
      if (o.json) return printJson(r);
      process.stdout.write(`What-if ${r.since} – ${r.until} (groups ${r.groups.join(', ') || 'none'}; weeks from Monday in ${r.zone})\n\n`);
      printTable(LABELS.map(([k, label]) => ({ figure: label, actual: r.totals.actual[k], proposed: r.totals.proposed[k], difference: signed(r.totals.difference[k]) })), ['figure', 'actual', 'proposed', 'difference']);
      process.stdout.write('\nPer week\n');
      printTable(r.weeks.map((w: any) => ({ week: w.week, emergencies: w.actual.arrivals, 'waited (actual → proposed)': `${w.actual.waitedForManager} → ${w.proposed.waitedForManager}`, 'single-engineer h': `${w.actual.singleEngineerHours} → ${w.proposed.singleEngineerHours}`, 'night pages': `${w.actual.nightPages} → ${w.proposed.nightPages}` })), ['week', 'emergencies', 'waited (actual → proposed)', 'single-engineer h', 'night pages']);
      process.stdout.write('\nPer person\n');
      printTable(r.people.map((p: any) => ({ person: p.user, emergencies: `${p.actual.emergencies} → ${p.proposed.emergencies}`, 'night pages': `${p.actual.nightPages} → ${p.proposed.nightPages}`, hours: `${p.actual.handlingHours} → ${p.proposed.handlingHours}` })), ['person', 'emergencies', 'night pages', 'hours']);
      for (const [side, groups] of Object.entries(r.missingGroups as Record<string, string[]>)) if (groups.length) process.stdout.write(`\nNote: the ${side} schedules define no group ${groups.join(', ')}; its emergencies went to the manager.\n`);
    });
}
