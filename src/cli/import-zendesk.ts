// `hotline import zendesk`: unlike the pager imports (a workspace file to review and apply), a
// helpdesk's tickets are data, so this one writes straight into the database, like `hotline
// migrate`, on the server machine: --data / --database-url as `hotline start` has them.
import type { Command } from 'commander';
import { join } from 'node:path';
import { CliError, EXIT, printJson } from './output.ts';

function startTimeOption(v: string | undefined): number {
  if (!v) return 0;
  if (/^\d+$/.test(v)) return Number(v);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new CliError(`--start-time "${v}" is neither Unix seconds nor an ISO-8601 instant (2024-01-01T00:00:00Z).`, EXIT.usage);
  return Math.floor(ms / 1000);
}

function baseUrl(o: { subdomain?: string; url?: string; apiUrl?: string }): string | undefined {
  const url = o.url ?? o.apiUrl;
  if (url) {
    if (!/^https?:\/\//.test(url)) throw new CliError(`--url "${url}" is not an http(s) address.`, EXIT.usage);
    return url;
  }
  if (o.subdomain) {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(o.subdomain)) throw new CliError(`--subdomain "${o.subdomain}" is not a Zendesk subdomain (the NAME of NAME.zendesk.com).`, EXIT.usage);
    return `https://${o.subdomain}.zendesk.com`;
  }
  return undefined;
}

export function registerZendeskImport(cmd: Command): void {
  cmd
    .command('zendesk')
    .description('Read a Zendesk account (Incremental Export API, or saved responses with --from) into this Hotline database: organisations, people, tickets with their public replies and internal notes, tags and custom fields. Resumable; a second run changes nothing.')
    .option('--subdomain <NAME>', 'the account at https://NAME.zendesk.com')
    .option('--url <URL>', 'the account\'s address instead of --subdomain (a proxy, or a stand-in)')
    .option('--api-url <URL>', 'the same as --url')
    .option('--email <EMAIL>', 'the Zendesk admin the API token belongs to (default: $HOTLINE_IMPORT_EMAIL)')
    .option('--token <TOKEN>', 'a Zendesk API token (default: $HOTLINE_IMPORT_TOKEN)')
    .option('--from <DIR>', 'read saved API responses from DIR instead (air-gapped moves; layout in "Moving to Hotline")')
    .option('--start-time <WHEN>', 'only what changed since (Unix seconds or ISO-8601; default: everything)')
    .option('--restart', 'forget where the last run stopped and read from the start again (what was imported is still skipped)')
    .option('--form <ID>', 'the Hotline form imported tickets get (default: the workspace\'s first)')
    .option('--data <DIR>', 'data directory of the embedded database', process.env.HOTLINE_DATA_DIR ?? join(process.cwd(), 'data'))
    .option('--database-url <URL>', 'PostgreSQL URL (default: $HOTLINE_DATABASE_URL; without one, the embedded SQLite file)', process.env.HOTLINE_DATABASE_URL)
    .option('--json', 'print the summary as JSON on standard output')
    .action(async (o) => {
      const startTime = startTimeOption(o.startTime);
      const url = baseUrl(o);
      const token = o.token ?? process.env.HOTLINE_IMPORT_TOKEN;
      const email = o.email ?? process.env.HOTLINE_IMPORT_EMAIL;
      if (!o.from) {
        if (!url) throw new CliError('give --subdomain NAME (or --url URL) to read the Zendesk API, or --from DIR for saved responses.', EXIT.usage);
        if (!token || !email) throw new CliError('the Zendesk API needs --email and --token (or HOTLINE_IMPORT_EMAIL and HOTLINE_IMPORT_TOKEN): an admin\'s address and an API token.', EXIT.usage);
      }
      const { openStore } = await import('../main/server.ts');
      const { buildCtx } = await import('../main/node.ts');
      const { migrate } = await import('../store/migrate.ts');
      const { systemClock } = await import('../kernel/clock.ts');
      const { ChangeBus } = await import('../runtime/bus.ts');
      const { JobEngine } = await import('../engine/runner.ts');
      const { importZendesk, zendeskApi, zendeskDir } = await import('../interop/index.ts');
      const src = o.from ? zendeskDir(o.from) : zendeskApi({ baseUrl: url!, email: email!, token: token! });
      const db = await openStore({ databaseUrl: o.databaseUrl, dataDir: o.data });
      const tty = process.stderr.isTTY;
      let last = '';
      try {
        await migrate(db);
        const ctx = buildCtx({ db, clock: systemClock, jobs: new JobEngine({ db, clock: systemClock }), bus: new ChangeBus('cli') });
        const summary = await importZendesk(ctx, src, {
          restart: !!o.restart, startTime, form: o.form,
          progress: (p) => {
            const rate = p.stream === 'tickets' && p.elapsedMs > 0 ? `, ${Math.round(p.created / (p.elapsedMs / 1000))} tickets/s` : '';
            const line = `Zendesk ${p.stream}: ${p.read} read, ${p.created} new, ${p.skipped} already here${p.stream === 'tickets' ? `, ${p.comments} comments` : ''}${rate}`;
            // On a terminal one line per stream, rewritten in place; in a log one line per page.
            if (!tty) process.stderr.write(line + '\n');
            else process.stderr.write(`${last && last !== p.stream ? '\n' : ''}\r${line}\x1b[K`);
            last = p.stream;
          },
        });
        if (tty && last) process.stderr.write('\n');
        if (o.json) return printJson(summary);
        const c = summary.counts;
        const w = (s: string) => process.stdout.write(s + '\n');
        w(`Imported from Zendesk in ${summary.seconds} s (${summary.ticketsPerSecond} tickets/s):`);
        w(`  organisations ${c.organizations_created} new, ${c.organizations_matched} matched; people ${c.users_created} new, ${c.users_matched} matched by e-mail`);
        w(`  tickets ${c.tickets_created} new, ${c.tickets_skipped} already imported, ${c.tickets_not_imported} not imported; comments ${c.comments} (${c.internal_notes} internal notes); ${c.ticket_fields} custom fields`);
        if (summary.approximated.length) {
          w('Approximated or left out:');
          for (const a of summary.approximated) w(`  ${a.kind} ×${a.count}: ${a.how} (e.g. ${a.examples.join('; ')})`);
        }
      } finally {
        await db.close();
      }
    });
}
