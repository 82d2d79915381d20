// Must show (ENT-1..5, WF-3, WF-12, WF-14) over real HTTP on every engine: who is paged and who
// is told kindly that their plan has no emergency support; licence emergencies on a Saturday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

const show = async (n: Awaited<ReturnType<typeof emergencyNode>>, num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;

describe.each(testEngines())('entitlement paths on %s (Tuesday)', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:00:00Z');
  }, 30_000);
  afterAll(() => n?.close());

  it.each([
    ['ENT-3: free plan (Hooli)', 'gavin@hooli.example', 'below_tier'],
    ['ENT-3: below premium (Umbrella Starter)', 'alice@umbrella.example', 'below_tier'],
  ])('%s → not paged, priority lowered, customer told', async (_n, requester, kind) => {
    const t = await n.urgent(requester);
    const e = await show(n, t.number);
    expect(e.entitlement.kind).toBe(kind);
    expect(e.state).toBe('not_paged');
    expect(e.pages).toHaveLength(0);
    const tk = await n.ticket(t.id);
    expect(tk.ticket.priority).toBe('normal');
    expect(tk.comments.some((c: any) => c.isPublic && c.body.includes('does not include emergency support') || c.body.includes('no emergency support'))).toBe(true);
    expect((await n.admin('GET', '/api/v1/emergencies')).body.items.map((x: any) => x.ticketNumber)).not.toContain(t.number);
  });

  it('ENT-2: requester without organisation → needs_org, still paged, asked to link the account', async () => {
    await n.admin('POST', '/api/v1/users', { email: 'walkin@mail.example', name: 'Walk In', role: 'customer' });
    const t = await n.urgent('walkin@mail.example');
    const e = await show(n, t.number);
    expect(e.entitlement.kind).toBe('needs_org');
    expect(e.state).toBe('open');
    expect(e.ticket.tags).toContain('needs_org');
  });

  it('ENT-4: single seat bought the same day → paged, call guarded until the manager is engaged', async () => {
    const t = await n.urgent('sam@solodev.example');
    const e = await show(n, t.number);
    expect(e.entitlement.kind).toBe('single_seat_same_day');
    expect(e.guards).toEqual(['call_needs_manager']);
    expect(e.ticket.tags).toContain('single_seat_same_day');
  });
});

describe.each(testEngines())('licence emergencies on %s (Saturday)', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-21T15:00:00Z');
  }, 30_000);
  afterAll(() => n?.close());

  it('ENT-5/WF-12: expired 10 days (in grace) vs 20 days (beyond grace) on a Saturday', async () => {
    const wayne = await show(n, (await n.urgent('lucius@wayne.example', 'Licence expired', 'licensing')).number);
    const stark = await show(n, (await n.urgent('pepper@stark.example', 'Licence expired', 'licensing')).number);
    expect([wayne.entitlement.kind, wayne.entitlement.daysSinceExpiry]).toEqual(['expired_in_grace', 10]);
    expect([stark.entitlement.kind, stark.entitlement.daysSinceExpiry]).toEqual(['expired_beyond_grace', 20]);
    const path = (e: any) => e.thread.find((p: any) => p.text.includes('[licence.path]'))?.text;
    expect(path(wayne)).toContain('weekend_in_grace');
    expect(path(stark)).toContain('weekend_licence_request');
  });

  it('ENT-5: beyond grace on the self-managed form → not paged, lowered', async () => {
    const t = await n.urgent('pepper@stark.example');
    const e = await show(n, t.number);
    expect(e.state).toBe('not_paged');
    expect((await n.ticket(t.id)).ticket.priority).toBe('normal');
  });
});
