// THE navigation registry. A capability plugs into the app by adding one entry here: it gets a
// menu item (shown only to `roles`), owns every URL under `path`, and may declare deeper routes.
// Order here is order in the menu; the first entry a user may see is their home page.
import { createElement, lazy, type ComponentType, type ReactNode } from 'react';
import { STAFF_ROLES, ROLES, type Role, type User } from '../api/types.ts';
import { IconCalendarClock } from '../oncall/icons.tsx';
import { IconSiren } from '../emergencies/icons.tsx';
import { IconEscalate, IconUpgrade } from '../escalations/icons.tsx';
import { IconBell, IconLifebuoy, IconTicket } from '../paging-ui/icons.tsx';
import { matchPath } from './router.tsx';
import { IconBuilding, IconLock, IconUser, IconUsers } from '../ui/icons.tsx';
import { IconInbox } from '../notify/icons.tsx';
import { IconWebhook } from '../webhooks/icons.tsx';
import { IconChart } from '../reports/icons.tsx';
import type { PageProps } from './page-props.ts';

// Every screen is its own chunk, loaded when first visited: a customer on the portal downloads none
// of the staff screens' code, and a staff member's first load carries only the screen they open.
function page(load: () => Promise<ComponentType<PageProps>>): ComponentType<PageProps> {
  return lazy(async () => ({ default: await load() }));
}
const PeoplePage = page(() => import('../people/PeoplePage.tsx').then((m) => m.PeoplePage));
const MyProfilePage = page(() => import('../people/PersonPage.tsx').then((m) => m.MyProfilePage));
const PersonPage = page(() => import('../people/PersonPage.tsx').then((m) => m.PersonPage));
const TeamsPage = page(() => import('../teams/TeamsPage.tsx').then((m) => m.TeamsPage));
const OrgsPage = page(() => import('../orgs/OrgsPage.tsx').then((m) => m.OrgsPage));
const OrgDetailPage = page(() => import('../orgs/OrgDetailPage.tsx').then((m) => m.OrgDetailPage));
const TicketsPage = page(() => import('../tickets/TicketsPage.tsx').then((m) => m.TicketsPage));
const TicketPage = page(() => import('../tickets/TicketPage.tsx').then((m) => m.TicketPage));
const PagesPage = page(() => import('../paging-ui/PagesPage.tsx').then((m) => m.PagesPage));
const PageDetailPage = page(() => import('../paging-ui/PageDetailPage.tsx').then((m) => m.PageDetailPage));
const PortalPage = page(() => import('../portal/PortalPage.tsx').then((m) => m.PortalPage));
const PortalTicketPage = page(() => import('../portal/PortalTicketPage.tsx').then((m) => m.PortalTicketPage));
const OnCallPage = page(() => import('../oncall/OnCallPage.tsx').then((m) => m.OnCallPage));
const BoardPage = page(() => import('../emergencies/BoardPage.tsx').then((m) => m.BoardPage));
const EmergencyPage = page(() => import('../emergencies/EmergencyPage.tsx').then((m) => m.EmergencyPage));
const IncidentPage = page(() => import('../emergencies/IncidentPage.tsx').then((m) => m.IncidentPage));
const OutboxPage = page(() => import('../notify/OutboxPage.tsx').then((m) => m.OutboxPage));
const WebhooksPage = page(() => import('../webhooks/WebhooksPage.tsx').then((m) => m.WebhooksPage));
const EscalationsPage = page(() => import('../escalations/EscalationsPage.tsx').then((m) => m.EscalationsPage));
const FileEscalationPage = page(() => import('../escalations/FileEscalationPage.tsx').then((m) => m.FileEscalationPage));
const ReportsPage = page(() => import('../reports/ReportsPage.tsx').then((m) => m.ReportsPage));
const WhatIfPage = page(() => import('../reports/WhatIfPage.tsx').then((m) => m.WhatIfPage));
const EscalationPage = page(() => import('../escalations/EscalationPage.tsx').then((m) => m.EscalationPage));
const UpgradesPage = page(() => import('../escalations/UpgradesPage.tsx').then((m) => m.UpgradesPage));
const SecurityIncidentsPage = page(() => import('../security/SecurityIncidentsPage.tsx').then((m) => m.SecurityIncidentsPage));
const SecurityIncidentPage = page(() => import('../security/SecurityIncidentPage.tsx').then((m) => m.SecurityIncidentPage));
const ManagerPage = page(() => import('../escalations/ManagerPage.tsx').then((m) => m.ManagerPage));

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
  // The board comes first: it is the home of everyone on staff (what needs a person right now).
  { label: 'Emergencies', path: '/emergencies', icon: createElement(IconSiren), roles: STAFF_ROLES, page: BoardPage, routes: [{ pattern: '/emergencies/incidents/:ref', page: IncidentPage }, { pattern: '/emergencies/:id', page: EmergencyPage }] },
  { label: 'Pages', path: '/pages', icon: createElement(IconBell), roles: STAFF_ROLES, page: PagesPage, routes: [{ pattern: '/pages/:id', page: PageDetailPage }] },
  { label: 'On call', path: '/oncall', icon: createElement(IconCalendarClock), roles: STAFF_ROLES, page: OnCallPage },
  { label: 'Tickets', path: '/tickets', icon: createElement(IconTicket), roles: STAFF_ROLES, page: TicketsPage, routes: [{ pattern: '/tickets/:id', page: TicketPage }] },
  {
    label: 'Escalations', path: '/escalations', icon: createElement(IconEscalate), roles: STAFF_ROLES, page: EscalationsPage,
    routes: [{ pattern: '/escalations/new', page: FileEscalationPage }, { pattern: '/escalations/:id', page: EscalationPage }],
  },
  // SM-8 and SM-7: the support manager's upgrade-assistance requests and security incidents.
  { label: 'Upgrades', path: '/upgrades', icon: createElement(IconUpgrade), roles: STAFF_ROLES, page: UpgradesPage },
  { label: 'Security', path: '/security-incidents', icon: createElement(IconLock), roles: STAFF_ROLES, page: SecurityIncidentsPage, routes: [{ pattern: '/security-incidents/:ref', page: SecurityIncidentPage }] },
  // RP-1: the charts and their recharts code load only when a manager opens the screen
  { label: 'Reports', path: '/reports', icon: createElement(IconChart), roles: ['admin', 'manager'], page: ReportsPage, routes: [{ pattern: '/reports/whatif', page: WhatIfPage }] },
  // SM-6: the support manager's view of every ongoing emergency, and their actions on them.
  { label: 'Manager', path: '/manager', icon: createElement(IconEscalate), roles: ['manager', 'admin'], page: ManagerPage },
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
  // What Hotline kept because no channel of its kind is configured (admins: it holds everyone's messages).
  { label: 'Outbox', path: '/outbox', icon: createElement(IconInbox), roles: ['admin'], page: OutboxPage },
  // Event subscriptions for other systems (admins: the secrets sign what Hotline sends).
  { label: 'Webhooks', path: '/webhooks', icon: createElement(IconWebhook), roles: ['admin'], page: WebhooksPage },
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
