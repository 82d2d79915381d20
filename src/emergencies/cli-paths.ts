// `hotline emergency …` for the path actions (PG-5, WF-7, WF-11, WF-12) and on-call load (SCH-12).
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';

const ref = (r: string) => encodeURIComponent(r.replace(/^#/, ''));

function said(o: { json?: boolean }, r: any, what: string): void {
  if (o.json) return printJson(r);
  process.stdout.write(`${what}.\n`);
  for (const n of r.notices ?? []) process.stdout.write(`  ! ${n.text}\n`);
}

export function registerPathCommands(em: Command): void {
  em.command('load')
    .description('SCH-12: on-call load — the on-call week, open tickets against the target, what to hand over')
    .option('--engineer <EMAIL>', 'someone else (default: you)')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().get(`/api/v1/oncall/load${o.engineer ? `?engineer=${encodeURIComponent(o.engineer)}` : ''}`);
      if (o.json) return printJson(r);
      const week = r.onCallWeek ? `${r.onCallWeek.start} → ${r.onCallWeek.end}` : 'none in the next four weeks';
      process.stdout.write(`${r.engineer}: phase ${r.phase}; on-call week ${week}\n`);
      process.stdout.write(`Load ${r.load} of target ${r.target} (baseline ${r.baseline}, ${r.emergenciesSolved} emergencies solved this week)${r.overTarget ? ` — ${r.overTarget} over: hand some over` : ''}\n`);
      if (r.handOver.length) {
        process.stdout.write('\nHand over before the on-call week:\n');
        printTable(r.handOver.map((t: any) => ({ '#': t.number, priority: t.priority, status: t.status })), ['#', 'priority', 'status']);
      }
    });
  em.command('trigger <TICKET>')
    .description('PG-5 (managers): turn a ticket into an emergency; intake pages per entitlement')
    .requiredOption('--reason <TEXT>', 'why, for the ticket’s internal note')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => {
      const r = await client().post(`/api/v1/tickets/${ref(t)}/trigger-emergency`, { reason: o.reason });
      said(o, r, `Ticket ${r.ticketNumber} is an emergency (${r.state})`);
    });
  em.command('page-engineer <TICKET> <EMAIL>')
    .description('PG-5: page one named on-call engineer directly (unreachable in chat)')
    .option('--json', 'machine-readable output')
    .action(async (t: string, email: string, o) => said(o, await client().post(`/api/v1/emergencies/${ref(t)}/page-engineer`, { engineer: email }), `${email} paged for emergency ticket ${t.replace(/^#/, '')}`));
  em.command('category <TICKET> <CATEGORY>')
    .description('WF-11: SaaS category (regression, customer_data, access_degradation, licence_consumption, widespread_incident)')
    .option('--json', 'machine-readable output')
    .action(async (t: string, category: string, o) => said(o, await client().post(`/api/v1/emergencies/${ref(t)}/saas-category`, { category }), `Emergency ticket ${t.replace(/^#/, '')} is a ${category} emergency; next steps are on the ticket`));
  em.command('licence <TICKET>')
    .description('WF-12: apply the licence path that holds now (weekday licensing team; weekend grace or request)')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => said(o, await client().post(`/api/v1/emergencies/${ref(t)}/licence-path`, {}), `Licence path applied to emergency ticket ${t.replace(/^#/, '')}`));
  em.command('might-become <TICKET>')
    .description('WF-7: work a ticket that could become an emergency now, as high priority')
    .option('--json', 'machine-readable output')
    .action(async (t: string, o) => said(o, await client().post(`/api/v1/tickets/${ref(t)}/might-become-emergency`), `Ticket ${t.replace(/^#/, '')} is now high priority and being worked`));
}
