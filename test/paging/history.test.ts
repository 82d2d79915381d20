// The page history over real HTTP on every engine: closed pages too (status=any), filtered by state,
// service, person, organisation and period, searched by title words or number, a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from '../emergencies/helpers.ts';

const TUESDAY_NOON_NY = '2026-11-24T17:00:00Z';
type Row = { id: string; number: number; title: string; status: string; ticketId: string | null; serviceId: string; triggeredAt: string; targetUserIds: string[]; acknowledgedBy: string | null; resolvedBy: string | null };

describe.each(testEngines())('RP-3 page history on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  const made: { acme: { id: string; number: number }; globex: { id: string; number: number }; acmeOrg: string; globexOrg: string } = {} as never;

  beforeAll(async () => {
    n = await emergencyNode(engine, TUESDAY_NOON_NY);
    made.acme = await n.urgent('rita@acme.example', 'Registry returns 500 for every push');
    n.clock.advance({ hours: 2 });
    // A second organisation's emergency.
    made.acmeOrg = (await n.admin('GET', `/api/v1/tickets/${made.acme.id}`)).body.ticket.organizationId;
    const org = await n.admin('POST', '/api/v1/orgs', { name: 'Globex History', subscription: { planTier: 'ultimate', supportPackage: 'priority_24x7', deployment: 'saas', startsOn: '2020-01-01', endsOn: '2099-12-31', seats: 100 } });
    expect(org.status, org.text).toBe(201);
    made.globexOrg = org.body.id;
    expect((await n.admin('POST', '/api/v1/users', { email: 'ops@globex-history.example', name: 'Globex Ops', role: 'customer', organizationId: org.body.id })).status).toBe(201);
    made.globex = await n.urgent('ops@globex-history.example', 'Pages site offline', 'saas');
    // The first one is over: its page is resolved.
    const r = await n.admin('POST', `/api/v1/emergencies/${made.acme.number}/resolve`, { followUp: { kind: 'none' } });
    expect(r.status, r.text).toBe(200);
  }, 60_000);
  afterAll(() => n?.close());

  const list = async (qs: string) => {
    const r = await n.admin('GET', `/api/v1/pages?${qs}`);
    expect(r.status, r.text).toBe(200);
    return r.body as { items: Row[]; nextOffset: number | null };
  };
  const ticketsOf = (rows: Row[]) => rows.map((p) => p.ticketId);

  it('RP-3: open pages by default; status=any brings the closed ones back', async () => {
    expect(ticketsOf((await list('')).items)).not.toContain(made.acme.id);
    const all = ticketsOf((await list('status=any')).items);
    expect(all).toEqual(expect.arrayContaining([made.acme.id, made.globex.id]));
    expect(ticketsOf((await list('status=resolved')).items)).toContain(made.acme.id);
  });

  it('RP-3: by organisation, by period, by words of the title or the page number', async () => {
    expect(ticketsOf((await list(`status=any&organizationId=${made.acmeOrg}`)).items)).toEqual([made.acme.id]);
    expect(ticketsOf((await list(`status=any&organizationId=${made.globexOrg}`)).items)).toEqual([made.globex.id]);
    expect(ticketsOf((await list(`status=any&from=2026-11-24T16:00:00Z&to=2026-11-24T18:00:00Z`)).items)).toEqual([made.acme.id]);
    expect(ticketsOf((await list(`status=any&from=2026-11-24T18:00:00Z`)).items)).toEqual([made.globex.id]);
    expect(ticketsOf((await list('status=any&q=REGISTRY%20returns')).items)).toEqual([made.acme.id]);
    expect((await list('status=any&q=100%25')).items).toEqual([]);
    // % and _ are letters to search for, not LIKE's wildcards (no title has either).
    expect((await list('status=any&q=%25')).items).toEqual([]);
    expect((await list('status=any&q=_')).items).toEqual([]);
    const one = (await list(`status=any&organizationId=${made.globexOrg}`)).items[0]!;
    expect((await list(`status=any&q=${one.number}`)).items.map((p) => p.id)).toContain(one.id);
  });

  it('RP-3: by person and by service, a page of results at a time', async () => {
    const all = (await list('status=any')).items;
    const paged = all.find((p) => p.targetUserIds.length > 0)!;
    const who = paged.targetUserIds[0]!;
    const theirs = (await list(`status=any&userId=${who}`)).items;
    expect(theirs.map((p) => p.id)).toContain(paged.id);
    expect(theirs.every((p) => p.targetUserIds.includes(who) || p.acknowledgedBy === who || p.resolvedBy === who)).toBe(true);
    expect((await list(`status=any&serviceId=${all[0]!.serviceId}`)).items.length).toBeGreaterThan(0);
    const first = await list('status=any&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextOffset).toBe(1);
    const second = await list('status=any&limit=1&offset=1');
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it('RP-3: a bad period is a 400 that says why; customers get nothing', async () => {
    for (const qs of ['from=yesterday', 'from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z']) {
      const r = await n.admin('GET', `/api/v1/pages?status=any&${qs}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('page.bad_period');
    }
    const rita = await n.as('rita@acme.example');
    expect((await rita('GET', '/api/v1/pages?status=any')).status).toBe(403);
  });
});
