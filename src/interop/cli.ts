// `hotline import pagerduty|opsgenie|grafana-oncall`: read the vendor (API or saved responses),
// write a Hotline workspace file, and report what mapped, what was approximated and what did not,
// with the schedule proof (vendor rendering vs Hotline, at every hand-off of the next weeks).
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';
import { CliError, EXIT, printJson, printTable } from '../cli/output.ts';
import { Temporal } from '../kernel/time.ts';
import { apiSource, dirSource, type Paging, type Source } from './adapter-source.ts';
import { PAGERDUTY_API, pagerDutyHeaders, readPagerDuty } from './adapter-pagerduty.ts';
import type { ImportReport, ImportResult, Plain } from './document.ts';
import { mergeInto, peopleOf, proveAll } from './finish.ts';
import type { Filters } from './filters.ts';
import { mapPagerDuty } from './pagerduty.ts';
import { OPSGENIE_API, opsgenieHeaders, readOpsgenie } from './adapter-opsgenie.ts';
import { mapOpsgenie } from './opsgenie.ts';
import { GRAFANA_ONCALL_API, grafanaOnCallHeaders, readGrafanaOnCall } from './adapter-grafana-oncall.ts';
import { mapGrafanaOnCall } from './grafana-oncall.ts';

export interface VendorPlan {
  name: string;
  defaultApi: string;
  headers(token: string): Record<string, string>;
  paging: Paging;
  run(src: Source, o: { asOf: Temporal.Instant; until: Temporal.Instant; existingPeople: string[]; filters: Filters }): Promise<ImportResult>;
}

export const VENDORS: Record<string, VendorPlan> = {
  pagerduty: {
    name: 'PagerDuty',
    defaultApi: PAGERDUTY_API,
    headers: pagerDutyHeaders,
    paging: 'offset-more',
    run: async (src, o) => mapPagerDuty(await readPagerDuty(src, o.asOf, o.until), o),
  },
  opsgenie: {
    name: 'Opsgenie',
    defaultApi: OPSGENIE_API,
    headers: opsgenieHeaders,
    paging: 'offset-next',
    run: async (src, o) => mapOpsgenie(await readOpsgenie(src, o.asOf, o.until), o),
  },
  'grafana-oncall': {
    name: 'Grafana OnCall',
    defaultApi: GRAFANA_ONCALL_API,
    headers: grafanaOnCallHeaders,
    paging: 'next-url',
    run: async (src, o) => mapGrafanaOnCall(await readGrafanaOnCall(src, o.asOf, o.until), o),
  },
};

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

function instantOption(v: string | undefined): Temporal.Instant {
  if (!v) return Temporal.Now.instant().round({ smallestUnit: 'minute', roundingMode: 'floor' });
  try {
    return Temporal.Instant.from(v);
  } catch {
    throw new CliError(`--as-of "${v}" is not an instant; write ISO-8601 with a zone, e.g. 2027-01-04T00:00:00Z.`, EXIT.usage);
  }
}

function readInto(file: string | undefined): Plain | null {
  if (!file) return null;
  try {
    const v = YAML.parse(readFileSync(file, 'utf8'));
    if (!v || typeof v !== 'object') throw new Error('not a mapping');
    return v as Plain;
  } catch (e) {
    throw new CliError(`--into ${file}: cannot read it as a workspace file (${(e as Error).message}); write one with \`hotline export -o ${file}\`.`, EXIT.usage);
  }
}

