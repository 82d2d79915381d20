// Every route refuses the wrong role. The route table is read from the running app, so a route
// added later is covered without touching this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/kernel/actor.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const ROLES: Role[] = ['admin', 'manager', 'engineer', 'customer'];

describe('role checks on every route', () => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await startTestServer({ demo: true });
    const admin = http(s.url, { token: s.admin.token });
    const who: Record<Role, string> = { admin: 'admin@example.com', manager: 'tara.brooks@example.com', engineer: 'alice.nguyen@example.com', customer: 'rita@acme.example' };
    for (const role of ROLES) {
      const u = (await admin('GET', `/api/v1/users?q=${who[role]}`)).body.items[0];
      tokens[role] = (await admin('POST', '/api/v1/tokens', { name: `role-${role}`, userId: u.id })).body.token;
    }
  });
  afterAll(async () => s?.close());

  const concrete = (url: string) => url.replace(/:[a-zA-Z]+/g, '00000000-0000-0000-0000-000000000000');

  it('every API route declares who may call it', () => {
    const undeclared = s.hotline.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.access === undefined);
    expect(undeclared).toEqual([]);
  });

  it('without credentials every non-public API route answers 401 auth.required', async () => {
    const routes = s.hotline.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.access !== 'public');
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      const res = await http(s.url)(r.method, concrete(r.url), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      expect({ route: `${r.method} ${r.url}`, status: res.status, code: res.body?.error?.code }).toEqual({ route: `${r.method} ${r.url}`, status: 401, code: 'auth.required' });
    }
  });

  it('each role outside a route\'s list gets 403 auth.forbidden, and nothing is written', async () => {
    const restricted = s.hotline.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && Array.isArray(r.access));
    expect(restricted.length).toBeGreaterThan(5);
    let checked = 0;
    for (const r of restricted) {
      for (const role of ROLES.filter((x) => !(r.access as Role[]).includes(x))) {
        const before = await s.hotline.ctx.db.kysely.selectFrom('timeline').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        const res = await http(s.url, { token: tokens[role] })(r.method, concrete(r.url), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        expect({ route: `${r.method} ${r.url}`, role, status: res.status, code: res.body?.error?.code }).toEqual({ route: `${r.method} ${r.url}`, role, status: 403, code: 'auth.forbidden' });
        const after = await s.hotline.ctx.db.kysely.selectFrom('timeline').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        expect(Number(after.n)).toBe(Number(before.n));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('an engineer cannot change another user or promote themselves', async () => {
    const eng = http(s.url, { token: tokens.engineer });
    const me = (await eng('GET', '/api/v1/auth/me')).body.user;
    const other = (await eng('GET', '/api/v1/users?q=carmen')).body.items[0];
    const r1 = await eng('PATCH', `/api/v1/users/${other.id}`, { name: 'Hacked' });
    expect(r1.status).toBe(403);
    const r2 = await eng('PATCH', `/api/v1/users/${me.id}`, { role: 'admin' });
    expect(r2.status).toBe(403);
    expect((await eng('PATCH', `/api/v1/users/${me.id}`, { timeZone: 'America/Chicago' })).status).toBe(200);
  });
});
