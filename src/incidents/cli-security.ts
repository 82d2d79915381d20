// `hotline emergency incident declare --kind security …` and `hotline emergency incident security …`:
// security incidents from a terminal (SM-7).
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';

const ref = (r: string) => encodeURIComponent(r.replace(/^#?S-/i, '').replace(/^#/, ''));

function printSecurity(i: any): void {
  const comms = i.communicationsManager;
  process.stdout.write(`Security incident ${i.label} — ${i.state}: ${i.title}\n`);
  process.stdout.write(`Coordinated by the support manager on call: ${i.coordinator ? `${i.coordinator.name} <${i.coordinator.email}>` : 'nobody on call'}\n`);
  process.stdout.write(`Communications manager: ${comms.name}${comms.email ? ` <${comms.email}>` : ''}${comms.kind === 'contact' ? ' (outside contact)' : ''}\n`);
  for (const b of i.bulk ?? []) process.stdout.write(`Bulk response ${b.id}: ${b.status}, ${b.done}/${b.total} done, ${b.failed} failed\n`);
  process.stdout.write('\n');
  printTable(i.tickets.map((t: any) => ({ '#': t.number, added: t.addedAt, answered: t.respondedAt ?? '' })), ['#', 'added', 'answered']);
}

/** Builds the body of a declaration (and of `security add`): tickets by hand or a --query. */
export function gatherBody(tickets: string[], o: { query?: string }): Record<string, unknown> {
  return { ...(tickets.length ? { tickets: tickets.map((t) => t.replace(/^#/, '')) } : {}), ...(o.query ? { query: o.query } : {}) };
}

/** SM-7: `--kind security` on declare: the communications manager is a staff e-mail or an outside contact's name. */
export async function declareSecurity(tickets: string[], o: { title?: string; query?: string; comms?: string; commsEmail?: string; json?: boolean }): Promise<void> {
  const c = o.comms ?? '';
  const communicationsManager = c.includes('@') && !o.commsEmail ? { email: c } : { ...(c ? { name: c } : {}), ...(o.commsEmail ? { email: o.commsEmail } : {}) };
  const i = await client().post('/api/v1/incidents', { kind: 'security', communicationsManager, ...(o.title ? { title: o.title } : {}), ...gatherBody(tickets, o) });
  if (o.json) return printJson(i);
  printSecurity(i);
}

export function registerSecurityCommands(inc: Command): void {
  const sec = inc.command('security').description('Security incidents (SM-7): the manager on call coordinates the customer communications');
  sec.command('list').description('Security incidents, newest first').option('--open', 'only open ones').option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().get(`/api/v1/security-incidents${o.open ? '?state=open' : ''}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map((i: any) => ({ id: i.label, state: i.state, tickets: i.tickets, answered: i.responded, title: i.title })), ['id', 'state', 'tickets', 'answered', 'title']);
    });
  sec.command('show <INCIDENT>').description('One security incident (S-1 or 1): coordinator, communications manager, tickets, bulk response').option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const i = await client().get(`/api/v1/security-incidents/${ref(r)}`);
      if (o.json) return printJson(i);
      printSecurity(i);
    });
  sec.command('add <INCIDENT> [TICKETS...]').description('Gather more affected tickets, by number or with --query').option('--query <Q>', 'a ticket search').option('--json', 'machine-readable output')
    .action(async (r: string, tickets: string[], o) => {
      const i = await client().post(`/api/v1/security-incidents/${ref(r)}/tickets`, gatherBody(tickets, o));
      if (o.json) return printJson(i);
      printSecurity(i);
    });
  sec.command('respond <INCIDENT>').description('The manager on call sends ONE public response to every affected ticket not yet answered')
    .requiredOption('--text <TEXT>', 'the response customers get').option('--request-id <ID>', 'reuse when retrying so nobody is answered twice').option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const i = await client().post(`/api/v1/security-incidents/${ref(r)}/respond`, { text: o.text, ...(o.requestId ? { requestId: o.requestId } : {}) });
      if (o.json) return printJson(i);
      process.stdout.write(`Response queued for ${i.label}: ${(i.bulk ?? []).map((b: any) => `${b.id} (${b.total} tickets)`).join(', ')}.\n`);
    });
  sec.command('resolve <INCIDENT>').description('Resolve the security incident').option('--note <TEXT>', 'a closing note').option('--json', 'machine-readable output')
    .action(async (r: string, o) => {
      const i = await client().post(`/api/v1/security-incidents/${ref(r)}/resolve`, o.note ? { note: o.note } : {});
      if (o.json) return printJson(i);
      process.stdout.write(`${i.label} resolved.\n`);
    });
}
