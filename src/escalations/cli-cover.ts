// `hotline cover …`: support managers' cover requests from a terminal (SM-9). Exit codes as the
// README says: 2 bad input, 3 not allowed, 4 not found, 5 conflict (already answered, expired).
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';

const ref = (r: string) => encodeURIComponent(r.replace(/^#/, ''));
const COLUMNS = ['#', 'state', 'from', 'to', 'requester', 'asked', 'answered by'];
const row = (c: any) => ({ '#': c.number, state: c.state, from: c.start, to: c.end, requester: c.requester?.name, asked: c.asked?.name ?? 'any manager', 'answered by': c.answeredBy?.name });

export function registerCoverCommands(program: Command): Command {
  const cover = program.command('cover').description('Support manager on-call cover (SM-9): request, list, accept, decline, withdraw');
  const said = (o: { json?: boolean }, c: any, text: string): void => {
    if (o.json) printJson(c);
    else process.stdout.write(`Cover request #${c.number}: ${text}.\n`);
  };
  cover.command('request')
    .description('Ask a named manager (--ask) or any manager to cover your on-call hours')
    .requiredOption('--from <ISO>', 'start of the hours (ISO-8601 with a zone)')
    .requiredOption('--to <ISO>', 'end of the hours')
    .option('--ask <EMAIL>', 'the manager you ask; without it, an open request to every manager')
    .option('--note <TEXT>', 'why, or what is going on')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const c = await client().post('/api/v1/cover-requests', { start: o.from, end: o.to, ...(o.ask ? { ask: o.ask } : {}), ...(o.note ? { note: o.note } : {}) });
      said(o, c, `asked ${c.asked ? c.asked.name : 'every manager'} to cover ${c.start} – ${c.end}`);
    });
  cover.command('list')
    .description('Cover requests (default: the open ones, soonest first)')
    .option('--state <STATE>', 'open, accepted, declined, expired or withdrawn', 'open')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().get(`/api/v1/cover-requests?state=${encodeURIComponent(o.state)}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map(row), COLUMNS);
    });
  cover.command('accept <REQUEST>')
    .description('Accept: you become the support manager on call for those hours (an override)')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => said(o, await client().post(`/api/v1/cover-requests/${ref(r)}/accept`, {}), 'accepted; you are on call for those hours'));
  cover.command('decline <REQUEST>')
    .description('Decline a request that names you; the requester is told')
    .option('--reason <TEXT>', 'why (the requester reads it)')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => said(o, await client().post(`/api/v1/cover-requests/${ref(r)}/decline`, o.reason ? { reason: o.reason } : {}), 'declined; the requester is told'));
  cover.command('withdraw <REQUEST>')
    .description('Withdraw your own request while nobody has answered it; the manager asked (or every manager) is told')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => said(o, await client().post(`/api/v1/cover-requests/${ref(r)}/withdraw`, {}), 'withdrawn; the managers asked are told'));
  return cover;
}
