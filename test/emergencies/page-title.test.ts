// A page raised for an emergency is titled with whose emergency it is and what is wrong, so the
// first line of a phone notification is useful on its own; the same for a manual page (PG-5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

const TUESDAY_NOON_NY = '2026-11-24T17:00:00Z';

describe.each(testEngines())('page titles on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, TUESDAY_NOON_NY);
  }, 30_000);
  afterAll(() => n?.close());

  const pagesOf = async (ticketId: string) =>
    ((await n.admin('GET', '/api/v1/pages?limit=100')).body.items as { ticketId: string | null; title: string }[]).filter((p) => p.ticketId === ticketId);

  it('WF-1: the emergency page names the organisation, the subject and the ticket', async () => {
    const t = await n.urgent('rita@acme.example', 'Prod down: 502 on every push');
    const org = (await n.admin('GET', `/api/v1/tickets/${t.id}`)).body.ticket.organizationId;
    const orgName = (await n.admin('GET', `/api/v1/orgs/${org}`)).body.name;
    expect(orgName).toBeTruthy();
    const [page] = await pagesOf(t.id);
    expect(page?.title).toBe(`${orgName} — Prod down: 502 on every push (ticket ${t.number})`);
  });

  it('PG-5: a manual page to one engineer for a ticket carries the same title', async () => {
    const t = await n.urgent('rita@acme.example', 'Backups fail since 03:00');
    const carmen = (await n.admin('GET', '/api/v1/users?q=carmen.diaz@example.com')).body.items[0];
    const tara = await n.as('tara.brooks@example.com');
    const r = await tara('POST', '/api/v1/pages', { ticketNumber: t.number, targetUserIds: [carmen.id] });
    expect(r.status, r.text).toBeLessThan(300);
    expect(r.body.title).toMatch(new RegExp(`— Backups fail since 03:00 \\(ticket ${t.number}\\)$`));
  });
});
