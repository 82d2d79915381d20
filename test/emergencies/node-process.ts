// A Hotline node on a fake clock in its own process, to be killed with emergency timers pending.
import { FakeClock } from '../../src/kernel/clock.ts';
import { startHotline } from '../../src/main/server.ts';

const [store, port, start, token] = process.argv.slice(2);
await startHotline({
  ...(store.startsWith('postgres') ? { databaseUrl: store } : { dataDir: store }),
  port: Number(port), demo: true, clock: new FakeClock(start), runJobs: false, logLevel: 'silent',
  admin: { email: 'admin@example.com', password: 'admin-password-123', token },
});
process.send?.('ready');
