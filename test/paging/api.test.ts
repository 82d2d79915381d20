// Paging over HTTP and from the `hotline page` CLI: every route answers bad input with a 4xx and
// a stable code, and the CLI has --help and --json on every command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { hotline as runCli } from '../support/cli.ts';

describe.each(testEngines())('paging API and CLI (%s)', (engine) => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  let alice: string;
  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine });
    api = http(s.url, { token: s.admin.token });
    alice = (await api('GET', '/api/v1/users?q=alice.nguyen@example.com')).body.items[0].id;
  }, 30_000);
  afterAll(async () => s?.close());

  it('lists the demo services, with 32-character routing keys, and the demo policies', async () => {
    const services = (await api('GET', '/api/v1/services')).body.items;
    expect(services.map((x: any) => x.name)).toEqual(['Customer emergencies', 'Customer support']);
    expect(services.every((x: any) => x.integrationKey.length === 32)).toBe(true);
    const policies = (await api('GET', '/api/v1/escalation-policies')).body.items;
    expect(policies.find((p: any) => p.id === 'customer-emergencies').levels.map((l: any) => l.delayMinutes)).toEqual([10, 5, 15]);
    expect(policies.find((p: any) => p.id === 'apac-backup').pageableBy).toEqual(['manager', 'admin']);
  });

  it.each([
    ['POST', '/api/v1/services', { name: 'X', integrationKey: 'short' }, 400, 'request.invalid'],
    ['POST', '/api/v1/services', { name: 'X', escalationPolicyId: 'nope' }, 404, 'policy.not_found'],
    ['POST', '/api/v1/services', { name: 'X', colour: 'red' }, 400, 'request.invalid'],
    ['POST', '/api/v1/escalation-policies', { name: 'Empty', levels: [] }, 400, 'request.invalid'],
    ['POST', '/api/v1/escalation-policies', { name: 'Zero', levels: [{ delayMinutes: 0, targets: [{ type: 'user', id: 'x' }] }] }, 400, 'request.invalid'],
    ['POST', '/api/v1/escalation-policies', { name: 'Bad target', levels: [{ delayMinutes: 5, targets: [{ type: 'pager', id: 'x' }] }] }, 400, 'request.invalid'],
    ['POST', '/api/v1/pages', { serviceId: 'customer-support' }, 400, 'page.bad_trigger'],
    ['POST', '/api/v1/pages', { serviceId: 'nope', title: 'x' }, 404, 'service.not_found'],
    ['POST', '/api/v1/pages', { serviceId: 'customer-support', title: 'x', urgency: 'urgent' }, 400, 'request.invalid'],
    ['POST', '/api/v1/pages', { serviceId: 'customer-support', title: '   ' }, 400, 'page.title_required'],
    ['GET', '/api/v1/pages?status=closed', undefined, 400, 'request.invalid'],
    ['GET', '/api/v1/pages/999999', undefined, 404, 'page.not_found'],
    ['POST', '/api/v1/pages/999999/acknowledge', undefined, 404, 'page.not_found'],
    ['POST', '/api/v1/pages/bulk', { action: 'acknowledge', pageIds: [] }, 400, 'request.invalid'],
    ['POST', '/api/v1/pages/bulk', { action: 'snooze', pageIds: ['x'] }, 400, 'request.invalid'],
    ['POST', '/api/v1/maintenance-windows', { serviceIds: ['customer-support'] }, 400, 'silence.no_end'],
    ['POST', '/api/v1/maintenance-windows', { serviceIds: ['customer-support'], start: '2026-11-24T10:00:00Z', end: '2026-11-24T09:00:00Z' }, 400, 'silence.bad_range'],
    ['POST', '/api/v1/maintenance-windows', { serviceIds: ['customer-support'], start: 'tomorrow', minutes: 5 }, 400, 'silence.bad_instant'],
    ['POST', '/api/v1/maintenance-windows', { serviceIds: ['nope'], minutes: 5 }, 404, 'service.not_found'],
    ['POST', '/api/v1/maintenance-windows/nope/end', undefined, 404, 'silence.not_found'],
  ])('bad input: %s %s → %s %s', async (method, path, body, status, code) => {
    const r = await api(method, path, body);
    expect({ status: r.status, code: r.body?.error?.code ?? r.body?.code }).toEqual({ status, code });
  });

  it('bad input on pages in the wrong state, and on notification rules', async () => {
    const p = (await api('POST', '/api/v1/pages', { serviceId: 'customer-support', title: 'state test', targetUserIds: [alice] })).body;
    expect((await api('POST', `/api/v1/pages/${p.id}/escalate`)).body.error.code).toBe('page.no_policy');
    expect((await api('POST', `/api/v1/pages/${p.id}/reassign`, { userIds: [] })).status).toBe(400);
    expect((await api('POST', `/api/v1/pages/${p.id}/acknowledge`)).status).toBe(200);
    expect((await api('POST', `/api/v1/pages/${p.id}/acknowledge`)).body.error.code).toBe('page.already_acknowledged');
    expect((await api('POST', `/api/v1/pages/${p.id}/resolve`, { note: 'called the customer' })).status).toBe(200);
    expect((await api('POST', `/api/v1/pages/${p.id}/resolve`)).body.error.code).toBe('page.already_resolved');
    const rules = (path: string, body: unknown) => api('PUT', path, body);
    expect((await rules(`/api/v1/users/${alice}/notification-rules`, { rules: [{ contactMethodId: 'not-hers', delayMinutes: 0 }] })).body.error.code).toBe('notify.unknown_method');
    expect((await rules(`/api/v1/users/${alice}/notification-rules`, { rules: [{ contactMethodId: 'x', delayMinutes: -1 }] })).status).toBe(400);
    const engineer = http(s.url, { token: (await api('POST', '/api/v1/tokens', { name: 'a', userId: alice })).body.token });
    const bruno = (await api('GET', '/api/v1/users?q=bruno.costa@example.com')).body.items[0].id;
    expect((await engineer('GET', `/api/v1/users/${bruno}/notification-rules`)).body.error.code).toBe('notify.not_allowed');
  });

  const hotline = (args: string[]) => runCli(args, { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token });

  it('hotline page: --help everywhere; trigger, list, show, ack, resolve with --json', async () => {
    const helps = await Promise.all([[], ['trigger'], ['list'], ['show'], ['ack'], ['resolve'], ['escalate']].map((c) => hotline(['page', ...c, '--help'])));
    for (const h of helps) expect(h.code).toBe(0);
    expect(helps[0].stdout).toContain('escalate');
    const t = await hotline(['page', 'trigger', '--service', 'customer-support', '--title', 'CLI page', '--user', alice, '--json']);
    expect(t.code).toBe(0);
    const page = JSON.parse(t.stdout);
    expect(page).toMatchObject({ title: 'CLI page', status: 'triggered', targetUserIds: [alice] });
    const list = await hotline(['page', 'list', '--json']);
    expect(JSON.parse(list.stdout).some((p: any) => p.id === page.id)).toBe(true);
    expect((await hotline(['page', 'list'])).stdout).toContain('CLI page');
    const show = await hotline(['page', 'show', `#${page.number}`]);
    expect(show.stdout).toContain('page.triggered');
    expect((await hotline(['page', 'ack', String(page.number)])).stdout).toContain(`Page #${page.number} acknowledged.`);
    const r = await hotline(['page', 'resolve', String(page.number), '--json']);
    expect(JSON.parse(r.stdout).status).toBe('resolved');
    const missing = await hotline(['page', 'ack', '999999']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('page.not_found');
  }, 60_000);
});
