// `hotline emergency …`: the board, one emergency, and the actions an engineer takes at 3 a.m.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { CliError, EXIT, printJson, printTable } from '../cli/output.ts';
import { historyOptions, historyParams } from '../cli/history.ts';
import { registerPathCommands } from './cli-paths.ts';

const ref = (r: string) => encodeURIComponent(r.replace(/^#/, ''));
const BOARD = ['#', 'age', 'owner', 'entitlement', 'qualification', 'next', 'due'];
const boardRow = (e: any) => ({
  '#': e.ticketNumber, age: `${e.ageMinutes} min`, owner: e.owner, entitlement: e.entitlement, qualification: e.qualification,
  next: e.next ? `${e.next.label}${e.next.status === 'overdue' ? ' (OVERDUE)' : ''}` : null, due: e.next?.dueAt ?? null,
});

function done(o: { json?: boolean }, r: any, what: string): void {
  if (o.json) return printJson(r);
  const e = r.emergency ?? r;
  process.stdout.write(`Emergency ticket ${e.ticketNumber}: ${what}.${e.runbook?.next ? ` Next: ${e.runbook.next}.` : ''}\n`);
  for (const n of r.notices ?? []) process.stdout.write(`  ! ${n.text}\n`);
}

/** Registers `hotline emergency …` and returns it, for the commands other rooms hang under it (incidents). */
export function registerEmergencyCommands(program: Command): Command {
  const em = program.command('emergency').description('Customer emergencies: board, detail, acknowledge, qualify, reply, hand-off (WF-1..WF-16)');
  historyOptions(em.command('list')
    .description('Open emergencies, oldest first, with age, owner and the next due runbook step; with --state or any filter, the history (RP-3), newest first')
    .option('--all', 'include resolved and not-paged emergencies')
    .option('--state <STATE>', 'open, resolved, not_paged, ended or all')
    .option('--owner <EMAIL>', 'owned by this engineer')
    .option('--org <ID>', 'of this organisation')
    .option('--service <ID>', 'paged through this service')
    .option('--json', 'machine-readable output'))
    .action(async (o) => {
      const qs = historyParams(o, new URLSearchParams());
      if (o.state) qs.set('state', o.state);
      if (o.owner) qs.set('owner', o.owner);
      if (o.org) qs.set('organizationId', o.org);
      if (o.service) qs.set('serviceId', o.service);
      if (!qs.size && o.all) qs.set('all', 'true');
      const r = await client().get(`/api/v1/emergencies${qs.size ? `?${qs}` : ''}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map(boardRow), BOARD);
      if (r.nextOffset) process.stdout.write(`more: --offset ${r.nextOffset}\n`);
    });
  em.command('show <TICKET>')
    .description('One emergency (ticket number or id): entitlement, runbook, timers and thread')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => {
      const e = await client().get(`/api/v1/emergencies/${ref(t)}`);
      if (o.json) return printJson(e);
      process.stdout.write(`Emergency ticket ${e.ticketNumber} — ${e.state}, ${e.ticket.priority}, owner ${e.ticket.assignee ?? e.driUserId ?? '—'}\n`);
      process.stdout.write(`Entitlement: ${e.entitlement.kind} — ${e.entitlement.message}\nThread: ${e.channel}\nBridge: ${e.bridgeUrl ?? '— (set one with `hotline emergency bridge`)'}\n\nRunbook:\n`);
      printTable(e.runbook.items.map((i: any) => ({ step: i.label, status: i.status, due: i.dueAt, done: i.doneAt })), ['step', 'status', 'due', 'done']);
      process.stdout.write('\nTimers:\n');
      printTable(e.timers.map((x: any) => ({ timer: x.kind, due: x.dueAt, state: x.state })), ['timer', 'due', 'state']);
      process.stdout.write('\nThread:\n');
      printTable(e.thread.map((p: any) => ({ at: p.at, kind: p.kind, who: p.author, text: `${p.late ? '[LATE] ' : ''}${p.text}`.slice(0, 120) })), ['at', 'kind', 'who', 'text']);
    });
  em.command('ack <TICKET>')
    .description('Acknowledge and own the emergency (WF-6); --escalate hands it to the manager instead (PG-4)')
    .option('--escalate', 'busy with another emergency: escalate instead of acknowledging')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => done(o, await client().post(`/api/v1/emergencies/${ref(t)}/${o.escalate ? 'escalate' : 'acknowledge'}`, {}), o.escalate ? 'escalated to the manager' : 'acknowledged, you own it'));
  em.command('qualify <TICKET> <VERDICT>')
    .description('WF-4 verdict: strict, exception (with --criterion), needs_more_info or not_emergency')
    .option('--criterion <C>', 'exception criterion: financial_impact, unusable_for_business, legal, audit, security')
    .option('--message <TEXT>', 'your own words to the customer')
    .option('--related <TICKET>', 'not_emergency: the customer\'s existing ticket to continue in')
    .option('--priority <P>', 'not_emergency: priority after the downgrade (default high)')
    .option('--json', 'machine-readable output')
    .action(async (t: string, verdict: string, o) => {
      const body = { verdict, ...(o.criterion ? { criterion: o.criterion } : {}), ...(o.message ? { message: o.message } : {}), ...(o.related ? { relatedTicket: o.related } : {}), ...(o.priority ? { downgradePriority: o.priority } : {}) };
      done(o, await client().post(`/api/v1/emergencies/${ref(t)}/qualify`, body), `qualified ${verdict}`);
    });
  em.command('reply <TICKET> <TEXT>')
    .description('Public reply to the customer (arms the WF-5 follow-up); --note writes on the emergency thread instead')
    .option('--note', 'a note on the emergency thread, not to the customer')
    .option('--json', 'machine-readable output')
    .action(async (t: string, text: string, o) => {
      const c = client();
      const e = await c.get(`/api/v1/emergencies/${ref(t)}`);
      const r = o.note ? await c.post(`/api/v1/emergencies/${e.id}/notes`, { text }) : await c.post(`/api/v1/tickets/${e.ticketId}/comments`, { body: text, public: true });
      if (o.json) return printJson(r);
      process.stdout.write(o.note ? `Note added to the thread of emergency ticket ${e.ticketNumber}.\n` : `Replied on emergency ticket ${e.ticketNumber}; the customer follow-up is armed.\n`);
    });
  em.command('bridge <TICKET> [URL]')
    .description('WF-5: the bridge link the customer joins: show it, set or change it (http/https URL), or remove it with --clear')
    .option('--clear', 'remove the bridge: the silence follow-up then offers to arrange a call instead')
    .option('--json', 'machine-readable output')
    .action(async (t: string, url: string | undefined, o) => {
      const c = client();
      if (url !== undefined && o.clear) throw new CliError('Give a URL or --clear, not both.', EXIT.usage);
      if (url === undefined && !o.clear) {
        const b = await c.get(`/api/v1/emergencies/${ref(t)}/bridge`);
        if (o.json) return printJson(b);
        process.stdout.write(`Emergency ticket ${b.ticketNumber}: ${b.bridgeUrl ? `bridge ${b.bridgeUrl}${b.live ? '' : ' (closed)'}` : 'no bridge'}\n`);
        return;
      }
      const e = await c.post(`/api/v1/emergencies/${ref(t)}/bridge`, { url: o.clear ? null : url });
      if (o.json) return printJson(e);
      process.stdout.write(`Emergency ticket ${e.ticketNumber}: ${e.bridgeUrl ? `bridge set to ${e.bridgeUrl}` : 'bridge removed'}.\n`);
    });
  em.command('handoff <TICKET>')
    .description('SCH-10: accept the hand-off as DRI, or name a replacement with --to')
    .option('--to <EMAIL>', 'the engineer who becomes DRI instead of you')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => done(o, await client().post(`/api/v1/emergencies/${ref(t)}/handoff`, o.to ? { replacement: o.to } : {}), o.to ? `handed to ${o.to}` : 'you are DRI'));
  registerPathCommands(em);
  return em;
}
