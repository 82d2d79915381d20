// The customers' frame: a top bar with their few sections, no side navigation. Kept apart from the
// staff Shell (App.tsx loads one or the other) so a customer's first load carries none of the
// staff layout's code: the portal must open fast on a phone in the middle of an outage.
import { Box, Group, Text } from '@mantine/core';
import { useLiveUpdates } from '../api/live.ts';
import type { Session } from '../api/types.ts';
import { ColorSchemeToggle, LiveIndicator, UserBlock, WorkspaceFooter } from './header.tsx';
import { labelOf, visibleEntries } from './nav.ts';
import { RoutedContent, useResolved } from './routed.tsx';
import { Link, useRoute } from './router.tsx';
import './portal-shell.css';

export function PortalShell({ session }: { session: Session }) {
  const me = session.user;
  const route = useRoute();
  const live = useLiveUpdates(true);
  const resolved = useResolved(route.path, me);
  return (
    <div className="hl-portal-frame">
      <a className="hl-skip-link" href="#main">Skip to main content</a>
      <header className="hl-portal-bar">
        <Group gap="sm" wrap="nowrap">
          {/* Named by its visible text plus a hidden "home" (label in name, WCAG 2.5.3). */}
          <Link to="/" style={{ textDecoration: 'none' }}>
            <Group gap={10} wrap="nowrap">
              <span className="hl-logo" aria-hidden>H</span>
              <Text fw={800} size="lg" className="hl-brand">Hotline</Text>
              <span className="hl-visually-hidden"> home</span>
            </Group>
          </Link>
          <LiveIndicator status={live} />
        </Group>
        <Group gap="sm" wrap="nowrap">
          <ColorSchemeToggle />
          <UserBlock session={session} />
        </Group>
        <nav aria-label="Main" className="hl-portal-nav">
          {visibleEntries(me).map((e) => {
            const active = route.path === e.path || route.path.startsWith(e.path + '/');
            return (
              <Link key={e.path} to={e.path} aria-current={active ? 'page' : undefined} data-active={active || undefined}>
                <span aria-hidden style={{ display: 'inline-flex' }}>{e.icon}</span>{labelOf(e, me)}
              </Link>
            );
          })}
        </nav>
      </header>
      <Box component="main" id="main" className="hl-canvas hl-portal-main">
        <RoutedContent resolved={resolved} path={route.path} me={me} />
      </Box>
      <footer className="hl-portal-footer"><WorkspaceFooter /></footer>
    </div>
  );
}
