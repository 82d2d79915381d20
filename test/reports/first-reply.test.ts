// RP-1: a ticket keeps the instant of its first public reply by staff, written with that reply, so
// the time-to-first-reply report reads one column. Over real HTTP with a fake clock on each engine;
// and the migration that adds the column fills it in for tickets written before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, type Migration } from 'kysely';
import { FakeClock } from '../../src/kernel/clock.ts';
import { openDatabase } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { createTestDatabase, testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('first reply kept on the ticket on %s', (engine) => {
  let s: TestServer;
  const clock = new FakeClock('2026-03-03T09:00:00Z');
  const api: Record<string, ReturnType<typeof http>> = {};
  const firstReply = async (id: string) =>
    (await s.hotline.ctx.db.kysely.selectFrom('tickets').select('first_reply_at').where('id', '=', id).executeTakeFirstOrThrow()).first_reply_at;
  const ok = <R extends { status: number; text: string }>(r: R): R => {
    if (r.status >= 300) throw new Error(`${r.status} ${r.text}`);
    return r;
  };

  beforeAll(async () => {
    s = await startTestServer({ engine, clock });
    const admin = http(s.url, { token: s.admin.token });
    const acme = ok(await admin('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    for (const [name, email, role] of [['engineer', 'alice.nguyen@example.com', 'engineer'], ['rita', 'rita@acme.example', 'customer']] as const) {
      const u = ok(await admin('POST', '/api/v1/users', { email, name, role, ...(role === 'customer' ? { organizationId: acme } : {}) }));
      api[name] = http(s.url, { token: ok(await admin('POST', '/api/v1/tokens', { name: `t-${name}`, userId: u.body.id })).body.token });
    }
  });
  afterAll(async () => s?.close());

  const openTicket = async (subject: string) =>
    ok(await api.engineer('POST', '/api/v1/tickets', { subject, form: 'self_managed', requesterEmail: 'rita@acme.example', description: 'Opened for the customer on the phone.' })).body.ticket as { id: string; number: number };
  const note = (id: string, isPublic: boolean) => api.engineer('POST', `/api/v1/tickets/${id}/comments`, { body: isPublic ? 'We are on it.' : 'Internal: looks like the runner.', public: isPublic });

  it('RP-1: set by the first public staff reply; not by the description, internal notes or the customer; later replies leave it', async () => {
    clock.set('2026-03-03T09:00:00Z');
    const t = await openTicket('Backups failing');
    expect(await firstReply(t.id)).toBeNull(); // the staff member's description is not a reply
    clock.set('2026-03-03T09:05:00Z');
    ok(await note(t.id, false));
    clock.set('2026-03-03T09:10:00Z');
    ok(await api.rita('POST', `/api/v1/portal/tickets/${t.id}/replies`, { body: 'Any news?' }));
    expect(await firstReply(t.id)).toBeNull();
    clock.set('2026-03-03T09:20:00Z');
    ok(await note(t.id, true));
    expect(await firstReply(t.id)).toBe('2026-03-03T09:20:00.000Z');
    clock.set('2026-03-03T10:00:00Z');
    ok(await note(t.id, true));
    expect(await firstReply(t.id)).toBe('2026-03-03T09:20:00.000Z');
  });

  it('RP-1: a merge brings the merged ticket\'s earlier reply to the ticket it lands on', async () => {
    clock.set('2026-03-04T09:00:00Z');
    const into = await openTicket('SSO broken');
    const from = await openTicket('SSO broken again');
    clock.set('2026-03-04T09:15:00Z');
    ok(await note(from.id, true));
    clock.set('2026-03-04T09:30:00Z');
    ok(await note(into.id, true));
    expect(await firstReply(into.id)).toBe('2026-03-04T09:30:00.000Z');
    clock.set('2026-03-04T09:45:00Z');
    ok(await api.engineer('POST', `/api/v1/tickets/${from.id}/merge`, { into: into.id }));
    expect(await firstReply(into.id)).toBe('2026-03-04T09:15:00.000Z');
  });
});

describe.each(testEngines())('first reply migration on %s', (engine) => {
  it('RP-1: tickets written before the column get their first public staff reply from their comments', async () => {
    const t = await createTestDatabase(engine);
    const db = await openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
    try {
      const before = new Migrator({ db: db.kysely, provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations }, allowUnorderedMigrations: true });
      const r = await before.migrateTo('2026_12_08_0900_report_indexes');
      if (r.error) throw r.error;
      const at = '2026-03-01T00:00:00.000Z';
      const k = db.kysely as any; // the tickets table as it was before the column
      await k.insertInto('users').values([['eng', 'engineer'], ['mgr', 'manager'], ['cust', 'customer']].map(([id, role]) => ({
        id, email: `${id}@example.com`, name: id, role, kind: 'person', time_zone: 'UTC', active: 1, created_at: at, updated_at: at,
      }))).execute();
      const ticket = (id: string, n: number) => ({
        id, workspace: 'default', number: n, subject: id, status: 'open', status_rank: 1, priority: 'normal', priority_rank: 1, form: 'saas', stage: 'next_reply',
        requester_id: 'cust', is_emergency: 0, created_at: '2026-03-02T09:00:00.000Z', updated_at: '2026-03-02T09:00:00.000Z', version: 1, reply_token: `tok-${id}`,
      });
      await k.insertInto('tickets').values([ticket('answered', 1), ticket('unanswered', 2)]).execute();
      const comment = (id: string, ticketId: string, author: string, isPublic: number, time: string) =>
        ({ id, ticket_id: ticketId, author_id: author, body: id, is_public: isPublic, via: 'web', created_at: `2026-03-02T${time}:00.000Z` });
      await k.insertInto('ticket_comments').values([
        comment('a-desc', 'answered', 'eng', 1, '09:00'), // the description, written with the ticket
        comment('a-note', 'answered', 'eng', 0, '09:05'),
        comment('a-cust', 'answered', 'cust', 1, '09:10'),
        comment('a-late', 'answered', 'eng', 1, '11:00'),
        comment('a-first', 'answered', 'mgr', 1, '09:40'),
        comment('u-desc', 'unanswered', 'eng', 1, '09:00'),
        comment('u-note', 'unanswered', 'eng', 0, '09:30'),
        comment('u-cust', 'unanswered', 'cust', 1, '09:45'),
      ]).execute();
      expect((await migrate(db)).applied).toContain('2026_12_09_0900_ticket_first_reply');
      const rows = await db.kysely.selectFrom('tickets').select(['id', 'first_reply_at']).orderBy('id').execute();
      expect(rows).toEqual([{ id: 'answered', first_reply_at: '2026-03-02T09:40:00.000Z' }, { id: 'unanswered', first_reply_at: null }]);
    } finally {
      await db.close();
      await t.drop();
    }
  });
});
