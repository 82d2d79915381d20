// `hotline emergency incident …`: widespread incidents from a terminal (WF-10 / PG-7).
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { CliError, printJson, printTable } from '../cli/output.ts';
import { declareSecurity, registerSecurityCommands } from './cli-security.ts';

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
export function registerIncidentCommands(em: Command): void {
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
    .option('--kind <KIND>', 'widespread (default) or security (SM-7: the manager on call coordinates the customer communications)')
    .option('--comms <EMAIL|NAME>', 'security: the communications manager, a staff e-mail or an outside contact\'s name')
    .option('--comms-email <EMAIL>', 'security: the outside contact\'s e-mail')
    .option('--json', 'machine-readable output')
    .action(async (tickets: string[], o) => {
      if (o.kind === 'security') return declareSecurity(tickets, o);
      if (o.kind !== undefined && o.kind !== 'widespread') throw new CliError(`--kind is widespread or security, not "${o.kind}"`, 2, 'cli.bad_option');
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
  registerSecurityCommands(inc); // SM-7
}
