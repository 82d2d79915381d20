// `hotline page …`: trigger, list, show, acknowledge, resolve and escalate pages from a terminal.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';
import { historyOptions, historyParams } from '../cli/history.ts';

const row = (p: any) => ({
  '#': p.number, status: p.status, urgency: p.urgency, level: p.escalationLevel + 1, service: p.serviceId, title: String(p.title).slice(0, 60),
  triggered: p.triggeredAt, targets: (p.targetUserIds ?? []).length,
});
const COLUMNS = ['#', 'status', 'urgency', 'level', 'service', 'title', 'triggered', 'targets'];

export function registerPagingCommands(program: Command): void {
  const page = program.command('page').description('Pages: trigger, list, show, acknowledge, resolve, escalate (PG-1..PG-5)');
  page
    .command('trigger')
    .description('Trigger a page on a service, or page named engineers directly')
    .option('--service <ID>', 'service id, e.g. customer-emergencies', 'customer-support')
    .requiredOption('--title <TEXT>', 'what is wrong (for a manual page: the ticket number)')
    .option('--ticket <ID>', 'link the page to a ticket')
    .option('--dedup <KEY>', 'deduplication key: a repeat trigger appends to the open page')
    .option('--urgency <LEVEL>', 'high or low', 'high')
    .option('--policy <ID>', 'page with this escalation policy instead of the service\'s (e.g. the backup pool; managers)')
    .option('--user <ID...>', 'page these users directly, without escalation')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const p = await client().post('/api/v1/pages', {
        serviceId: o.service, title: o.title, urgency: o.urgency, ...(o.ticket ? { ticketId: o.ticket } : {}), ...(o.dedup ? { dedupKey: o.dedup } : {}),
        ...(o.policy ? { escalationPolicyId: o.policy } : {}), ...(o.user ? { targetUserIds: o.user } : {}),
      });
      if (o.json) return printJson(p);
      process.stdout.write(`Page #${p.number} ${p.alertCount > 1 ? 'updated (same dedup key)' : 'triggered'}: ${p.title} — notifying ${p.targetUserIds.length} ${p.targetUserIds.length === 1 ? 'person' : 'people'}\n`);
    });
  historyOptions(page
    .command('list')
    .description('Pages: open ones by default; --status resolved or any for the history (RP-3), with filters')
    .option('--mine', 'only pages assigned to me')
    .option('--status <STATUS>', 'open, triggered, acknowledged, resolved or any', 'open')
    .option('--service <ID>', 'only this service')
    .option('--user <ID>', 'pages this person was paged for, acknowledged or resolved')
    .option('--org <ID>', 'pages about a ticket of this organisation')
    .option('--json', 'machine-readable output'))
    .action(async (o) => {
      const qs = historyParams(o, new URLSearchParams({ status: o.status }));
      if (o.mine) qs.set('mine', 'true');
      if (o.service) qs.set('serviceId', o.service);
      if (o.user) qs.set('userId', o.user);
      if (o.org) qs.set('organizationId', o.org);
      const r = await client().get(`/api/v1/pages?${qs}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map(row), COLUMNS);
      if (r.nextOffset) process.stdout.write(`more: --offset ${r.nextOffset}\n`);
    });
  page
    .command('show <PAGE>')
    .description('One page (number or id) with its timeline and delivery log')
    .option('--json', 'machine-readable output')
    .action(async (ref: string, o) => {
      const p = await client().get(`/api/v1/pages/${encodeURIComponent(ref.replace(/^#/, ''))}`);
      if (o.json) return printJson(p);
      printTable([row(p)], COLUMNS);
      process.stdout.write('\nTimeline:\n');
      printTable(p.timeline.map((e: any) => ({ at: e.at, who: e.actor.name ?? e.actor.kind, via: e.via, action: e.action, detail: e.detail.message ?? '' })), ['at', 'who', 'via', 'action', 'detail']);
      process.stdout.write('\nDeliveries:\n');
      printTable(p.deliveries.map((d: any) => ({ at: d.at, channel: d.channel, address: d.address, attempt: d.attempt, status: d.status, error: d.error ?? '' })), ['at', 'channel', 'address', 'attempt', 'status', 'error']);
    });
  for (const [name, path, verb] of [['ack', 'acknowledge', 'acknowledged'], ['resolve', 'resolve', 'resolved'], ['escalate', 'escalate', 'escalated']] as const) {
    page
      .command(`${name} <PAGE...>`)
      .description(name === 'escalate' ? 'Escalate to the next level instead of acknowledging (PG-4)' : `${path[0].toUpperCase()}${path.slice(1)} pages (several at once: one result per page)`)
      .option('--json', 'machine-readable output')
      .action(async (refs: string[], o) => {
        const c = client();
        if (refs.length > 1 && name !== 'escalate') {
          const ids = await Promise.all(refs.map(async (r) => (await c.get(`/api/v1/pages/${encodeURIComponent(r.replace(/^#/, ''))}`)).id));
          const r = await c.post('/api/v1/pages/bulk', { action: path, pageIds: ids });
          if (o.json) return printJson(r);
          printTable(r.results.map((x: any) => ({ page: refs[ids.indexOf(x.pageId)] ?? x.pageId, outcome: x.outcome, message: x.message ?? '' })), ['page', 'outcome', 'message']);
          return;
        }
        const results = [];
        for (const ref of refs) results.push(await c.post(`/api/v1/pages/${encodeURIComponent(ref.replace(/^#/, ''))}/${path}`, {}));
        if (o.json) return printJson(results.length === 1 ? results[0] : results);
        for (const p of results) process.stdout.write(`Page #${p.number} ${verb}${name === 'escalate' ? ` to level ${p.escalationLevel + 1}` : ''}.\n`);
      });
  }
}
