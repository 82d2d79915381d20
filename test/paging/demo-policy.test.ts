// PG-3 must-show: the demo policy on a fake clock. Nobody acknowledges → the support manager
// on call is notified at 10:00 and everyone on the rotation plus the directors at 15:00; an
// acknowledgement at 09:59 stops both. Notifications go over real SMTP to a loopback sink.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import type { ScheduleResolver } from '../../src/paging/service-targets.ts';
import { startSmtpSink, type SmtpSink } from '../stand-ins/index.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const START = '2026-11-24T03:00:00Z';

describe.each(testEngines())('PG-3 demo escalation policy (%s)', (engine) => {
  let s: TestServer;
  let sink: SmtpSink;
  let clock: FakeClock;
  let api: ReturnType<typeof http>;
  const ids: Record<string, string> = {};
  let unregister: () => void;
  /** A stand-in for the schedules capability's answer on this node; returns what takes it away. */
  const onCall = (fn: ScheduleResolver) => {
    s.hotline.ctx.ports.scheduleResolver = fn;
    return () => void delete s.hotline.ctx.ports.scheduleResolver;
  };

  beforeAll(async () => {
    clock = new FakeClock(START);
    sink = await startSmtpSink();
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    configureNotify(s.hotline.ctx, { channels: createChannels({ email: { host: sink.host, port: sink.port, secure: false, from: 'Hotline <pager@hotline.test>' } }) });
    api = http(s.url, { token: s.admin.token });
    for (const who of ['alice.nguyen', 'bruno.costa', 'carmen.diaz', 'tara.brooks', 'xena.powell', 'yusuf.demir']) {
      ids[who] = (await api('GET', `/api/v1/users?q=${who}@example.com`)).body.items[0].id;
    }
    // A tiny stand-in for the schedules capability: who is on call in the demo rotation.
    unregister = onCall(async (t) => {
      if (t.kind === 'group_dri' && t.ref === 'customer-emergencies') return [ids['alice.nguyen']];
      if (t.kind === 'schedule' && t.ref === 'support-managers') return [ids['tara.brooks']];
      if (t.kind === 'rotation_group' && t.ref === 'customer-emergencies') return [ids['alice.nguyen'], ids['bruno.costa'], ids['carmen.diaz']];
      return [];
    });
  }, 30_000);
  afterAll(async () => {
    unregister?.();
    await s?.close();
    await sink?.close();
  });
  afterEach(() => {
    sink.messages.length = 0;
  });

  const mailedTo = () => sink.messages.flatMap((m) => m.envelope.rcptTo).sort();
  const at = async (minutes: number, seconds = 0) => {
    clock.set(START);
    clock.set(clock.now().add({ minutes, seconds }));
    await s.hotline.ctx.jobs.drain();
  };
  const trigger = async (title: string) => {
    clock.set(START);
    const r = await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title });
    expect(r.status).toBe(201);
    await s.hotline.ctx.jobs.drain();
    return r.body;
  };

  it('PG-3: nobody acknowledges → manager at 10:00, rotation and directors at 15:00', async () => {
    const page = await trigger('Acme: production down');
    expect(page.targetUserIds).toEqual([ids['alice.nguyen']]);
    expect(mailedTo()).toEqual(['alice.nguyen@example.com']);
    expect(sink.messages[0].parsed.subject).toContain(`Page #${page.number}`);

    await at(9, 59);
    expect(mailedTo()).toEqual(['alice.nguyen@example.com']);
    await at(10);
    expect(mailedTo()).toEqual(['alice.nguyen@example.com', 'tara.brooks@example.com']);
    const p10 = (await api('GET', `/api/v1/pages/${page.id}`)).body;
    expect(p10).toMatchObject({ status: 'triggered', escalationLevel: 1, targetUserIds: [ids['tara.brooks']] });

    await at(14, 59);
    expect(mailedTo()).toHaveLength(2);
    await at(15);
    expect(mailedTo()).toEqual(
      ['alice.nguyen', 'alice.nguyen', 'bruno.costa', 'carmen.diaz', 'tara.brooks', 'xena.powell', 'yusuf.demir'].map((u) => `${u}@example.com`),
    );
    const p15 = (await api('GET', `/api/v1/pages/${page.id}`)).body;
    expect(p15.escalationLevel).toBe(2);
    expect(p15.timeline.filter((e: any) => e.action === 'page.escalated').map((e: any) => [e.at, e.detail.toLevel])).toEqual([
      ['2026-11-24T03:10:00.000Z', 1],
      ['2026-11-24T03:15:00.000Z', 2],
    ]);
    // every e-mail attempt is in the delivery log; engineers' SMS at +2 min failed (no SMS channel here) and is logged too
    expect(p15.deliveries.filter((d: any) => d.channel === 'email' && d.status === 'sent')).toHaveLength(7);
    await at(60);
    expect(mailedTo()).toHaveLength(7); // the last level does not repeat (repeat: 0)
  });

  it('PG-3: an acknowledgement at 09:59 stops both later levels', async () => {
    const page = await trigger('Initech: cannot log in');
    expect(mailedTo()).toEqual(['alice.nguyen@example.com']);
    clock.set(clock.now().add({ minutes: 9, seconds: 59 }));
    const alice = (await api('POST', '/api/v1/tokens', { name: 'alice-ack', userId: ids['alice.nguyen'] })).body.token;
    const ack = await http(s.url, { token: alice })('POST', `/api/v1/pages/${page.number}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: ids['alice.nguyen'] });
    await at(10);
    await at(15);
    await at(60);
    expect(mailedTo()).toEqual(['alice.nguyen@example.com']);
    const view = (await api('GET', `/api/v1/pages/${page.id}`)).body;
    expect(view.timeline.map((e: any) => e.action)).toEqual(['page.triggered', 'page.acknowledged']);
  });

  it('PG-3: without a schedule resolver the schedule level pages no one and the timeline says so', async () => {
    unregister();
    try {
      const page = await trigger('Globex: data loss');
      const view = (await api('GET', `/api/v1/pages/${page.id}`)).body;
      // levels 1 and 2 resolve to nobody; the directors (a team) are paged straight away
      expect(view.escalationLevel).toBe(2);
      expect(view.targetUserIds.sort()).toEqual([ids['xena.powell'], ids['yusuf.demir']].sort());
      expect(view.timeline.filter((e: any) => e.action === 'page.note').map((e: any) => e.detail.message)).toEqual(
        expect.arrayContaining(['no one on call for group dri customer-emergencies', 'no one on call for schedule support-managers']),
      );
    } finally {
      unregister = onCall(async () => []);
    }
  });
});
