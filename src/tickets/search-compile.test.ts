import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Temporal } from '../kernel/time.ts';
import { openDatabase, type Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import type { Database } from '../store/schema.ts';
import { parseSearchQuery } from './search-query.ts';
import { searchCountQuery, searchTicketsQuery, type CompileOptions, type SearchViewer } from './search-compile.ts';
import { PRIORITY_RANK, STATUS_RANK, type TicketPriority, type TicketStatus } from './ticket.ts';

const NOW = Temporal.Instant.from('2026-11-23T10:00:00Z');
const STAFF: SearchViewer = { userId: 'a1', role: 'agent', organizationId: null };
const parse = (q: string) => parseSearchQuery(q, { now: NOW });

// Compile-only databases: the dialects are never connected.
const sqliteOnly = new Kysely<Database>({ dialect: new SqliteDialect({ database: async () => { throw new Error('compile only'); } }) });
const pgOnly = new Kysely<Database>({ dialect: new PostgresDialect({ pool: async () => { throw new Error('compile only'); } }) });

describe('search compiles to SQL on both engines', () => {
  const compile = (db: Kysely<Database>, q: string, opts: CompileOptions = { viewer: STAFF }) => searchTicketsQuery(db, parse(q), opts).compile();

  it('TK-4: emergency queue query → rank comparison and created_at ordering', () => {
    const lite = compile(sqliteOnly, 'priority:urgent order_by:created_at sort:desc status:new');
    expect(lite.sql).toBe('select "tickets".* from "tickets" where (1 = 1 and "tickets"."priority_rank" = ? and "tickets"."status_rank" = ?) order by "tickets"."created_at" desc, "tickets"."number" desc');
    expect(lite.parameters).toEqual([3, 0]);
    const pg = compile(pgOnly, 'priority:urgent order_by:created_at sort:desc status:new');
    expect(pg.sql).toContain('"tickets"."priority_rank" = $1 and "tickets"."status_rank" = $2');
  });

  it('TK-4: dates are compared as ISO-8601 UTC strings', () => {
    const c = compile(pgOnly, 'created>2hours updated<=2026-11-01');
    expect(c.sql).toContain('("tickets"."created_at" is not null and "tickets"."created_at" > $1)');
    expect(c.sql).toContain('("tickets"."updated_at" is not null and "tickets"."updated_at" < $2)');
    expect(c.parameters).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-02T00:00:00.000Z']);
  });

  it('TK-4: tags become EXISTS over ticket_tags, negation wraps in NOT', () => {
    const c = compile(sqliteOnly, '-tags:spam,junk');
    expect(c.sql).toContain('not exists (select 1 as "one" from "ticket_tags" as "tt" where "tt"."ticket_id" = "tickets"."id" and "tt"."tag" in (?, ?))');
  });

  it('TK-2: customers search public comments only, within their organisation', () => {
    const c = compile(pgOnly, 'gitaly', { viewer: { userId: 'r1', role: 'customer', organizationId: 'o1' } });
    expect(c.sql).toContain('("tickets"."requester_id" = $1 or "tickets"."organization_id" = $2)');
    expect(c.sql).toContain('cast("tc"."is_public" as integer) = 1');
    const staff = compile(pgOnly, 'gitaly');
    expect(staff.sql).not.toContain('is_public');
  });

  it('TK-4: free text escapes LIKE wildcards', () => {
    const c = compile(sqliteOnly, '"100%_x"');
    expect(c.parameters).toContain('%100\\%\\_x%');
    expect(c.sql).toContain(`like ? escape '\\'`);
  });
});

interface Row {
  number: number; subject: string; status: TicketStatus; priority: TicketPriority; form: string;
  org: string | null; requester: string; assignee: string | null; emergency: 0 | 1;
  created: string; solved?: string; tags: string[]; comments: [string, 0 | 1][];
}
const ROWS: Row[] = [
  { number: 101, subject: 'GitLab down after upgrade', status: 'new', priority: 'urgent', form: 'self_managed', org: 'o1', requester: 'r1', assignee: null, emergency: 1, created: '2026-11-23T09:30:00.000Z', tags: ['incident-12345'], comments: [['502 errors everywhere', 1], ['customer runs a Gitaly cluster', 0]] },
  { number: 102, subject: 'Runner slow at 1000 jobs', status: 'open', priority: 'high', form: 'saas', org: 'o2', requester: 'r2', assignee: 'a1', emergency: 0, created: '2026-11-20T12:00:00.000Z', tags: ['emergency_downgraded'], comments: [['pipelines stuck', 1]] },
  { number: 103, subject: 'Licence expired', status: 'solved', priority: 'urgent', form: 'licensing', org: 'o1', requester: 'r3', assignee: 'a1', emergency: 1, created: '2026-11-23T07:00:00.000Z', solved: '2026-11-23T08:00:00.000Z', tags: ['incident-12345', 'emergency_strict'], comments: [['gitaly was fine', 0]] },
  { number: 104, subject: 'Question about 100% CPU', status: 'pending', priority: 'low', form: 'saas', org: null, requester: 'r4', assignee: null, emergency: 0, created: '2026-10-01T00:00:00.000Z', tags: [], comments: [] },
];

describe('search runs on SQLite (better-sqlite3, in memory)', () => {
  let store: Db;
  let db: Kysely<Database>;
  beforeAll(async () => {
    store = await openDatabase({ file: ':memory:' });
    await migrate(store);
    db = store.kysely;
    for (const r of ROWS) {
      const id = `t${r.number}`;
      await db.insertInto('tickets').values({
        id, number: r.number, subject: r.subject, status: r.status, status_rank: STATUS_RANK[r.status], priority: r.priority,
        priority_rank: PRIORITY_RANK[r.priority], form: r.form, stage: 'first_reply', organization_id: r.org, requester_id: r.requester,
        assignee_id: r.assignee, is_emergency: r.emergency, created_at: r.created, updated_at: r.created, solved_at: r.solved ?? null, due_at: null,
        version: 1, reply_token: `reply-${id}`,
      }).execute();
      for (const tag of r.tags) await db.insertInto('ticket_tags').values({ ticket_id: id, tag }).execute();
      for (const [i, [body, isPublic]] of r.comments.entries()) {
        await db.insertInto('ticket_comments').values({ id: `${id}-c${i}`, ticket_id: id, body, is_public: isPublic, via: 'web', created_at: r.created }).execute();
      }
    }
  });
  afterAll(async () => { await store.close(); });

  const run = async (q: string, opts: Partial<CompileOptions> = {}) =>
    (await searchTicketsQuery(db, parse(q), { viewer: STAFF, ...opts }).execute()).map((r) => r.number);

  it.each<[string, number[]]>([
    ['priority:urgent order_by:created_at sort:desc', [101, 103]],
    ['priority:urgent order_by:created_at sort:desc status:new', [101]],
    ['status<solved order_by:number sort:asc', [101, 102, 104]],
    ['order_by:priority', [103, 101, 102, 104]],
    ['tags:incident-12345 -status:solved', [101]],
    ['tags:incident-12345 tags:emergency_strict', [103]],
    ['tags:emergency_strict,emergency_downgraded order_by:number sort:asc', [102, 103]],
    ['created>2hours', [101]],
    ['created<2026-11-01', [104]],
    ['created:2026-11-23 order_by:number sort:asc', [101, 103]],
    ['solved<=2026-11-23', [103]],
    ['-solved<=2026-11-23 order_by:number sort:asc', [101, 102, 104]],
    ['assignee:none order_by:number sort:asc', [101, 104]],
    ['-assignee:a1 order_by:number sort:asc', [101, 104]],
    ['assignee:me order_by:number sort:asc', [102, 103]],
    ['no:organization', [104]],
    ['has:tags order_by:number sort:asc', [101, 102, 103]],
    ['number>102 order_by:number sort:asc', [103, 104]],
    ['103', [103]],
    ['emergency:true order_by:number sort:asc', [101, 103]],
    ['gitaly order_by:number sort:asc', [101, 103]],
    ['"100%"', [104]],
    ['subject:gitlab', [101]],
    ['form:saas order_by:number sort:asc', [102, 104]],
  ])('TK-4: staff %s', async (q, expected) => {
    expect(await run(q)).toEqual(expected);
  });

  it('TK-4: the count query agrees with the result and has no ORDER BY', async () => {
    const q = parse('priority:urgent order_by:created_at sort:desc');
    const c = searchCountQuery(db, q, { viewer: STAFF });
    expect(c.compile().sql).not.toContain('order by');
    expect(Number((await c.executeTakeFirstOrThrow()).count)).toBe(2);
  });

  it('TK-2: a customer never finds a ticket through an internal note', async () => {
    const viewer: SearchViewer = { userId: 'r1', role: 'customer', organizationId: 'o1' };
    expect(await run('gitaly', { viewer })).toEqual([]);
    expect(await run('502', { viewer })).toEqual([101]);
  });

  it('TK-4: customers see only their organisation, or their own tickets without one', async () => {
    expect(await run('order_by:number sort:asc', { viewer: { userId: 'r1', role: 'customer', organizationId: 'o1' } })).toEqual([101, 103]);
    expect(await run('', { viewer: { userId: 'r4', role: 'customer', organizationId: null } })).toEqual([104]);
  });

  it('TK-8: staff without emergency visibility see emergencies only when assigned', async () => {
    expect(await run('order_by:number sort:asc', { viewer: { ...STAFF, seesEmergencies: false } })).toEqual([102, 103, 104]);
  });

  it('TK-4: e-mail references go through the resolver; unknown ones match nothing', async () => {
    const resolve = (_f: string, ref: string) => (ref === 'ann@example.com' ? 'a1' : null);
    expect(await run('assignee:ann@example.com order_by:number sort:asc', { resolve })).toEqual([102, 103]);
    expect(await run('assignee:zed@example.com', { resolve })).toEqual([]);
  });
});
