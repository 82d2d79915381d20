// `hotline report <name>`: the RP-1 reports from a terminal, the same numbers as the API and the web
// app's Reports screen; --json or --csv for scripts and spreadsheets.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { CliError, printJson, printTable } from '../cli/output.ts';
import { GROUPS, REPORTS, REPORT_NAMES } from './report.ts';

const LIST = REPORT_NAMES.map((n) => `  ${n.padEnd(22)}${REPORTS[n]}`).join('\n');

export function registerReportCommands(program: Command): void {
  program
    .command('report <NAME>')
    .description(`A report over a period (RP-1; managers and admins). Reports:\n${LIST}`)
    .requiredOption('--since <WHEN>', 'start of the period: a date (2026-11-01) or an instant')
    .requiredOption('--until <WHEN>', 'end of the period (a date counts in full)')
    .option('--group <BY>', `group rows by ${GROUPS.join('|')}`)
    .option('--region <R>', 'only this region (AMER, EMEA, APAC, …)')
    .option('--organisation <ORG>', 'only this organisation (name, slug or id)')
    .option('--form <FORM>', 'only tickets of this form')
    .option('--zone <TZ>', 'time zone for hours, shifts and weeks (default: the region\'s, else UTC)')
    .option('--json', 'machine-readable output')
    .option('--csv', 'CSV output (header line, then one line per row)')
    .addHelpText('after', '\nExample: hotline report time-to-acknowledge --since 2026-11-01 --until 2026-11-30 --group region --csv > ack.csv')
    .action(async (name: string, o) => {
      if (!(REPORT_NAMES as string[]).includes(name)) throw new CliError(`There is no report "${name}". Reports:\n${LIST}`, 2, 'report.unknown');
      if (o.json && o.csv) throw new CliError('Choose one of --json and --csv.', 2, 'cli.bad_option');
      const params = new URLSearchParams({ since: o.since, until: o.until });
      for (const k of ['group', 'region', 'organisation', 'form', 'zone'] as const) if (o[k]) params.set(k, o[k]);
      if (o.csv) params.set('format', 'csv');
      const r = await client().get(`/api/v1/reports/${encodeURIComponent(name)}?${params}`);
      if (o.csv) return void process.stdout.write(r);
      if (o.json) return printJson(r);
      process.stdout.write(`${r.title}\n${r.since} – ${r.until} (${r.zone})\n\n`);
      printTable(r.rows.map((row: unknown[]) => Object.fromEntries(r.columns.map((c: string, i: number) => [c, row[i]]))), r.columns);
      process.stdout.write(`\n${r.note}\n`);
    });
}
