// `hotline manager …`: the support manager during emergencies (SM-5/SM-6) from a terminal — every
// open emergency and what waits, staff to page, page, backup pool, replace the engineer, lead the
// call, hand over. Exit codes as the README says: 2 bad input, 3 not allowed, 4 not found, 5 conflict.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';

const ref = (r: string) => encodeURIComponent(r.replace(/^#/, ''));
const mins = (m: number | null) => (m === null ? '—' : m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`);
const COLUMNS = ['#', 'organisation', 'subject', 'owner', 'lead', 'since', 'last reply', 'waiting', 'qualification'];
const row = (e: any) => ({
  '#': e.ticketNumber, organisation: e.organization?.name ?? '—', subject: e.subject, owner: e.owner?.email ?? 'nobody', lead: e.lead?.email ?? '—',
  since: mins(e.ageMinutes), 'last reply': mins(e.minutesSinceLastPublicReply),
  waiting: e.waiting.map((w: any) => `page ${w.number}${w.level ? ` L${w.level}` : ''} on ${w.targets.join(', ')} ${mins(w.waitingMinutes)}`).join('; ') || '—',
  qualification: e.qualification ?? '—',
});

export function registerManagerCommands(program: Command): Command {
  const m = program.command('manager').description('The support manager during emergencies (SM-5/SM-6): every open emergency, page more staff, replace the engineer, lead, hand over');
  const said = (o: { json?: boolean }, r: any, text: string): void => {
    if (o.json) printJson(r);
    else process.stdout.write(`${text}\n`);
  };
  m.command('emergencies')
    .description('Every open emergency: organisation, owner, lead, since when, time since our last public reply, pages still waiting (tier, on whom, how long)')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().get('/api/v1/manager/emergencies');
      if (o.json) return printJson(r);
      process.stdout.write(`Manager on call: ${r.managerOnCall ? `${r.managerOnCall.name} (${r.managerOnCall.email})` : 'nobody'}\n`);
      printTable(r.items.map(row), COLUMNS);
    });
  m.command('show <TICKET>')
    .description('One emergency as the manager sees it, with the manager\'s actions on its timeline')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => {
      const e = await client().get(`/api/v1/manager/emergencies/${ref(t)}`);
      if (o.json) return printJson(e);
      printTable([row(e)], COLUMNS);
      process.stdout.write('\nTimeline:\n');
      printTable(e.timeline.map((x: any) => ({ at: x.at, action: x.action, by: x.actor.name ?? x.actor.kind })), ['at', 'action', 'by']);
    });
  m.command('staff <TICKET>')
    .description('Staff to page from the skills directory for the emergency\'s product, working now (see --everyone)')
    .option('--region <REGION>', 'only people of this region (AMER, EMEA, APAC, …)')
    .option('--subject <LIST>', 'subjects to match instead of the ticket\'s form and tags (comma-separated)')
    .option('--everyone', 'also people not working now')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => {
      const q = new URLSearchParams({ ...(o.region ? { region: o.region } : {}), ...(o.subject ? { subject: o.subject } : {}), ...(o.everyone ? { everyone: 'true' } : {}) });
      const r = await client().get(`/api/v1/manager/emergencies/${ref(t)}/staff${q.size ? `?${q}` : ''}`);
      if (o.json) return printJson(r);
      printTable(r.items.map((s: any) => ({ email: s.email, name: s.name, region: s.region, why: s.why })), ['email', 'name', 'region', 'why']);
    });
  m.command('page <TICKET> <PERSON>')
    .description('Page one more person (e-mail) for the emergency')
    .option('--reason <TEXT>', 'why them (on the thread and in the page)')
    .option('--json', 'machine-readable output')
    .action(async (t: string, person: string, o) => {
      const r = await client().post(`/api/v1/manager/emergencies/${ref(t)}/page`, { person, ...(o.reason ? { reason: o.reason } : {}) });
      said(o, r, `Emergency ticket ${r.emergency.ticketNumber}: ${person} paged (page ${r.result.pageNumber}).`);
    });
  m.command('backup-pool <TICKET>')
    .description('Page the backup pool for the emergency (PG-3: where and when the pool exists)')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => {
      const r = await client().post(`/api/v1/emergencies/${ref(t)}/backup-pool`, {});
      said(o, r, `Emergency ticket ${r.emergency.ticketNumber}: the backup pool is paged.`);
    });
  m.command('replace <TICKET> <ENGINEER>')
    .description('Replace the on-call engineer: the new owner (e-mail) is paged, the old one told')
    .option('--reason <TEXT>', 'why (the old owner reads it)')
    .option('--json', 'machine-readable output')
    .action(async (t: string, engineer: string, o) => {
      const r = await client().post(`/api/v1/manager/emergencies/${ref(t)}/replace`, { engineer, ...(o.reason ? { reason: o.reason } : {}) });
      said(o, r, `Emergency ticket ${r.emergency.ticketNumber}: ${r.result.to} owns it now and is paged; ${r.result.from ?? 'nobody'} is told.`);
    });
  m.command('lead <TICKET>')
    .description('Take the call: you lead it from now on')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => {
      const r = await client().post(`/api/v1/manager/emergencies/${ref(t)}/lead`, {});
      said(o, r, `Emergency ticket ${r.emergency.ticketNumber}: you lead the call.`);
    });
  m.command('hand-over')
    .description('Hand over now: the emergencies you lead or whose pages wait on you go to --to, else the next manager on the rotation')
    .option('--to <EMAIL>', 'the manager who takes over')
    .option('--note <TEXT>', 'a note on each emergency\'s timeline')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().post('/api/v1/manager/hand-over', { ...(o.to ? { to: o.to } : {}), ...(o.note ? { note: o.note } : {}) });
      said(o, r, r.handedOver.length ? `Handed ${r.handedOver.map((h: any) => `#${h.ticketNumber}`).join(', ')} over to ${r.to}; they are told.` : `Nothing to hand over to ${r.to}.`);
    });
  return m;
}
