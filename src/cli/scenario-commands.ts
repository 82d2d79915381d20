// `hotline demo replay`: the demo's scenario command. It runs on the server machine, on the same
// store and with the same defaults as `hotline start`, so `hotline start --demo` shows the result.
import type { Command } from 'commander';
import { join } from 'node:path';
import { CliError, EXIT, printJson } from './output.ts';

const HELP = `
Replays one on-call day on the demo workspace, in well under a minute, with a fake clock that
starts at 00:00 New York and moves minute by minute: customers open emergencies on the portal,
engineers and managers act through the API with their own tokens, and the timers fire when due
(customer-silence follow-ups, US-government business hours, shift hand-offs at 18:00 New York).
About 20 emergencies across APAC, EMEA, AMER and US Government hours, each down one of the
handbook's paths, and the support manager's day: an EMEA queue that nears its first-reply target
(the watch tells the manager on call once), an escalation assigned from the skills directory and
resolved with a label, one rejected with its reason, an escalation asked for in an emergency's
thread answered with the standard reply, and cover requests between managers. Everything stays in
the store; browse it afterwards:

  npm start -- --demo     then open /emergencies, /escalations, /oncall, /tickets and /pages

A day is replayed once per store: a second replay of the same day is refused unless --force.
Run it while no Hotline node is using the store (stop \`hotline start\` first).`;

