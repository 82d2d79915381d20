// `hotline emergency …`: the board, one emergency, and the actions an engineer takes at 3 a.m.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { CliError, EXIT, printJson, printTable } from '../cli/output.ts';
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

export function registerEmergencyCommands(program: Command): void {
  const em = program.command('emergency').description('Customer emergencies: board, detail, acknowledge, qualify, reply, hand-off (WF-1..WF-16)');
  em.command('list')
    .description('Open emergencies, oldest first, with age, owner and the next due runbook step')
    .option('--all', 'include resolved and not-paged emergencies')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().get(`/api/v1/emergencies${o.all ? '?all=true' : ''}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map(boardRow), BOARD);
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
  registerIncidentCommands(em);
}

const incidentRef = (r: string) => encodeURIComponent(r.replace(/^incident-/, ''));
const INCIDENTS = ['#', 'tag', 'state', 'related', 'offered', 'split out', 'responded', 'title'];

function printIncident(i: any): void {
  process.stdout.write(`Incident ${i.number} (${i.tag}) — ${i.state}${i.detected ? ', detected' : ''}: ${i.title}\n`);
  process.stdout.write(`Status page: ${i.statusPageUrl}\nIncident issue: ${i.incidentIssueUrl ?? '— (tickets stay open until it exists)'}\n`);
  process.stdout.write(`Page: ${i.page ? `#${i.page.number} ${i.page.status}, ${i.page.alertCount} alerts` : 'none'}\n`);
  process.stdout.write(`Tickets: ${i.counts.related} related (${i.counts.grouped} grouped under the page), ${i.counts.candidates} offered to join, ${i.counts.splitOut} split out, ${i.counts.responded} answered\n`);
  const offered = i.tickets.filter((t: any) => t.relation === 'candidate');
  if (offered.length) process.stdout.write(`Offered to join (paged on their own before the incident): ${offered.map((t: any) => `#${t.number}`).join(', ')} — \`hotline emergency incident join ${i.number} <TICKETS...>\`\n`);
  for (const b of i.bulk ?? []) process.stdout.write(`Bulk response ${b.id}: ${b.status}, ${b.done}/${b.total} done, ${b.failed} failed\n`);
  process.stdout.write('\n');
  printTable(i.tickets.map((t: any) => ({ '#': t.number, relation: t.relation, page: t.ownPage ? `#${t.ownPage.number} ${t.ownPage.status}` : t.grouped ? 'incident' : 'own', status: t.status, answered: t.respondedAt ?? '', subject: (t.subject ?? '').slice(0, 60) })), ['#', 'relation', 'page', 'status', 'answered', 'subject']);
}

