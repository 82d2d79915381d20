// Commands that run on the server machine itself: start, migrate, and the first token.
import type { Command } from 'commander';
import { join } from 'node:path';
import { CliError, EXIT, printJson } from './output.ts';

// The server's modules load only when a command needs them, so `--help` and the data commands
// start quickly.
const server = () => import('../main/server.ts');

const storeOptions = (cmd: Command) =>
  cmd
    .option('--data <DIR>', 'data directory for the embedded database', process.env.HOTLINE_DATA_DIR ?? join(process.cwd(), 'data'))
    .option('--database-url <URL>', 'PostgreSQL URL (default: $HOTLINE_DATABASE_URL; without one, the embedded SQLite file)', process.env.HOTLINE_DATABASE_URL);

export function registerServerCommands(program: Command): void {
  storeOptions(
    program
      .command('start')
      .description('Start a Hotline node: web app, API, job engine. First admin from HOTLINE_ADMIN_EMAIL / _PASSWORD / _TOKEN.')
      .option('--demo', 'load the demo workspace (examples/demo.yaml) — people, organisations and rotations modelled on a real support handbook')
      .option('--port <PORT>', 'HTTP port', process.env.HOTLINE_PORT ?? '8080')
      .option('--host <HOST>', 'address to listen on', process.env.HOTLINE_HOST ?? '127.0.0.1')
      .option('--log-level <LEVEL>', 'fatal, error, warn, info, debug', process.env.HOTLINE_LOG_LEVEL ?? 'info'),
  ).action(async (o) => {
    const port = Number(o.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not "${o.port}".`, EXIT.usage);
    const { startHotline } = await server();
    const { redactUrl } = await import('../store/db.ts');
    const h = await startHotline({
      databaseUrl: o.databaseUrl,
      dataDir: o.data,
      port,
      host: o.host,
      demo: !!o.demo,
      logLevel: o.logLevel,
      admin: { email: process.env.HOTLINE_ADMIN_EMAIL, password: process.env.HOTLINE_ADMIN_PASSWORD, token: process.env.HOTLINE_ADMIN_TOKEN },
    });
    const where = o.databaseUrl ? `PostgreSQL ${redactUrl(o.databaseUrl)}` : `embedded SQLite in ${o.data}`;
    const lines = [
      '',
      `  Hotline ${h.url}  (${where})`,
      `  API reference ${h.url}/api/docs`,
      o.demo ? '  Demo workspace loaded. Sign in as admin@example.com with password hotline-demo' : process.env.HOTLINE_ADMIN_EMAIL ? `  Sign in as ${process.env.HOTLINE_ADMIN_EMAIL}` : '  No demo: set HOTLINE_ADMIN_EMAIL and HOTLINE_ADMIN_PASSWORD to create the first admin.',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
    const stop = async () => {
      await h.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

  storeOptions(program.command('migrate').description('Bring the database schema up to date (also done at every start)').option('--json', 'machine-readable output')).action(async (o) => {
    const { openStore } = await server();
    const { migrate } = await import('../store/migrate.ts');
    const db = await openStore({ databaseUrl: o.databaseUrl, dataDir: o.data });
    try {
      const r = await migrate(db);
      if (o.json) printJson(r);
      else process.stdout.write(r.applied.length ? `Applied ${r.applied.length} migration(s):\n${r.applied.map((n) => `  ${n}\n`).join('')}` : 'Database schema is up to date.\n');
    } finally {
      await db.close();
    }
  });

  const token = program.command('token').description('API tokens for scripts and this CLI');
  storeOptions(
    token
      .command('create')
      .description('Create an API token; the secret is printed once. With --local, writes straight to the database (for the first token on a new server).')
      .requiredOption('--name <NAME>', 'what uses the token, e.g. "ci" or "alertmanager"')
      .option('--local', 'create it in the local database instead of through the running server')
      .option('--email <EMAIL>', 'with --local: the user the token acts as')
      .option('--json', 'machine-readable output'),
  ).action(async (o) => {
    let t: { token: string; prefix: string; name: string };
    if (o.local) {
      if (!o.email) throw new CliError('--local needs --email: the user the token acts as.', EXIT.usage);
      const { openStore } = await server();
      const { migrate } = await import('../store/migrate.ts');
      const { SYSTEM } = await import('../kernel/actor.ts');
      const { systemClock } = await import('../kernel/clock.ts');
      const { createToken } = await import('../people/index.ts');
      const { findUser } = await import('../people/index.ts');
      const { readTx } = await import('../store/tx.ts');
      const { ChangeBus } = await import('../runtime/bus.ts');
      const { JobEngine } = await import('../engine/runner.ts');
      const { buildCtx } = await import('../main/node.ts');
      const db = await openStore({ databaseUrl: o.databaseUrl, dataDir: o.data });
      try {
        await migrate(db);
        const ctx = buildCtx({ db, clock: systemClock, jobs: new JobEngine({ db, clock: systemClock }), bus: new ChangeBus('cli') });
        const user = await findUser(readTx(db), { email: o.email });
        if (!user) throw new CliError(`No user ${o.email} in this database.`, EXIT.not_found);
        t = await createToken(ctx, { ...SYSTEM, via: 'cli' }, { name: o.name, userId: user.id });
      } finally {
        await db.close();
      }
    } else {
      const { client } = await import('./client.ts');
      t = await client().post('/api/v1/tokens', { name: o.name });
    }
    if (o.json) return printJson(t);
    process.stdout.write(`${t.token}\n`);
    process.stderr.write(`Token "${t.name}" created. Store it now: it is not shown again. Use it as HOTLINE_TOKEN.\n`);
  });
}