function printReport(r: ImportReport): void {
  const w = (s: string) => process.stderr.write(s + '\n');
  w(`Imported from ${r.vendor} as of ${r.asOf}: ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (r.approximated.length) { w('\nApproximated:'); for (const a of r.approximated) w(`  ${a.kind} ${a.source}: ${a.how}`); }
  if (r.notMapped.length) { w('\nNot mapped:'); for (const n of r.notMapped) w(`  ${n.kind} ${n.source}: ${n.why}`); }
  w('\nSchedule proof (vendor rendering vs Hotline, at every hand-off):');
  const out = process.stdout;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof out.write;
  try {
    printTable(r.proof.map((p) => ({ schedule: p.schedule, from: p.from, to: p.to, instants: p.instants, differences: p.differences.length })), ['schedule', 'from', 'to', 'instants', 'differences']);
  } finally {
    process.stdout.write = out.write.bind(out);
  }
  for (const p of r.proof) for (const d of p.differences.slice(0, 10)) w(`  ${p.schedule} at ${d.at}: ${r.vendor} has ${d.vendor.join(', ') || 'nobody'}, Hotline has ${d.hotline.join(', ') || 'nobody'}`);
}

/** Registers `hotline import <vendor>`; returns the `import` command for vendors whose import writes the database (Zendesk). */
export function registerImportCommands(program: Command): Command {
  const cmd = program.command('import').description('Move in from another tool: write a Hotline workspace file and a report (see "Moving to Hotline")');
  for (const [key, v] of Object.entries(VENDORS)) {
    cmd
      .command(key)
      .description(`Read ${v.name} (its REST API, or saved responses with --from) and write a workspace YAML for \`hotline apply -f\``)
      .option('--api-url <URL>', `${v.name} API base URL`, v.defaultApi)
      .option('--token <TOKEN>', `${v.name} API token (default: $HOTLINE_IMPORT_TOKEN)`)
      .option('--from <DIR>', 'read saved JSON responses from DIR instead of the API (air-gapped moves)')
      .option('-o, --output <FILE>', 'write the workspace YAML to FILE (default: standard output)')
      .option('--into <FILE>', 'a workspace file from `hotline export`: match its people by e-mail and keep its content in the output')
      .option('--team <NAME>', 'only this team (name or id; repeat or comma-separate)', collect)
      .option('--user <EMAIL>', 'only schedules and policies of this person (repeat or comma-separate)', collect)
      .option('--name-regex <REGEX>', 'only schedules, policies and services whose name matches')
      .option('--as-of <ISO>', 'the instant the move happens (default: now): the proof window and "future" overrides start here')
      .option('--weeks <N>', 'length of the schedule proof window in weeks', '8')
      .option('--json', 'print the report as JSON on standard output (needs -o)')
      .action(async (o) => {
        if (o.json && !o.output) throw new CliError('--json prints the report on standard output; give -o FILE for the workspace YAML.', EXIT.usage);
        const weeks = Number(o.weeks);
        if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw new CliError('--weeks must be a whole number from 1 to 52.', EXIT.usage);
        let nameRegex: RegExp | undefined;
        try {
          nameRegex = o.nameRegex ? new RegExp(o.nameRegex, 'i') : undefined;
        } catch (e) {
          throw new CliError(`--name-regex: ${(e as Error).message}`, EXIT.usage);
        }
        const token = o.token ?? process.env.HOTLINE_IMPORT_TOKEN;
        if (!o.from && !token) throw new CliError(`give --token (or set HOTLINE_IMPORT_TOKEN) to read the ${v.name} API, or --from DIR for saved responses.`, EXIT.usage);
        const base = readInto(o.into);
        const asOf = instantOption(o.asOf);
        const until = asOf.add({ hours: weeks * 7 * 24 });
        const src = o.from ? dirSource(o.from) : apiSource({ baseUrl: o.apiUrl, headers: v.headers(token), paging: v.paging, vendor: v.name });
        const result = proveAll(await v.run(src, { asOf, until, existingPeople: peopleOf(base), filters: { teams: o.team, users: o.user, nameRegex } }));
        const header = `# Imported from ${v.name} by \`hotline import ${key}\` (as of ${asOf}). Review, then: hotline apply --dry-run -f <this file>\n`;
        const yaml = header + YAML.stringify(mergeInto(base, result.doc), { lineWidth: 0 });
        if (o.output) writeFileSync(o.output, yaml);
        else process.stdout.write(yaml);
        if (o.json) printJson(result.report);
        else printReport(result.report);
      });
  }
  return cmd;
}
