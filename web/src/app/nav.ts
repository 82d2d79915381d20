// THE navigation registry. A capability plugs into the app by adding one entry here: it gets a
// menu item (shown only to `roles`), owns every URL under `path`, and may declare deeper routes.
// Order here is order in the menu; the first entry a user may see is their home page.
import { createElement, type ComponentType, type ReactNode } from 'react';
import { STAFF_ROLES, ROLES, type Role, type User } from '../api/types.ts';
import { PeoplePage } from '../people/PeoplePage.tsx';
import { MyProfilePage, PersonPage } from '../people/PersonPage.tsx';
import { TeamsPage } from '../teams/TeamsPage.tsx';
import { OrgsPage } from '../orgs/OrgsPage.tsx';
import { OrgDetailPage } from '../orgs/OrgDetailPage.tsx';
import { TicketsPage } from '../tickets/TicketsPage.tsx';
import { TicketPage } from '../tickets/TicketPage.tsx';
import { PagesPage } from '../paging-ui/PagesPage.tsx';
import { PageDetailPage } from '../paging-ui/PageDetailPage.tsx';
import { PortalPage } from '../portal/PortalPage.tsx';
import { OnCallPage } from '../oncall/OnCallPage.tsx';
import { IconCalendarClock } from '../oncall/icons.tsx';
import { PortalTicketPage } from '../portal/PortalTicketPage.tsx';
import { BoardPage } from '../emergencies/BoardPage.tsx';
import { EmergencyPage } from '../emergencies/EmergencyPage.tsx';
import { IncidentPage } from '../emergencies/IncidentPage.tsx';
import { IconSiren } from '../emergencies/icons.tsx';
import { IconBell, IconLifebuoy, IconTicket } from '../paging-ui/icons.tsx';
import { matchPath } from './router.tsx';
import { IconBuilding, IconUser, IconUsers } from '../ui/icons.tsx';
import type { PageProps } from './page-props.ts';

export interface NavEntry {
  label: string | ((me: User) => string);
  /** Menu target; the entry owns this URL and everything below it. */
  path: string;
  /** Shown before the label: an icon element from ui/icons.tsx (or an emoji string). */
  icon: ReactNode;
  roles: readonly Role[];
  page: ComponentType<PageProps>;
  /** Deeper URLs under `path`, e.g. `{pattern: '/orgs/:id', page: OrgDetailPage}`. */
  routes?: { pattern: string; page: ComponentType<PageProps> }[];
}

export const NAV: NavEntry[] = [
  // Later: { label: 'Pages', path: '/pages', icon: '🔔', … }, Emergencies, Tickets, Reports.
  { label: 'Pages', path: '/pages', icon: createElement(IconBell), roles: STAFF_ROLES, page: PagesPage, routes: [{ pattern: '/pages/:id', page: PageDetailPage }] },
  { label: 'Emergencies', path: '/emergencies', icon: createElement(IconSiren), roles: STAFF_ROLES, page: BoardPage, routes: [{ pattern: '/emergencies/incidents/:ref', page: IncidentPage }, { pattern: '/emergencies/:id', page: EmergencyPage }] },
  { label: 'On call', path: '/oncall', icon: createElement(IconCalendarClock), roles: STAFF_ROLES, page: OnCallPage },
  { label: 'Tickets', path: '/tickets', icon: createElement(IconTicket), roles: STAFF_ROLES, page: TicketsPage, routes: [{ pattern: '/tickets/:id', page: TicketPage }] },
  { label: 'Support', path: '/support', icon: createElement(IconLifebuoy), roles: ['customer'], page: PortalPage, routes: [{ pattern: '/support/:id', page: PortalTicketPage }] },
  {
    label: 'People', path: '/people', icon: createElement(IconUser), roles: STAFF_ROLES, page: PeoplePage,
    routes: [{ pattern: '/people/me', page: MyProfilePage }, { pattern: '/people/:id', page: PersonPage }],
  },
  { label: 'Teams', path: '/teams', icon: createElement(IconUsers), roles: STAFF_ROLES, page: TeamsPage },
  {
    label: (me) => (me.role === 'customer' ? 'My organisation' : 'Organisations'),
    path: '/orgs',
    icon: createElement(IconBuilding),
    roles: ROLES,
    page: OrgsPage,
    routes: [{ pattern: '/orgs/:id', page: OrgDetailPage }],
  },
];

export function labelOf(entry: NavEntry, me: User): string {
  return typeof entry.label === 'function' ? entry.label(me) : entry.label;
}

export function visibleEntries(me: User): NavEntry[] {
  return NAV.filter((e) => e.roles.includes(me.role));
}

export type Resolved =
  | { kind: 'page'; entry: NavEntry; page: ComponentType<PageProps>; params: Record<string, string> }
  | { kind: 'forbidden'; entry: NavEntry }
  | { kind: 'not_found' }
  | { kind: 'home'; to: string | null };

export function resolve(path: string, me: User, entries: NavEntry[] = NAV): Resolved {
  if (path === '/' || path === '') {
    const home = entries.find((e) => e.roles.includes(me.role));
    return { kind: 'home', to: home ? home.path : null };
  }
  const entry = entries.find((e) => path === e.path || path.startsWith(e.path + '/'));
  if (!entry) return { kind: 'not_found' };
  if (!entry.roles.includes(me.role)) return { kind: 'forbidden', entry };
  if (path === entry.path) return { kind: 'page', entry, page: entry.page, params: {} };
  for (const r of entry.routes ?? []) {
    const params = matchPath(r.pattern, path);
    if (params) return { kind: 'page', entry, page: r.page, params };
  }
  return { kind: 'not_found' };
}
