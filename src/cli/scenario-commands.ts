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
handbook's paths. Everything stays in the store; browse it afterwards:

  npm start -- --demo     then open /emergencies, /tickets and /pages

A day is replayed once per store: a second replay of the same day is refused unless --force.
Run it while no Hotline node is using the store (stop \`hotline start\` first).`;

export function registerScenarioCommands(program: Command): void {
  const demo = program.command('demo').description('The demo workspace: replay a realistic on-call day');
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
        `  timers fired       ${summary.timersFired} (cancelled: ${summary.timersCancelled}; jobs run: ${summary.jobsRun})`,
        `  late timers        ${summary.lateTimers} (late jobs: ${summary.lateJobs})`,
        '',
        'Browse it: npm start -- --demo, sign in as admin@example.com / hotline-demo, then /emergencies, /tickets and /pages.',
        '',
      ].join('\n'));
    });
}
