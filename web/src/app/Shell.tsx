import { lazy, Suspense } from 'react';
import { AppShell, Box, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useLiveUpdates } from '../api/live.ts';
import type { Session } from '../api/types.ts';
import { ColorSchemeToggle, LiveIndicator, UserBlock, WorkspaceFooter } from './header.tsx';
import { labelOf, visibleEntries } from './nav.ts';
import { RoutedContent, useResolved } from './routed.tsx';
import { Link, useRoute } from './router.tsx';
import { Toasts } from '../ui/toast.tsx';
import { KeyboardShortcuts } from '../keyboard/Shortcuts.tsx';

// The search box brings the positioning library (its result list floats): loaded after the page.
const GlobalSearch = lazy(() => import('../keyboard/GlobalSearch.tsx').then((m) => ({ default: m.GlobalSearch })));

export function Shell({ session }: { session: Session }) {
  const me = session.user;
  const [opened, { toggle, close }] = useDisclosure(false);
  const route = useRoute();
  const live = useLiveUpdates(true);
  const entries = visibleEntries(me);
  const resolved = useResolved(route.path, me);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      {/* First thing a keyboard reaches: past the header and the menu, straight to the page. */}
      <a href="#main-content" className="hl-skip-link">Skip to main content</a>
      <KeyboardShortcuts />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            {/* Named by its visible text ("Hotline") plus a hidden "home", so speech input can say what it sees. */}
            <Link to="/" style={{ textDecoration: 'none' }}>
              <Group gap={10} wrap="nowrap">
                <span className="hl-logo" aria-hidden>H</span>
                <Text fw={800} size="lg" className="hl-brand">Hotline</Text>
                <span className="hl-visually-hidden"> home</span>
              </Group>
            </Link>
            <LiveIndicator status={live} />
          </Group>
          <Box visibleFrom="sm"><Suspense fallback={null}><GlobalSearch /></Suspense></Box>
          <Group gap="sm" wrap="nowrap">
            <ColorSchemeToggle />
            <UserBlock session={session} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        {/* A plain scrolling box and native title hints (no Mantine ScrollArea or Tooltip) keep the
            positioning library out of the first load every page, the portal included, pays for. */}
        <AppShell.Section grow style={{ overflowY: 'auto' }}>
          <nav aria-label="Main">
            {entries.map((e) => {
              const active = route.path === e.path || route.path.startsWith(e.path + '/');
              return (
                <NavLink
                  key={e.path}
                  className="hl-navlink"
                  component={Link}
                  to={e.path}
                  label={labelOf(e, me)}
                  leftSection={<span aria-hidden style={{ display: 'inline-flex' }}>{e.icon}</span>}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="filled"
                  onClick={close}
                  styles={{ root: { borderRadius: 8, marginBottom: 4 }, label: { fontSize: 15 } }}
                />
              );
            })}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <WorkspaceFooter />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main className="hl-canvas" id="main-content" tabIndex={-1}>
        <RoutedContent resolved={resolved} path={route.path} me={me} />
      </AppShell.Main>
      <Toasts />
    </AppShell>
  );
}
