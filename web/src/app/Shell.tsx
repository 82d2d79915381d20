import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useLiveUpdates } from '../api/live.ts';
import type { Session } from '../api/types.ts';
import { ColorSchemeToggle, LiveIndicator, UserBlock, WorkspaceFooter } from './header.tsx';
import { labelOf, visibleEntries } from './nav.ts';
import { RoutedContent, useResolved } from './routed.tsx';
import { Link, useRoute } from './router.tsx';
import { Toasts } from '../ui/toast.tsx';

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
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link to="/" style={{ textDecoration: 'none' }} aria-label="Hotline home">
              <Group gap={10} wrap="nowrap">
                <span className="hl-logo" aria-hidden>H</span>
                <Text fw={800} size="lg" visibleFrom="xs">Hotline</Text>
              </Group>
            </Link>
            <LiveIndicator status={live} />
          </Group>
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

      <AppShell.Main className="hl-canvas">
        <RoutedContent resolved={resolved} path={route.path} me={me} />
      </AppShell.Main>
      <Toasts />
    </AppShell>
  );
}
