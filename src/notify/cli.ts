// `hotline outbox list`: what Hotline kept in its built-in outbox because no real channel of the
// kind is configured (admins).
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';

export function registerNotifyCommands(program: Command): void {
  const outbox = program.command('outbox').description('The built-in outbox: notifications kept because no real channel of their kind is configured (admins)');
  outbox
    .command('list')
    .description('Messages in the outbox, newest first')
    .option('--channel <KIND>', 'email, sms, voice, slack, chat-webhook, webhook or push')
    .option('--user <ID>', 'only messages for this person')
    .option('--page <ID>', 'only messages about this page (id)')
    .option('--ticket <ID>', 'only messages about this ticket (id)')
    .option('--limit <N>', 'at most N messages (1-500)', '50')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const qs = new URLSearchParams({ limit: String(o.limit) });
      if (o.channel) qs.set('channel', o.channel);
      if (o.user) qs.set('userId', o.user);
      if (o.page) qs.set('pageId', o.page);
      if (o.ticket) qs.set('ticketId', o.ticket);
      const r = await client().get(`/api/v1/outbox?${qs}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.map((m: any) => ({
        at: m.at, channel: m.channel, to: m.userName ? `${m.userName} <${m.address}>` : m.address,
        about: m.page ? `page #${m.page.number}` : m.ticket ? `ticket #${m.ticket.number}` : '',
        subject: String(m.subject || m.text.split('\n')[0]).slice(0, 70),
      })), ['at', 'channel', 'to', 'about', 'subject']);
    });
}