export function registerScenarioCommands(program: Command): void {
  const demo = program.command('demo').description('The demo workspace: replay a realistic on-call day, or write months of history');
  registerHistoryCommand(demo);
  demo
    .command('replay')
    .description('Replay an on-call day on the demo workspace at high speed (fake clock) and leave its results to browse')
    .option('--day <YYYY-MM-DD>', 'the day to replay, New York time (default: yesterday)')
    .option('--force', 'replay the day even if this store already holds a replay of it')
    .option('--data <DIR>', 'data directory for the embedded database', process.env.HOTLINE_DATA_DIR ?? join(process.cwd(), 'data'))
    .option('--database-url <URL>', 'PostgreSQL URL (default: $HOTLINE_DATABASE_URL; without one, the embedded SQLite file)', process.env.HOTLINE_DATABASE_URL)
    .option('--json', 'print only the summary, as JSON')
    .addHelpText('after', HELP)
    .action(async (o) => {
      const { Temporal } = await import('temporal-polyfill');
      const { replayDay } = await import('../demo/day.ts');
      const day = replayDay(o.day, Temporal.Now.instant());
      if (!day.ok) throw new CliError(day.message, EXIT.usage);
      const { runReplay } = await import('../demo/replay.ts');
      const { ReplayError } = await import('../demo/replay-node.ts');
      const { redactUrl } = await import('../store/db.ts');
      const where = o.databaseUrl ? `PostgreSQL ${redactUrl(o.databaseUrl)}` : `embedded SQLite in ${o.data}`;
      const log = o.json ? () => {} : (line: string) => process.stdout.write(line + '\n');
      log(`Replaying ${day.day} (${day.day.dayOfWeek >= 6 ? 'weekend' : 'weekday'}) on the demo workspace, ${where}`);
      let summary;
      try {
        summary = await runReplay({ day: day.day, databaseUrl: o.databaseUrl, dataDir: o.data, force: !!o.force, log });
      } catch (e) {
        if (e instanceof ReplayError) throw new CliError(e.message, /already holds/.test(e.message) ? EXIT.conflict : EXIT.internal, 'demo.replay_failed');
        if (e instanceof CliError) throw e;
        const code = (e as { code?: string }).code ?? '';
        if (/^(SQLITE_|ECONNREFUSED|ENOTFOUND|EACCES|ENOENT|28P01|3D000)/.test(code) || /database|connect/i.test((e as Error).message ?? '')) {
          throw new CliError(`cannot open the database (${where}): ${(e as Error).message}`, EXIT.unavailable, 'demo.store_unavailable');
        }
        throw e;
      }
      if (o.json) return printJson(summary);
      const states = Object.entries(summary.byState).map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`).join(', ');
      process.stdout.write([
        '',
        `Replayed ${summary.day} in ${summary.seconds} s.`,
        `  emergencies        ${summary.emergencies} (${states})`,
        `  pages              ${summary.pages}`,
        `  silence follow-ups ${summary.silenceFollowUps} (bridges closed: ${summary.bridgesClosed})`,
        `  follow-up tickets  ${summary.followUpTickets}`,
        `  shift hand-offs    ${summary.handoffs}`,
        `  incidents          ${summary.incidents}`,
        `  escalations        ${summary.escalations.resolved} resolved, ${summary.escalations.rejected} rejected, ${summary.escalations.open} open (redirect replies: ${summary.redirects})`,
        `  cover requests     ${Object.entries(summary.coverRequests).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}`,
        `  first-response     ${summary.firstResponseAlerts} build-up alert${summary.firstResponseAlerts === 1 ? '' : 's'}`,
        `  timers fired       ${summary.timersFired} (cancelled: ${summary.timersCancelled}; jobs run: ${summary.jobsRun})`,
        `  late timers        ${summary.lateTimers} (late jobs: ${summary.lateJobs})`,
        '',
        'Browse it: npm start -- --demo, sign in as admin@example.com / hotline-demo, then /emergencies, /escalations, /oncall, /tickets and /pages.',
        '',
      ].join('\n'));
    });
}

const HISTORY_HELP = `
Writes months of plausible past into the demo workspace's store, so reports and what-if staffing
show something on a fresh demo: emergencies arriving by hour of the week (weekday Americas
afternoons busiest, weekends quiet, a burst now and then), each paged to whoever was on call by the
demo's schedules (the DRI, a free overlapping engineer when the DRI is busy, else the manager on
call), acknowledged and answered (some late enough to breach the 30-minute first-reply target),
ordinary tickets with their replies, and escalations to the support manager on call.

The same --seed gives the same history. A store gets one history: a second run is refused (exit 5)
— start on a fresh --data directory or database for another. Run it while no Hotline node is using
the store, then:

  npx hotline demo history --months 6
  npm start -- --demo     then open the What-if screen, or run hotline whatif`;

export function registerHistoryCommand(demo: Command): void {
  demo
    .command('history')
    .description('Write months of plausible, seeded past (emergencies, pages, escalations, tickets) into the demo workspace for reports and what-if')
    .option('--months <N>', 'how many months back from now (1 to 24)', '6')
    .option('--seed <N>', 'seed of the generator: the same seed gives the same history', '1')
    .option('--data <DIR>', 'data directory for the embedded database', process.env.HOTLINE_DATA_DIR ?? join(process.cwd(), 'data'))
    .option('--database-url <URL>', 'PostgreSQL URL (default: $HOTLINE_DATABASE_URL; without one, the embedded SQLite file)', process.env.HOTLINE_DATABASE_URL)
    .option('--json', 'print only the summary, as JSON')
    .addHelpText('after', HISTORY_HELP)
    .action(async (o) => {
      const months = Number(o.months);
      const seed = Number(o.seed);
      if (!Number.isInteger(months) || months < 1 || months > 24) throw new CliError(`--months must be a whole number from 1 to 24, not "${o.months}".`, EXIT.usage);
      if (!Number.isInteger(seed) || seed < 0) throw new CliError(`--seed must be a whole number, not "${o.seed}".`, EXIT.usage);
      const { Temporal } = await import('temporal-polyfill');
      const { runHistory, HistoryError } = await import('../demo/history.ts');
      const { redactUrl } = await import('../store/db.ts');
      const where = o.databaseUrl ? `PostgreSQL ${redactUrl(o.databaseUrl)}` : `embedded SQLite in ${o.data}`;
      const log = o.json ? () => {} : (line: string) => process.stdout.write(line + '\n');
      log(`Writing ${months} month${months === 1 ? '' : 's'} of demo history (seed ${seed}) into ${where}`);
      let s;
      try {
        s = await runHistory({ months, seed, now: Temporal.Now.instant(), databaseUrl: o.databaseUrl, dataDir: o.data, log });
      } catch (e) {
        if (e instanceof HistoryError) throw new CliError(e.message, /already holds/.test(e.message) ? EXIT.conflict : EXIT.usage, 'demo.history_refused');
        const code = (e as { code?: string }).code ?? '';
        if (/^(SQLITE_|ECONNREFUSED|ENOTFOUND|EACCES|ENOENT|28P01|3D000)/.test(code)) throw new CliError(`cannot open the database (${where}): ${(e as Error).message}`, EXIT.unavailable, 'demo.store_unavailable');
        throw e;
      }
      if (o.json) return printJson(s);
      process.stdout.write([
        '',
        `Wrote ${s.since.slice(0, 10)} to ${s.until.slice(0, 10)} in ${s.seconds} s:`,
        `  emergencies   ${s.emergencies} (${s.paged} paged; ${s.concurrent} came while the DRI was busy, ${s.waitedForManager} waited for the manager)`,
        `  pages         ${s.pages}`,
        `  tickets       ${s.tickets} besides the emergencies' own (${s.breached} SLA breaches in all)`,
        `  escalations   ${s.escalations}`,
        '',
        'Look at it: npm start -- --demo, sign in as tara.brooks@example.com / hotline-demo, open What-if.',
        '',
      ].join('\n'));
    });
}
