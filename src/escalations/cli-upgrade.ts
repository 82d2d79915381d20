// `hotline upgrade …`: upgrade-assistance requests from a terminal (SM-8). Exit codes as the README
// says: 2 bad input, 3 not allowed, 4 not found, 5 conflict.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { CliError, fail, printJson, printTable } from '../cli/output.ts';

const ref = (r: string) => encodeURIComponent(r.replace(/^#/, ''));
const COLUMNS = ['#', 'ticket', 'start', 'duration', 'requester', 'state', 'assignee', 'flags'];
const row = (u: any) => ({
  '#': u.number, ticket: u.ticket.number, start: u.startLocal, duration: `${u.durationMinutes} min`, requester: u.requester?.name, state: u.state,
  assignee: u.assignee?.name ?? '', flags: (u.flags ?? []).map((f: any) => f.code).join(', '),
});
const minutes = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d{1,4}$/.test(v)) fail(new CliError('--duration takes whole minutes, e.g. --duration 120.', 2, 'cli.bad_duration'));
  return Number(v);
};

export function registerUpgradeCommands(program: Command): Command {
  const up = program.command('upgrade').description('Upgrade-assistance requests (SM-8): list, show, reassign, reschedule');
  const said = (o: { json?: boolean }, u: any, text: string): void => {
    if (o.json) printJson(u);
    else process.stdout.write(`Upgrade request #${u.number}: ${text}.\n`);
  };
  up.command('list')
    .description('Upgrade-assistance requests, newest first, with why each is flagged')
    .option('--flagged', 'only those flagged for a manager (outside support hours, short notice)')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().get(`/api/v1/upgrade-requests${o.flagged ? '?flagged=true' : ''}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map(row), COLUMNS);
    });
  up.command('show <REQUEST>')
    .description('One request: the session, scope, flags with their reasons, and its steps')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const u = await client().get(`/api/v1/upgrade-requests/${ref(r)}`);
      if (o.json) return printJson(u);
      const lines = [
        `Upgrade request #${u.number} (ticket #${u.ticket.number}) — ${u.state}`,
        `Requester: ${u.requester?.name ?? '?'}${u.organization ? ` (${u.organization.name})` : ''}`,
        `Session:   ${u.startLocal}, ${u.durationMinutes} min`,
        `Scope:     ${u.scope}`,
        `Assignee:  ${u.assignee?.name ?? 'nobody yet'}`,
        ...(u.flags ?? []).map((f: any) => `Flagged:   ${f.reason}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  up.command('reassign <REQUEST>')
    .description('Give the session to another engineer; the requester is told in the ticket')
    .requiredOption('--to <EMAIL>', 'the engineer who takes it')
    .option('--note <TEXT>', 'a line for the requester')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const u = await client().post(`/api/v1/upgrade-requests/${ref(r)}/reassign`, { engineer: o.to, ...(o.note ? { note: o.note } : {}) });
      said(o, u, `reassigned to ${u.assignee?.name}; the requester is told`);
    });
  up.command('reschedule <REQUEST>')
    .description('Propose a new time; the requester is told in the ticket, in their own time zone')
    .requiredOption('--start <ISO>', 'the new start, ISO-8601 with a zone (2026-12-10T09:00:00-08:00)')
    .option('--duration <MINUTES>', 'a new length in minutes (default: unchanged)')
    .option('--note <TEXT>', 'a line for the requester')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const d = minutes(o.duration);
      const u = await client().post(`/api/v1/upgrade-requests/${ref(r)}/reschedule`, { start: o.start, ...(d !== undefined ? { durationMinutes: d } : {}), ...(o.note ? { note: o.note } : {}) });
      said(o, u, `new time proposed, ${u.startLocal}; the requester is told`);
    });
  return up;
}
