// Notifications out of the box: with no real channel configured, every notification is kept in
// the built-in outbox (admins read it over the API) instead of failing, and the delivery log says
// so; a person with a browser contact method hears of their page on their own live stream, and
// nobody else's stream carries it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { Temporal } from '../../src/kernel/time.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { hotline } from '../support/cli.ts';

const START = '2026-11-24T03:00:00Z';

/** Reads a Server-Sent Events stream into text until told to stop. */
async function listen(url: string, token: string) {
  const ac = new AbortController();
  const res = await fetch(`${url}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const state = { text: '' };
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        state.text += new TextDecoder().decode(value);
      }
    } catch { /* aborted */ }
  })();
  return {
    get text() { return state.text; },
    async until(pred: (t: string) => boolean, ms = 5000) {
      const end = Date.now() + ms;
      while (!pred(state.text) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      return state.text;
    },
    async close() { ac.abort(); await done; },
  };
}

describe.each(testEngines())('the outbox and browser notifications, no channel configured (%s)', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  const clock = new FakeClock(START);
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    configureNotify(s.hotline.ctx, { channels: createChannels({}), publicUrl: s.url });
    admin = http(s.url, { token: s.admin.token });
    for (const who of ['alice.nguyen@example.com', 'bruno.costa@example.com', 'tara.brooks@example.com', 'rita@acme.example']) {
      const u = (await admin('GET', `/api/v1/users?q=${who}`)).body.items[0];
      ids[who] = u.id;
      tokens[who] = (await admin('POST', '/api/v1/tokens', { name: `t-${who}`, userId: u.id })).body.token;
    }
  }, 30_000);
  afterAll(async () => s?.close());

  const at = async (minutes: number) => {
    clock.set(Temporal.Instant.from(START).add({ minutes }).toString());
    await s.hotline.ctx.jobs.drain();
  };

  it('a page is delivered to the outbox (e-mail now, SMS at 2 min) and the delivery log says why; the browser method is sent', async () => {
    clock.set(START);
    const r = await admin('POST', '/api/v1/pages', { serviceId: 'customer-support', title: 'Outbox check', targetUserIds: [ids['alice.nguyen@example.com']] });
    expect(r.status).toBe(201);
    await at(0);
    await at(2);
    const page = (await admin('GET', `/api/v1/pages/${r.body.id}`)).body;
    // e-mail and browser go out at the same instant, in either order
    expect(page.deliveries.map((d: any) => [d.channel, d.status, d.note]).sort()).toEqual([
      ['browser', 'sent', null],
      ['email', 'outbox', 'delivered to the outbox — no e-mail channel is configured'],
      ['sms', 'outbox', 'delivered to the outbox — no SMS channel is configured'],
    ]);
    expect(page.deliveries.every((d: any) => d.error === null)).toBe(true);

    const box = (await admin('GET', `/api/v1/outbox?pageId=${r.body.id}`)).body.items;
    expect(box.map((m: any) => [m.channel, m.address, m.userName, m.page?.number])).toEqual([
      ['sms', '+12125550101', 'Alice Nguyen', r.body.number],
      ['email', 'alice.nguyen@example.com', 'Alice Nguyen', r.body.number],
    ]);
    const mail = box[1];
    expect(mail.subject).toBe(`[Hotline] Page #${r.body.number}: Outbox check`);
    expect(mail.text).toContain(`${s.url}/pages/${r.body.number}`);
    expect(mail.actions.map((a: any) => a.label)).toEqual(['Acknowledge', 'Resolve', 'Escalate']);
    expect(page.deliveries.find((d: any) => d.channel === 'email').outboxId).toBe(mail.id);

    // filters
    expect((await admin('GET', `/api/v1/outbox?channel=sms&pageId=${r.body.id}`)).body.items.map((m: any) => m.channel)).toEqual(['sms']);
    expect((await admin('GET', `/api/v1/outbox?userId=${ids['bruno.costa@example.com']}`)).body.items).toEqual([]);
    expect((await admin('GET', `/api/v1/outbox?pageId=${r.body.id}&before=${encodeURIComponent(mail.at)}`)).body.items).toEqual([]);
  });

  it('a retried job does not put the same message in the outbox twice', async () => {
    const before = (await admin('GET', '/api/v1/outbox?limit=500')).body.items.length;
    await at(3);
    expect((await admin('GET', '/api/v1/outbox?limit=500')).body.items.length).toBe(before);
  });

  it('only admins read the outbox: engineers, managers and customers get 403, nobody signed in 401; bad filters 400', async () => {
    for (const who of ['alice.nguyen@example.com', 'tara.brooks@example.com', 'rita@acme.example']) {
      const r = await http(s.url, { token: tokens[who] })('GET', '/api/v1/outbox');
      expect([who, r.status, r.body.error.code]).toEqual([who, 403, 'auth.forbidden']);
    }
    expect((await http(s.url)('GET', '/api/v1/outbox')).status).toBe(401);
    const bad = await admin('GET', '/api/v1/outbox?before=yesterday');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'outbox.bad_before']);
    expect((await admin('GET', '/api/v1/outbox?channel=pigeon')).status).toBe(400);
    expect((await admin('GET', '/api/v1/outbox?limit=9999')).status).toBe(400);
  });

  it('a browser notification travels on the paged person\'s own live stream only', async () => {
    const alice = await listen(s.url, tokens['alice.nguyen@example.com']);
    const bruno = await listen(s.url, tokens['bruno.costa@example.com']);
    const rita = await listen(s.url, tokens['rita@acme.example']);
    const adminStream = await listen(s.url, s.admin.token);
    await Promise.all([alice, bruno, rita, adminStream].map((l) => l.until((t) => t.includes(': connected'))));
    clock.set(START);
    const r = await admin('POST', '/api/v1/pages', { serviceId: 'customer-support', title: 'Only for Alice', targetUserIds: [ids['alice.nguyen@example.com']] });
    await at(0);
    const seen = await alice.until((t) => t.includes('event: notify'));
    const event = seen.split('\n\n').find((b) => b.startsWith('event: notify'))!;
    const data = JSON.parse(event.split('\n').find((l) => l.startsWith('data: '))!.slice(6));
    expect(data).toMatchObject({ type: 'notify.browser', title: `Page #${r.body.number}: Only for Alice`, url: `/pages/${r.body.number}` });
    expect(data.body).toContain('Only for Alice');
    // the others saw the page change itself (staff) but not Alice's notification
    await adminStream.until((t) => t.includes(r.body.id));
    for (const l of [bruno, rita, adminStream]) expect(l.text).not.toContain('event: notify');
    expect(bruno.text).toContain(r.body.id);
    await Promise.all([alice, bruno, rita, adminStream].map((l) => l.close()));
  });

  it('a person adds a browser contact method for themselves; it needs no verification', async () => {
    const tara = http(s.url, { token: tokens['tara.brooks@example.com'] });
    const me = ids['tara.brooks@example.com'];
    const existing = (await tara('GET', `/api/v1/users/${me}`)).body.contactMethods.find((c: any) => c.kind === 'browser');
    if (existing) expect((await tara('DELETE', `/api/v1/users/${me}/contact-methods/${existing.id}`)).status).toBe(204);
    const r = await tara('POST', `/api/v1/users/${me}/contact-methods`, { kind: 'browser', address: 'signed-in browsers' });
    expect([r.status, r.body.kind, r.body.verified]).toEqual([201, 'browser', true]);
  });

  it('`hotline outbox list` prints the outbox (table or --json) for an admin, and refuses an engineer', async () => {
    const env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token };
    const j = await hotline(['outbox', 'list', '--channel', 'email', '--json'], env);
    expect(j.code).toBe(0);
    const items = JSON.parse(j.stdout);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m: any) => m.channel === 'email')).toBe(true);
    const t = await hotline(['outbox', 'list'], env);
    expect(t.stdout).toMatch(/^AT\s+CHANNEL\s+TO\s+ABOUT\s+SUBJECT/m);
    expect(t.stdout).toMatch(/Alice Nguyen <alice\.nguyen@example\.com>\s+page #\d+/);
    const refused = await hotline(['outbox', 'list'], { HOTLINE_URL: s.url, HOTLINE_TOKEN: tokens['alice.nguyen@example.com'] });
    expect(refused.code).toBe(3);
  }, 60_000);
});
