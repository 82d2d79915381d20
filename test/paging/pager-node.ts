// A real Hotline node in its own process for the paging crash test. argv: database (URL or
// SQLite directory), port, clock offset in ms, demo (1/0). Channels come from HOTLINE_* env.
// The demo rotation's on-call answer comes from a tiny schedule resolver.
import { Temporal } from '../../src/kernel/time.ts';
import { findUser } from '../../src/people/store.ts';
import { registerScheduleResolver } from '../../src/paging/targets.ts';
import { startHotline } from '../../src/main/server.ts';

const [database, port, offsetMs, demo] = process.argv.slice(2);
const clock = { now: () => Temporal.Now.instant().add({ milliseconds: Number(offsetMs) }) };
const onCall = async (t: { kind: string }, _at: unknown, tx: Parameters<typeof findUser>[0]) => {
  const email = t.kind === 'group_dri' ? 'alice.nguyen@example.com' : t.kind === 'schedule' ? 'tara.brooks@example.com' : null;
  const u = email ? await findUser(tx, { email }) : undefined;
  return u ? [u.id] : [];
};
registerScheduleResolver(onCall);
const hotline = await startHotline({
  ...(database.startsWith('postgres') ? { databaseUrl: database } : { dataDir: database }),
  port: Number(port),
  demo: demo === '1',
  clock,
  logLevel: 'silent',
  admin: { email: 'admin@example.com', token: 'hl_test_admin_token_0123456789abcdef' },
});
// again after start: the schedules capability registers its real resolver while starting
registerScheduleResolver(onCall);
process.send?.('ready');
process.on('SIGTERM', async () => {
  await hotline.close();
  process.exit(0);
});
