// `hotline export` is lossless: the demo workspace plus a person's own notification rules (two
// SMS numbers, an urgency), exported, applied to an empty database and exported again, gives
// the same file section by section, and the same stored rules (PG-6; before, the rules were
// dropped: 2 on the source, 0 after).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DEMO_FILE } from '../../src/main/server.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const yaml = { 'content-type': 'application/yaml' };

describe.each(testEngines())('workspace round trip on %s', (engine) => {
  let source: TestServer;
  let target: TestServer;
  beforeAll(async () => {
    [source, target] = await Promise.all([startTestServer({ engine }), startTestServer({ engine })]);
  });
  afterAll(async () => Promise.all([source?.close(), target?.close()]));

  const exportOf = async (s: TestServer) => (await fetch(`${s.url}/api/v1/workspace/export`, { headers: { authorization: `Bearer ${s.admin.token}` } })).text();
  const rulesOf = async (s: TestServer) =>
    (await s.hotline.ctx.db.kysely.selectFrom('notification_rules as r').innerJoin('users as u', 'u.id', 'r.user_id').innerJoin('contact_methods as c', 'c.id', 'r.contact_method_id')
      .select(['u.email', 'r.position', 'c.kind', 'c.address', 'r.delay_minutes', 'r.urgency']).orderBy('u.email').orderBy('r.position').execute())
      .map((r) => ({ ...r, position: Number(r.position), delay_minutes: Number(r.delay_minutes) }));

  it('PG-6: every section, notification rules included, survives export → apply to an empty database → export', async () => {
    const api = http(source.url, { token: source.admin.token });
    expect((await api('POST', '/api/v1/workspace/apply', readFileSync(DEMO_FILE, 'utf8'), yaml)).status).toBe(200);
    const bruno = (await api('GET', '/api/v1/users?q=bruno.costa')).body.items[0];
    const second = (await api('POST', `/api/v1/users/${bruno.id}/contact-methods`, { kind: 'sms', address: '+15550001111', verified: true })).body;
    const firstSms = (await api('GET', `/api/v1/users/${bruno.id}`)).body.contactMethods.find((c: any) => c.kind === 'sms' && c.id !== second.id);
    const put = await api('PUT', `/api/v1/users/${bruno.id}/notification-rules`, { rules: [
      { contactMethodId: second.id, delayMinutes: 0, urgency: 'high' },
      { contactMethodId: firstSms.id, delayMinutes: 3 },
    ] });
    expect(put.status).toBe(200);

    const before = await exportOf(source);
    const applied = await http(target.url, { token: target.admin.token })('POST', '/api/v1/workspace/apply', before, yaml);
    expect(applied.status).toBe(200);
    const after = await exportOf(target);

    const a = YAML.parse(before);
    const b = YAML.parse(after);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const section of Object.keys(a)) expect({ section, rows: b[section] }).toEqual({ section, rows: a[section] });
    expect(a.notification_rules.find((n: any) => n.user === 'bruno.costa@example.com').rules).toEqual([
      { kind: 'sms', address: '+15550001111', delay_minutes: 0, urgency: 'high' },
      { kind: 'sms', address: firstSms.address, delay_minutes: 3 },
    ]);
    const stored = await rulesOf(source);
    expect(stored.length).toBeGreaterThan(2);
    expect(await rulesOf(target)).toEqual(stored);
    // and the exported file applies to its own source with no change
    const again = await api('POST', '/api/v1/workspace/apply', before, yaml);
    for (const [section, r] of Object.entries(again.body.report as Record<string, any>)) expect({ section, n: r.created + r.updated }).toEqual({ section, n: 0 });
  });

  it('PG-6: a person\'s rules naming a contact they do not have, or a bad urgency, are refused with the path', async () => {
    const api = http(target.url, { token: target.admin.token });
    const noContact = await api('POST', '/api/v1/workspace/apply', 'notification_rules:\n  - { user: bruno.costa@example.com, rules: [ { kind: sms, address: "+19990000000", delay_minutes: 0 } ] }\n', yaml);
    expect(noContact.status).toBe(400);
    expect(noContact.body.error.code).toBe('workspace.unknown_reference');
    expect(noContact.body.error.message).toMatch(/notification_rules\[0\]\.rules\[0\]: bruno\.costa@example\.com has no sms contact \+19990000000/);
    const badUrgency = await api('POST', '/api/v1/workspace/apply', 'notification_rules:\n  - { role: engineer, rules: [ { kind: sms, urgency: urgent } ] }\n', yaml);
    expect(badUrgency.status).toBe(400);
    expect(badUrgency.body.error.message).toMatch(/notification_rules\[0\]\.rules\[0\]\.urgency: one of high, low, any/);
    const nobody = await api('POST', '/api/v1/workspace/apply', 'notification_rules:\n  - { user: nobody@example.com, rules: [] }\n', yaml);
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.code).toBe('workspace.unknown_user');
  });
});