/** `hotline emergency incident …`: WF-10 widespread incidents. */
function registerIncidentCommands(em: Command): void {
  registerPathCommands(em);
  const inc = em.command('incident').description('Widespread incidents (WF-10): declare, show, join, one bulk response, split unrelated tickets out, resolve');
  inc.command('list')
    .description('Incidents, newest first')
    .option('--open', 'only open incidents')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().get(`/api/v1/incidents${o.open ? '?state=open' : ''}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map((i: any) => ({ '#': i.number, tag: i.tag, state: i.state, related: i.related, offered: i.candidates, 'split out': i.splitOut, responded: i.responded, title: i.title })), INCIDENTS);
    });
  inc.command('show <INCIDENT>')
    .description('One incident (number or tag): its page, tickets and the bulk response progress')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const i = await client().get(`/api/v1/incidents/${incidentRef(r)}`);
      if (o.json) return printJson(i);
      printIncident(i);
    });
  inc.command('declare [TICKETS...]')
    .description('Declare an incident over these tickets (numbers), a --query, or by default the recent emergencies no incident holds')
    .option('--number <N>', 'the production incident number (tag incident-<N>)')
    .option('--title <TEXT>', 'what is happening')
    .option('--query <Q>', 'a ticket search instead of numbers')
    .option('--status-page <URL>', 'status page address for the response')
    .option('--issue <URL>', 'the incident issue, if it exists already')
    .option('--json', 'machine-readable output')
    .action(async (tickets: string[], o) => {
      const body = {
        ...(tickets.length ? { tickets: tickets.map((t) => t.replace(/^#/, '')) } : {}), ...(o.query ? { query: o.query } : {}),
        ...(o.number ? { number: Number(o.number) } : {}), ...(o.title ? { title: o.title } : {}),
        ...(o.statusPage ? { statusPageUrl: o.statusPage } : {}), ...(o.issue ? { incidentIssueUrl: o.issue } : {}),
      };
      const i = await client().post('/api/v1/incidents', body);
      if (o.json) return printJson(i);
      printIncident(i);
    });
  inc.command('respond <INCIDENT>')
    .description('Send ONE public response to every related ticket not yet answered (a bulk update job); with --issue the tickets are solved')
    .option('--status-page <URL>', 'status page address')
    .option('--issue <URL>', 'the incident issue: related tickets are told and solved')
    .option('--request-id <ID>', 'reuse when retrying so nobody is answered twice')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const body = { ...(o.statusPage ? { statusPageUrl: o.statusPage } : {}), ...(o.issue ? { incidentIssueUrl: o.issue } : {}), ...(o.requestId ? { requestId: o.requestId } : {}) };
      const i = await client().post(`/api/v1/incidents/${incidentRef(r)}/respond`, body);
      if (o.json) return printJson(i);
      process.stdout.write(`Response queued for incident ${i.number}: ${(i.bulk ?? []).map((b: any) => `${b.id} (${b.total} tickets)`).join(', ')}. Follow with \`hotline emergency incident show ${i.number}\`.\n`);
    });
  inc.command('split <INCIDENT> <TICKETS...>')
    .description('Split unrelated tickets out of the incident; each is paged as its own emergency (WF-6)')
    .option('--json', 'machine-readable output')
    .action(async (r: string, tickets: string[], o) => {
      const i = await client().post(`/api/v1/incidents/${incidentRef(r)}/split`, { ticketIds: tickets.map((t) => t.replace(/^#/, '')) });
      if (o.json) return printJson(i);
      process.stdout.write(`Split out of incident ${i.number}: ${i.split.map((x: number) => `#${x}`).join(', ') || 'none'}${i.unchanged.length ? `; already split: ${i.unchanged.map((x: number) => `#${x}`).join(', ')}` : ''}.\n`);
    });
  inc.command('join <INCIDENT> <TICKETS...>')
    .description('Emergencies paged on their own join the incident (PG-7): tagged, their pages acknowledged together with the incident\'s page, answered by its bulk response')
    .option('--json', 'machine-readable output')
    .action(async (r: string, tickets: string[], o) => {
      const i = await client().post(`/api/v1/incidents/${incidentRef(r)}/join`, { ticketIds: tickets.map((t) => t.replace(/^#/, '')) });
      if (o.json) return printJson(i);
      const list = (xs: number[]) => xs.map((x) => `#${x}`).join(', ');
      process.stdout.write(`Joined incident ${i.number}: ${list(i.joined) || 'none'}${i.unchanged.length ? `; already in it: ${list(i.unchanged)}` : ''}.\n`);
      if (i.pagesAcknowledged.length) process.stdout.write(`Their pages are acknowledged with the incident's: ${list(i.pagesAcknowledged)}.\n`);
      else if (i.joined.length) process.stdout.write(`Their pages are acknowledged when the incident's page is.\n`);
    });
  inc.command('resolve <INCIDENT>')
    .description('Resolve the incident and its page (PG-2: every related ticket needs its public reply — send the bulk response first); new emergencies then page as usual')
    .option('--note <TEXT>', 'a note on the page resolution')
    .option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const i = await client().post(`/api/v1/incidents/${incidentRef(r)}/resolve`, o.note ? { note: o.note } : {});
      if (o.json) return printJson(i);
      process.stdout.write(i.changed ? `Incident ${i.number} resolved${i.page ? `; page #${i.page.number} ${i.page.status}` : ''}.\n` : `Incident ${i.number} was already resolved.\n`);
    });
}
