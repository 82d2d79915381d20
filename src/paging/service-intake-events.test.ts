// PG-8 group commit on the events intake, against a real store (both engines): a burst applied
// in one transaction ends exactly where the same events applied one by one end, and one event
// that fails never takes the others of its burst down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../kernel/actor.ts';
import { findUser } from '../people/index.ts';
import { listTimeline } from '../store/timeline.ts';
import { readTx, transact } from '../store/tx.ts';
import { testEngines } from '../store/test-db.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { validateEventV2, type NormalisedEvent } from './events-v2.ts';
import { applyEvents, EventBatcher, processEvent, type EventOutcome } from './service-intake-events.ts';
import { savePolicy, saveService } from './service-admin.ts';
import type { Service } from './store.ts';

const event = (routingKey: string, action: string, dedup: string, summary = `${action} ${dedup}`): NormalisedEvent => {
  const v = validateEventV2({ routing_key: routingKey, event_action: action, dedup_key: dedup, ...(action === 'trigger' ? { payload: { summary, source: 'test', severity: 'error' } } : {}) });
  if (!v.ok) throw new Error(JSON.stringify(v.body));
  return v.event;
};

// Triggers, repeats, acknowledges and resolves over three keys, with a resolve followed by a
// trigger in the same burst (a new page) and an acknowledge of a key that never had a page.
const SCRIPT: Array<[string, string]> = [
  ['trigger', 'a'], ['trigger', 'b'], ['trigger', 'a'], ['trigger', 'a'], ['acknowledge', 'b'], ['trigger', 'b'],
  ['trigger', 'c'], ['resolve', 'a'], ['trigger', 'a'], ['trigger', 'c'], ['acknowledge', 'nobody'], ['trigger', 'a'],
  ['resolve', 'c'], ['resolve', 'c'], ['trigger', 'b'], ['trigger', 'a'], ['trigger', 'b'],
];

describe.each(testEngines())('PG-8 events intake group commit (%s)', (engine) => {
  let s: TestServer;
  const ctx = () => s.hotline.ctx;
  const services: Record<string, Service> = {};

  beforeAll(async () => {
    s = await startTestServer({ engine, runJobs: false });
    const admin = (await findUser(readTx(ctx().db), { email: s.admin.email }))!;
    await savePolicy(ctx(), SYSTEM, { id: 'p', name: 'P', repeat: 0, levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: admin.id }] }] });
    for (const [id, key] of [['one-by-one', 'onebyoneonebyoneonebyoneonebyone'], ['burst', 'burstburstburstburstburstburst01'], ['batcher', 'batcherbatcherbatcherbatcher0001']]) {
      services[id] = (await saveService(ctx(), SYSTEM, { id, name: id, escalationPolicyId: 'p', integrationKey: key })).service;
    }
  }, 30_000);
  afterAll(async () => {
    await s?.close();
  });

  /** Pages of a service by dedup key in opening order, with status, alert count and the alert counts the timeline tells. */
  const state = async (serviceId: string) => {
    const pages = await ctx().db.kysely.selectFrom('pages').select(['id', 'dedup_key', 'status', 'alert_count']).where('service_id', '=', serviceId).orderBy('number').execute();
    return Promise.all(pages.map(async (p) => ({
      key: p.dedup_key, status: p.status, alerts: Number(p.alert_count),
      appended: (await listTimeline(readTx(ctx().db), 'page', p.id)).filter((e) => e.action === 'page.alert_appended').map((e) => e.detail.alertCount as number).sort((x, y) => x - y),
    })));
  };
  const kinds = (o: EventOutcome[]) => o.map((x) => `${x.dedupKey}:${x.outcome}`);

  it('PG-8: a burst in one transaction ends where the same events one by one end: pages, alert counts, timeline, outcomes', async () => {
    const one: EventOutcome[] = [];
    for (const [action, key] of SCRIPT) one.push(await processEvent(ctx(), services['one-by-one'], event(services['one-by-one'].integrationKey, action, key)));
    const burst = await transact(ctx().db, (tx) => applyEvents(ctx(), tx, SCRIPT.map(([action, key]) => ({ service: services.burst, ev: event(services.burst.integrationKey, action, key) }))));
    expect(kinds(burst)).toEqual(kinds(one));
    const expected = await state('one-by-one');
    // the script itself: a resolved 'a' reopened, 'c' resolved once and the second resolve dropped
    expect(expected.map((p) => `${p.key}:${p.status}:${p.alerts}`)).toEqual(['a:resolved:3', 'b:acknowledged:4', 'c:resolved:2', 'a:triggered:3']);
    expect(expected[1].appended).toEqual([2, 3, 4]);
    expect(await state('burst')).toEqual(expected);
  });

  it('PG-8: events submitted together each get their outcome after the shared commit; a failing one fails alone and nothing is counted twice', async () => {
    const b = new EventBatcher(ctx());
    const svc = services.batcher;
    const gone: Service = { ...svc, id: 'no-such-service' };
    const sends = [
      b.submit(svc, event(svc.integrationKey, 'trigger', 'x')),
      b.submit(svc, event(svc.integrationKey, 'trigger', 'x')),
      b.submit(gone, event(svc.integrationKey, 'trigger', 'x')),
      b.submit(svc, event(svc.integrationKey, 'trigger', 'y')),
      b.submit(svc, event(svc.integrationKey, 'trigger', 'x')),
    ];
    const settled = await Promise.allSettled(sends);
    expect(settled.map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as { code?: string }).code))).toEqual(['opened', 'appended', 'service.not_found', 'opened', 'appended']);
    expect((await state(svc.id)).map((p) => `${p.key}:${p.alerts}`)).toEqual(['x:3', 'y:1']);
    // a later burst of repeats lands on the same pages
    const more = await Promise.all(Array.from({ length: 40 }, (_, i) => b.submit(svc, event(svc.integrationKey, 'trigger', i % 2 ? 'x' : 'y'))));
    expect(new Set(more.map((o) => o.outcome))).toEqual(new Set(['appended']));
    const after = await state(svc.id);
    expect(after.map((p) => `${p.key}:${p.alerts}`)).toEqual(['x:23', 'y:21']);
    expect(after[0].appended).toEqual(Array.from({ length: 22 }, (_, i) => i + 2));
  });
});
