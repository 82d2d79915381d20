// The emergency board over real HTTP on every engine: each open emergency carries what the board
// ticks in the browser — when it was opened, its subject, and the instants its pending timers fire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

const TUESDAY_NOON_NY = '2026-11-24T17:00:00Z';

describe.each(testEngines())('emergency board on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, TUESDAY_NOON_NY);
  }, 30_000);
  afterAll(() => n?.close());

  const row = async (number: number) => (await n.admin('GET', '/api/v1/emergencies')).body.items.find((x: { ticketNumber: number }) => x.ticketNumber === number);

  it('WF-2/WF-5: a board row has subject, opening instant, next due step and the pending silence timers', async () => {
    const t = await n.urgent('rita@acme.example', 'Registry returns 500 for every push');
    n.clock.advance({ minutes: 3 });
    const before = await row(t.number);
    expect(before).toMatchObject({ subject: 'Registry returns 500 for every push', createdAt: TUESDAY_NOON_NY.replace('Z', '.000Z'), ageMinutes: 3, timers: [] });
    expect(before.next).toMatchObject({ item: 'acknowledged', dueAt: expect.any(String) });

    const alice = await n.as('alice.nguyen@example.com');
    expect((await alice('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Looking now; bridge link follows.', public: true })).status).toBe(201);
    const after = await row(t.number);
    // WF-5: follow-up 15 minutes after the first public reply, bridge close 15 minutes later.
    expect(after.timers).toEqual([
      { kind: 'silence-followup', dueAt: '2026-11-24T17:18:00.000Z' },
      { kind: 'silence-bridge-close', dueAt: '2026-11-24T17:33:00.000Z' },
    ]);
  });

  it('WF-9: a resolved emergency leaves the board; ?all=true still lists it', async () => {
    const t = await n.urgent('rita@acme.example', 'Pages site offline');
    expect(await row(t.number)).toBeDefined();
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/resolve`, { followUp: { kind: 'none' } });
    expect(r.status, r.text).toBe(200);
    expect(await row(t.number)).toBeUndefined();
    const all = (await n.admin('GET', '/api/v1/emergencies?all=true')).body.items;
    expect(all.find((x: { ticketNumber: number }) => x.ticketNumber === t.number)).toMatchObject({ state: 'resolved', timers: [] });
  });
});
