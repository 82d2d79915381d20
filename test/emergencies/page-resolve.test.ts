// PG-2/WF-2 over real HTTP on every engine: resolving an emergency's page from the emergency is
// refused before a public reply, and once allowed it resolves the page and ticks the runbook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

describe.each(testEngines())('resolving the page of an emergency on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:00:00Z');
  }, 30_000);
  afterAll(() => n?.close());

  const show = async (num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;
  const step = (e: any, item: string) => e.runbook.items.find((i: { item: string }) => i.item === item).status;

  it('PG-2: refused before a public reply (page stays open); WF-2: after the reply the page resolves and the step is ticked', async () => {
    const t = await n.urgent('rita@acme.example');
    const veto = await n.admin('POST', `/api/v1/emergencies/${t.number}/resolve-page`);
    expect(veto.status).toBe(409);
    expect(veto.body.error.code).toBe('page.no_public_reply');
    const before = await show(t.number);
    expect(before.pages[0].status).toBe('triggered');
    expect(step(before, 'page_resolved')).not.toBe('done');

    const alice = await n.as('alice.nguyen@example.com');
    expect((await alice('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'On it; bridge link follows.', public: true })).status).toBe(201);
    const ok = await alice('POST', `/api/v1/emergencies/${t.number}/resolve-page`);
    expect(ok.status, ok.text).toBe(200);
    expect((await n.admin('GET', `/api/v1/pages/${before.pageId}`)).body.status).toBe('resolved');
    expect(step(ok.body.emergency, 'page_resolved')).toBe('done');
  });

  it('WF-2: a page resolved from the page view ticks the runbook step in the same change; resolving here again is harmless', async () => {
    const t = await n.urgent('rita@acme.example', 'Runners offline');
    await n.admin('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Looking into it now.', public: true });
    const e = await show(t.number);
    expect(step(e, 'page_resolved')).not.toBe('done');
    expect((await n.admin('POST', `/api/v1/pages/${e.pageId}/resolve`, {})).status).toBe(200);
    expect(step(await show(t.number), 'page_resolved')).toBe('done');
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/resolve-page`);
    expect(r.status, r.text).toBe(200);
    expect(step(r.body.emergency, 'page_resolved')).toBe('done');
  });

  it('an unknown emergency is a 404 with its code', async () => {
    const r = await n.admin('POST', '/api/v1/emergencies/999999/resolve-page');
    expect([r.status, r.body.error.code]).toEqual([404, 'emergency.not_found']);
  });
});
