// `hotline ticket …`: the helpdesk from the terminal — create, show, reply, note, search, bulk.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';

const row = (t: any) => ({
  number: t.number, status: t.status, priority: t.priority, emergency: t.isEmergency ? 'yes' : '', form: t.form,
  subject: String(t.subject).length > 60 ? `${String(t.subject).slice(0, 57)}…` : t.subject, updated: t.updatedAt, id: t.id,
});
const COLUMNS = ['number', 'status', 'priority', 'emergency', 'form', 'subject', 'updated'];
const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((x) => x.trim()).filter(Boolean)];

export function registerTicketCommands(program: Command): void {
  const ticket = program.command('ticket').description('Helpdesk tickets: create, show, reply, note, search, bulk update');

  ticket
    .command('create')
    .description('Create a ticket for a requester')
    .requiredOption('--subject <TEXT>', 'subject line')
    .requiredOption('--requester <EMAIL>', 'requester e-mail (an existing user)')
    .option('--form <FORM>', 'self_managed, saas, licensing, us_government, dedicated', 'self_managed')
    .option('--priority <PRIORITY>', 'low, normal, high, urgent (urgent = emergency)', 'normal')
    .option('--description <TEXT>', 'first comment (public)')
    .option('--tag <TAGS>', 'tags, comma-separated or repeated', list)
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().post('/api/v1/tickets', {
        subject: o.subject, requesterEmail: o.requester, form: o.form, priority: o.priority,
        ...(o.description ? { description: o.description } : {}), ...(o.tag ? { tags: o.tag } : {}),
      });
      if (o.json) return printJson(r.ticket);
      process.stdout.write(`Created ticket #${r.ticket.number} (${r.ticket.id})\n`);
    });

  ticket
    .command('show <NUMBER_OR_ID>')
    .description('One ticket with its conversation (internal notes marked)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o) => {
      const r = await client().get(`/api/v1/tickets/${encodeURIComponent(id)}`);
      if (o.json) return printJson(r);
      const t = r.ticket;
      process.stdout.write(`#${t.number} ${t.subject}\n${t.status} · ${t.priority}${t.isEmergency ? ' · EMERGENCY' : ''} · ${t.form}${t.tags ? ` · tags: ${t.tags.join(', ') || '-'}` : ''}\n`);
      if (r.sla?.dueAt) process.stdout.write(`SLA: ${r.sla.metric} due ${r.sla.dueAt}${r.sla.breached ? ' (BREACHED)' : ''}\n`);
      for (const c of r.comments) process.stdout.write(`\n--- ${c.createdAt} ${c.isPublic ? 'public reply' : 'INTERNAL NOTE'} via ${c.via}\n${c.body}\n`);
    });

  for (const [name, isPublic, what] of [['reply', true, 'Public reply to the customer'], ['note', false, 'Internal note (never shown to the customer)']] as const) {
    ticket
      .command(`${name} <NUMBER_OR_ID> <TEXT>`)
      .description(what)
      .option('--status <STATUS>', 'also set the status (e.g. pending, solved)')
      .option('--json', 'machine-readable output')
      .action(async (id: string, text: string, o) => {
        const r = await client().post(`/api/v1/tickets/${encodeURIComponent(id)}/comments`, { body: text, public: isPublic, ...(o.status ? { status: o.status } : {}) });
        if (o.json) return printJson(r);
        process.stdout.write(`${isPublic ? 'Replied on' : 'Noted on'} ticket #${r.ticket.number} (now ${r.ticket.status})\n`);
      });
  }

  ticket
    .command('search <QUERY>')
    .description('Search, e.g. "priority:urgent status:new order_by:created_at sort:desc"')
    .option('--limit <N>', 'page size (1–200)', '25')
    .option('--offset <N>', 'skip this many', '0')
    .option('--json', 'machine-readable output')
    .action(async (q: string, o) => {
      const r = await client().get(`/api/v1/tickets?q=${encodeURIComponent(q)}&limit=${Number(o.limit)}&offset=${Number(o.offset)}&count=true`);
      if (o.json) return printJson(r);
      printTable(r.items.map(row), COLUMNS);
      process.stdout.write(`${r.total} ticket(s)${r.nextOffset !== null ? `; next page: --offset ${r.nextOffset}` : ''}\n`);
    });

  ticket
    .command('bulk <QUERY>')
    .description('Bulk update every ticket matching QUERY (tags, status, one public reply); waits for the result')
    .option('--add-tag <TAGS>', 'tags to add', list)
    .option('--remove-tag <TAGS>', 'tags to remove', list)
    .option('--status <STATUS>', 'new status')
    .option('--priority <PRIORITY>', 'new priority')
    .option('--reply <TEXT>', 'public reply (placeholders like {{requester.first_name}} allowed)')
    .option('--note <TEXT>', 'internal note')
    .option('--id <REQUEST_ID>', 'request id; reuse it to retry safely')
    .option('--no-wait', 'return as soon as the job is queued')
    .option('--json', 'machine-readable output')
    .action(async (q: string, o) => {
      const c = client();
      let p = await c.post('/api/v1/ticket-bulk-updates', {
        query: q, ...(o.id ? { id: o.id } : {}), ...(o.addTag ? { addTags: o.addTag } : {}), ...(o.removeTag ? { removeTags: o.removeTag } : {}),
        ...(o.status ? { status: o.status } : {}), ...(o.priority ? { priority: o.priority } : {}),
        ...(o.reply ? { publicReply: o.reply } : {}), ...(o.note ? { internalNote: o.note } : {}),
      });
      for (let i = 0; o.wait && p.status !== 'done' && i < 600; i++) {
        await new Promise((r) => setTimeout(r, 200));
        p = await c.get(`/api/v1/ticket-bulk-updates/${encodeURIComponent(p.id)}`);
      }
      if (o.wait) p = await c.get(`/api/v1/ticket-bulk-updates/${encodeURIComponent(p.id)}`);
      if (o.json) return printJson(p);
      process.stdout.write(`Bulk ${p.id}: ${p.status}, ${p.done}/${p.total} processed, ${p.failed} failed\n`);
      if (p.results) printTable(p.results.map((r: any) => ({ number: r.number, result: r.ok ? (r.unchanged ? 'unchanged' : 'ok') : `${r.error.code}: ${r.error.message}` })), ['number', 'result']);
    });
}
