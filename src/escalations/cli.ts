// `hotline escalation …`: support escalations from a terminal (SM-1..SM-3). Exit codes as the
// README says: 2 bad input, 3 not allowed, 4 not found, 5 conflict (e.g. already open, not acknowledged).
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';
import { historyOptions, historyParams } from '../cli/history.ts';

const ref = (r: string) => encodeURIComponent(r.replace(/^#/, ''));
const COLUMNS = ['#', 'state', 'urgency', 'ticket', 'manager', 'owner', 'title'];
const row = (e: any) => ({ '#': e.number, state: e.state, urgency: e.urgency, ticket: e.ticket ? `#${e.ticket.number}` : 'internal', manager: e.manager?.name, owner: e.owner?.name, title: e.title.slice(0, 60) });

function printEscalation(e: any): void {
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`Escalation #${e.number} — ${e.state} (${e.urgency} urgency): ${e.title}`);
  out(`${e.ticket ? `Ticket #${e.ticket.number}` : 'Internal request'}; filed by ${e.initiator?.name ?? '—'} at ${e.createdAt}; manager ${e.manager?.name ?? '—'}; owner ${e.owner?.name ?? '—'}`);
  out(`Needed: ${e.need}\nBusiness case: ${e.businessCase}`);
  if (e.labels?.length) out(`Labels: ${e.labels.join(', ')}`);
  if (e.reason) out(`${e.state === 'rejected' ? 'Rejected because' : 'Closing comment'}: ${e.reason}`);
  out(`${e.url}\n\nThread (${e.channel}):`);
  for (const t of e.thread ?? []) out(`  ${t.at} ${t.author ? `${t.author}: ` : ''}${t.text.replace(/\n/g, '\n    ')}`);
  for (const h of e.helpThreads ?? []) out(`Help thread in ${h.channel}: ${h.entries.length} message(s)`);
}

/** `hotline escalation …`: file, list, show, acknowledge, assign, resolve, reject. */
export function registerEscalationCommands(program: Command): Command {
  const esc = program.command('escalation').description('Support escalations to the manager on call (SM-1..SM-3): file, list, show, ack, assign, resolve, reject');
  const show = (o: { json?: boolean }, e: any, said?: string): void => {
    if (o.json) printJson(e);
    else if (said) process.stdout.write(`Escalation #${e.number}: ${said}.\n`);
    else printEscalation(e);
  };
  esc.command('create')
    .description('File an escalation for a ticket (--ticket) or an internal request (--title); the manager on call is told')
    .option('--ticket <N>', 'the ticket number')
    .option('--title <TEXT>', 'what it is about (default: the ticket subject)')
    .requiredOption('--need <TEXT>', 'what is needed from the manager')
    .requiredOption('--business-case <TEXT>', 'why: the business case')
    .requiredOption('--urgency <LEVEL>', 'high, medium or low (see the definitions in the web app or GET /api/v1/escalations/definitions)')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const body = { ...(o.ticket ? { ticket: String(o.ticket).replace(/^#/, '') } : {}), ...(o.title ? { title: o.title } : {}), need: o.need, businessCase: o.businessCase, urgency: o.urgency };
      const e = await client().post('/api/v1/escalations', body);
      show(o, e, `filed and announced in ${e.channel}${e.manager ? ` to ${e.manager.name}` : ' (no manager on call)'}`);
    });
  historyOptions(esc.command('list')
    .description('Escalations in any state, newest first, with the history filters (RP-3)')
    .option('--open', 'only open ones (filed, acknowledged, assigned)')
    .option('--state <STATE>', 'open, ended, filed, acknowledged, assigned, resolved or rejected')
    .option('--user <ID>', 'filed by, managed by or owned by this person')
    .option('--org <ID>', 'about a ticket of this organisation')
    .option('--json', 'machine-readable output'))
    .action(async (o) => {
      const qs = historyParams(o, new URLSearchParams());
      const state = o.open ? 'open' : o.state;
      if (state) qs.set('state', state);
      if (o.user) qs.set('userId', o.user);
      if (o.org) qs.set('organizationId', o.org);
      const r = await client().get(`/api/v1/escalations${qs.size ? `?${qs}` : ''}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map(row), COLUMNS);
      if (r.nextOffset) process.stdout.write(`more: --offset ${r.nextOffset}\n`);
    });
  esc.command('show <ESCALATION>')
    .description('One escalation (number): its thread, help threads and state')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => show(o, await client().get(`/api/v1/escalations/${ref(r)}`)));
  esc.command('ack <ESCALATION>')
    .description('Acknowledge ("eyes"): you are looking at it and become its manager')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => show(o, await client().post(`/api/v1/escalations/${ref(r)}/acknowledge`, {}), 'acknowledged'));
  esc.command('assign <ESCALATION> [OWNER]')
    .description('Assign an owner (e-mail); without OWNER, list the suggestions from the skills directory')
    .option('--subject <LIST>', 'subjects to rank suggestions for (comma-separated; default: the ticket\'s form)')
    .option('--json', 'machine-readable output')
    .action(async (r: string, owner: string | undefined, o) => {
      if (!owner) {
        const s = await client().get(`/api/v1/escalations/${ref(r)}/suggestions${o.subject ? `?subject=${encodeURIComponent(o.subject)}` : ''}`);
        if (o.json) return printJson(s);
        process.stdout.write(`Suggestions for ${s.subjects.join(', ') || 'no subject'}:\n`);
        return printTable(s.items.map((x: any) => ({ email: x.email, name: x.name, level: x.level, subject: x.subject, region: x.region, why: x.why })), ['email', 'name', 'level', 'subject', 'region', 'why']);
      }
      show(o, await client().post(`/api/v1/escalations/${ref(r)}/assign`, { owner }), `assigned to ${owner}`);
    });
  esc.command('resolve <ESCALATION>')
    .description('Resolve: the right next step is identified and under way')
    .option('--label <LABEL...>', 'labels such as License-Issue, Response-Time')
    .option('--comment <TEXT>', 'a closing comment')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => show(o, await client().post(`/api/v1/escalations/${ref(r)}/resolve`, { ...(o.label ? { labels: o.label } : {}), ...(o.comment ? { comment: o.comment } : {}) }), 'resolved'));
  esc.command('reject <ESCALATION>')
    .description('Reject: below the threshold; the initiator is told the reason')
    .requiredOption('--reason <TEXT>', 'why (the initiator reads it)')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => show(o, await client().post(`/api/v1/escalations/${ref(r)}/reject`, { reason: o.reason }), 'rejected; the initiator is told'));
  return esc;
}
