// The navigation registry decides which page a URL shows to which role.
import { describe, expect, it } from 'vitest';
import type { User } from '../../web/src/api/types.ts';
import { NAV, resolve, visibleEntries } from '../../web/src/app/nav.ts';
import { matchPath } from '../../web/src/app/router.tsx';

const user = (role: User['role'], organizationId: string | null = null): User => ({
  id: 'u1', email: 'x@example.com', name: 'X', role, kind: 'person', title: null, timeZone: 'UTC',
  region: null, organizationId, active: true, teams: [], contactMethods: [], createdAt: '2026-01-01T00:00:00Z',
});

describe('navigation registry', () => {
  it('staff see the on-call and helpdesk pages; customers only their portal and organisation', () => {
    const staff = visibleEntries(user('engineer')).map((e) => e.path);
    expect(staff).toEqual(expect.arrayContaining(['/pages', '/oncall', '/tickets', '/people', '/teams', '/orgs']));
    expect(staff).not.toContain('/support');
    const customer = visibleEntries(user('customer', 'o1')).map((e) => e.path);
    expect(customer.sort()).toEqual(['/orgs', '/support']);
    for (const e of visibleEntries(user('customer', 'o1'))) expect(e.roles).toContain('customer');
  });

  it('home is the first entry the role may see: the emergency board for staff, the portal for customers', () => {
    expect(resolve('/', user('admin'))).toEqual({ kind: 'home', to: visibleEntries(user('admin'))[0].path });
    for (const role of ['admin', 'manager', 'engineer'] as const) expect(resolve('/', user(role))).toEqual({ kind: 'home', to: '/emergencies' });
    expect(resolve('/', user('customer', 'o1'))).toEqual({ kind: 'home', to: '/support' });
  });

  it('a deeper route of an entry resolves with its params', () => {
    const r = resolve('/orgs/org%2042', user('manager'));
    expect(r.kind).toBe('page');
    if (r.kind === 'page') {
      expect(r.params).toEqual({ id: 'org 42' });
      expect(r.page).toBe(NAV.find((e) => e.path === '/orgs')!.routes![0]!.page);
    }
  });

  it('a customer asking for a staff page is refused, an unknown URL is not found', () => {
    expect(resolve('/people', user('customer', 'o1')).kind).toBe('forbidden');
    expect(resolve('/nowhere', user('admin')).kind).toBe('not_found');
    expect(resolve('/orgs/1/extra', user('admin')).kind).toBe('not_found');
    expect(resolve('/peoplex', user('admin')).kind).toBe('not_found');
  });

  it('matchPath ignores a trailing slash and rejects other lengths', () => {
    expect(matchPath('/orgs/:id', '/orgs/7/')).toEqual({ id: '7' });
    expect(matchPath('/orgs/:id', '/orgs')).toBeNull();
  });
});
