// A demo node on a fake clock, with tokens for the people the emergency paths need.
import { FakeClock } from '../../src/kernel/clock.ts';
import type { Engine } from '../../src/store/db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

export type Api = ReturnType<typeof http>;

export async function emergencyNode(engine: Engine, start: string) {
  const clock = new FakeClock(start);
  const s: TestServer = await startTestServer({ demo: true, clock, runJobs: false, engine });
  const admin = http(s.url, { token: s.admin.token });
  const tokens = new Map<string, Api>();
  const as = async (email: string): Promise<Api> => {
    if (!tokens.has(email)) {
      const u = (await admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items.find((x: { email: string }) => x.email === email);
      if (!u) throw new Error(`no demo user ${email}`);
      const t = await admin('POST', '/api/v1/tokens', { name: `t-${email}`, userId: u.id });
      tokens.set(email, http(s.url, { token: t.body.token }));
    }
    return tokens.get(email)!;
  };
  const drain = () => s.hotline.ctx.jobs.drain();
  /** An urgent ticket as the portal would open it for this requester. */
  const urgent = async (requesterEmail: string, subject = 'Production down', form = 'self_managed') => {
    const r = await admin('POST', '/api/v1/tickets', { subject, form, priority: 'urgent', requesterEmail, description: 'Everything is down.' });
    if (r.status !== 201) throw new Error(`ticket: ${r.status} ${r.text}`);
    return r.body.ticket as { id: string; number: number };
  };
  const ticket = async (id: string) => (await admin('GET', `/api/v1/tickets/${id}`)).body;
  return { s, clock, admin, as, drain, urgent, ticket, close: () => s.close() };
}
