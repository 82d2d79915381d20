// A real Hotline node in its own process for the paging crash test. argv: database (URL or
// SQLite directory), port, clock offset in ms, demo (1/0). Channels come from HOTLINE_* env.
// The demo rotation's on-call answer comes from a tiny schedule resolver.
import { Temporal } from '../../src/kernel/time.ts';
import { findUser } from '../../src/people/index.ts';
import type { ScheduleResolver } from '../../src/paging/service-targets.ts';
import { capabilities } from '../../src/main/capabilities.ts';
import { startHotline } from '../../src/main/server.ts';

const [database, port, offsetMs, demo] = process.argv.slice(2);
const clock = { now: () => Temporal.Now.instant().add({ milliseconds: Number(offsetMs) }) };
const onCall: ScheduleResolver = async (t, _at, tx) => {
  const email = t.kind === 'group_dri' ? 'alice.nguyen@example.com' : t.kind === 'schedule' ? 'tara.brooks@example.com' : null;
  const u = email ? await findUser(tx, { email }) : undefined;
  return u ? [u.id] : [];
};
const hotline = await startHotline({
  // the schedules capability as it is, but this node's on-call answer is the stand-in's
  plugs: capabilities.map((c) => (c.name === 'schedules' ? { ...c, provides: { ...c.provides, scheduleResolver: onCall } } : c)),
  ...(database.startsWith('postgres') ? { databaseUrl: database } : { dataDir: database }),
  port: Number(port),
  demo: demo === '1',
  clock,
  logLevel: 'silent',
  admin: { email: 'admin@example.com', token: 'hl_test_admin_token_0123456789abcdef' },
});
process.send?.('ready');
process.on('SIGTERM', async () => {
  await hotline.close();
  process.exit(0);
});
