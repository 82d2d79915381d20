// `hotline webhook …`: event webhook subscriptions from the command line (admins): list, create
// (the signing secret is printed this once), show, delete, send a test event, read the delivery
// log, enable again after Hotline disabled one (resending what it missed), rotate the secret.
import type { Command } from 'commander';
import { client } from '../cli/client.ts';
import { printJson, printTable } from '../cli/output.ts';

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((x) => x.trim()).filter(Boolean)];
const base = '/api/v1/webhook-subscriptions';
const enc = encodeURIComponent;

function printSubscription(s: any): void {
  process.stdout.write(`${s.name} (${s.id})\n  url: ${s.url}\n  events: ${s.eventTypes.join(', ')}\n`);
  if (s.serviceIds.length) process.stdout.write(`  services: ${s.serviceIds.join(', ')}\n`);
  if (s.organizationIds.length) process.stdout.write(`  organisations: ${s.organizationIds.join(', ')}\n`);
  process.stdout.write(`  enabled: ${s.enabled ? 'yes' : `no — ${s.disabledReason ?? ''}`}\n`);
}

export function registerWebhookCommands(program: Command): void {
  const wh = program.command('webhook').description('Event webhooks: subscriptions that send page, emergency, ticket and escalation events to other systems, signed per Standard Webhooks (admins)');
  wh.command('list').description('Every subscription').option('--json', 'machine-readable output').action(async (o) => {
    const r = await client().get(base);
    if (o.json) return printJson(r.items);
    printTable(r.items.map((s: any) => ({ id: s.id, name: s.name, url: s.url, events: s.eventTypes.join(','), enabled: s.enabled ? 'yes' : 'no' })), ['id', 'name', 'url', 'events', 'enabled']);
  });
  wh.command('create').description('Subscribe a receiver; prints the signing secret once (store it in the receiver)')
    .requiredOption('--name <NAME>', 'what the receiver is, e.g. "Status page"')
    .requiredOption('--url <URL>', 'the receiver, http(s)')
    .requiredOption('--event <TYPE>', 'an event type, repeatable or comma-separated: page.triggered, page.acknowledged, page.escalated, page.resolved, emergency.opened, emergency.qualified, emergency.resolved, ticket.created, ticket.updated, escalation.*', collect)
    .option('--service <ID>', 'only events of this paging service (repeatable)', collect)
    .option('--org <ID>', 'only events of this customer organisation (repeatable)', collect)
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const r = await client().post(base, { name: o.name, url: o.url, eventTypes: o.event, ...(o.service ? { serviceIds: o.service } : {}), ...(o.org ? { organizationIds: o.org } : {}) });
      if (o.json) return printJson(r);
      printSubscription(r.subscription);
      process.stdout.write(`  secret: ${r.secret}\n(shown only now: verify deliveries with it, e.g. new Webhook(secret).verify(body, headers) from the standardwebhooks package)\n`);
    });
  wh.command('show').description('One subscription (without its secret)').argument('<id>').option('--json', 'machine-readable output').action(async (id, o) => {
    const s = await client().get(`${base}/${enc(id)}`);
    if (o.json) return printJson(s);
    printSubscription(s);
  });
  wh.command('delete').description('Delete a subscription and its delivery log').argument('<id>').action(async (id) => {
    await client().del(`${base}/${enc(id)}`);
    process.stdout.write(`Deleted ${id}\n`);
  });
  wh.command('test').description('Send a webhook.test event now').argument('<id>').option('--json', 'machine-readable output').action(async (id, o) => {
    const r = await client().post(`${base}/${enc(id)}/test`);
    if (o.json) return printJson(r);
    process.stdout.write(`Test event queued: ${r.deliveryId} (see \`hotline webhook deliveries ${id}\`)\n`);
  });
  wh.command('deliveries').description('The delivery log: latest first, every attempt with its status, duration, error and next attempt').argument('<id>')
    .option('--limit <N>', 'at most N deliveries (1-200)', '20').option('--json', 'machine-readable output')
    .action(async (id, o) => {
      const r = await client().get(`${base}/${enc(id)}/deliveries?limit=${enc(o.limit)}`);
      if (o.json) return printJson(r.items);
      printTable(r.items.flatMap((d: any) => (d.attemptsLog.length ? d.attemptsLog : [null]).map((a: any) => ({
        delivery: d.id, event: d.eventType, state: d.state, attempt: a?.attempt ?? '', at: a?.at ?? d.createdAt, status: a?.statusCode ?? '',
        ms: a?.durationMs ?? '', error: a?.error ?? '', next: a?.nextAttemptAt ?? '',
      }))), ['delivery', 'event', 'state', 'attempt', 'at', 'status', 'ms', 'error', 'next']);
    });
  wh.command('enable').description('Enable a subscription again (after Hotline disabled it for persistent failure); --resend also sends what the disabling cancelled')
    .argument('<id>')
    .option('--resend', 'also send again the deliveries the disabling cancelled that were queued in the last 7 days, with their webhook-id (a receiver drops one it already has) and their event\'s timestamp (a receiver can skip one it finds stale); older ones, and the delivery that failed for good, are not resent. Without --resend they stay cancelled for good')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nSee what would be resent first: `hotline webhook cancelled ID`.')
    .action(async (id, o) => {
      const s = await client().post(`${base}/${enc(id)}/enable`, { resendCancelled: o.resend === true });
      if (o.json) return printJson(s);
      printSubscription(s);
      if (o.resend) process.stdout.write(`  resent: ${s.resent} cancelled ${s.resent === 1 ? 'delivery' : 'deliveries'} queued again\n`);
    });
  wh.command('cancelled').description('How many deliveries disabling a subscription cancelled, and how many `enable --resend` would send again (those queued in the last 7 days)')
    .argument('<id>').option('--json', 'machine-readable output')
    .action(async (id, o) => {
      const r = await client().get(`${base}/${enc(id)}/cancelled-deliveries`);
      if (o.json) return printJson(r);
      process.stdout.write(`cancelled: ${r.cancelled}\nresendable: ${r.resendable} (queued since ${r.resendSince})\n`);
    });
  wh.command('rotate-secret').description('A new signing secret, printed once; the old one keeps signing for 24 hours').argument('<id>').option('--json', 'machine-readable output').action(async (id, o) => {
    const r = await client().post(`${base}/${enc(id)}/rotate-secret`);
    if (o.json) return printJson(r);
    process.stdout.write(`secret: ${r.secret}\n(the previous secret also signs until ${r.previousSecretValidUntil})\n`);
  });
}
