import { useEffect } from 'react';
import {
  ActionIcon, AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Text, Tooltip,
  useComputedColorScheme, useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useLogout, useMeta } from '../api/hooks.ts';
import { useLiveUpdates, type LiveStatus } from '../api/live.ts';
import type { Session } from '../api/types.ts';
import { Empty } from '../ui/states.tsx';
import { RoleBadge } from '../ui/badges.tsx';
import { labelOf, resolve, visibleEntries } from './nav.ts';
import { Link, navigate, useRoute } from './router.tsx';
import { IconCompass, IconLock, IconMoon, IconSun } from '../ui/icons.tsx';

export function Shell({ session }: { session: Session }) {
  const me = session.user;
  const [opened, { toggle, close }] = useDisclosure(false);
  const route = useRoute();
  const live = useLiveUpdates(true);
  const entries = visibleEntries(me);
  const resolved = resolve(route.path, me);

  useEffect(() => {
    if (resolved.kind === 'home' && resolved.to) navigate(resolved.to, { replace: true });
  }, [resolved.kind, resolved.kind === 'home' ? resolved.to : null]);

  useEffect(() => {
    const label = resolved.kind === 'page' || resolved.kind === 'forbidden' ? labelOf(resolved.entry, me) : null;
    document.title = label ? `${label} · Hotline` : 'Hotline';
  }, [resolved, me]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
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
        <AppShell.Section grow component={ScrollArea}>
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
        {resolved.kind === 'page' && <resolved.page params={resolved.params} me={me} />}
        {resolved.kind === 'forbidden' && (
          <Empty icon={<IconLock size={40} />} title="Not available to your role"
            description={`${labelOf(resolved.entry, me)} is for support staff. Ask an admin if you need access.`} />
        )}
        {resolved.kind === 'not_found' && (
          <Empty icon={<IconCompass size={40} />} title="Nothing at this address"
            description={`${route.path} is not a Hotline page. Pick a section from the menu.`} />
        )}
        {resolved.kind === 'home' && !resolved.to && (
          <Empty icon={<IconLock size={40} />} title="Nothing to show" description="Your role has no sections yet. Ask an admin." />
        )}
      </AppShell.Main>
    </AppShell>
  );
}

function UserBlock({ session }: { session: Session }) {
  const logout = useLogout();
  const me = session.user;
  return (
    <Group gap="sm" wrap="nowrap">
      <div style={{ textAlign: 'right', lineHeight: 1.2 }} data-testid="current-user">
        <Text size="sm" fw={700} visibleFrom="xs">{me.name}</Text>
        <Text size="xs" c="dimmed" visibleFrom="md">{me.email}</Text>
      </div>
      <RoleBadge role={me.role} />
      <Button variant="default" size="sm" onClick={() => logout.mutate()} loading={logout.isPending}>
        Log out
      </Button>
    </Group>
  );
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} mode`}>
      <ActionIcon variant="default" size="lg" aria-label={`Switch to ${next} mode`} onClick={() => setColorScheme(next)}>
        {scheme === 'dark' ? <IconSun /> : <IconMoon />}
      </ActionIcon>
    </Tooltip>
  );
}

const LIVE_LOOK: Record<LiveStatus, { color: string; label: string; hint: string }> = {
  live: { color: 'green', label: 'Live', hint: 'Changes by others appear on their own.' },
  connecting: { color: 'gray', label: 'Connecting…', hint: 'Opening the live update stream.' },
  reconnecting: { color: 'orange', label: 'Reconnecting…', hint: 'Live updates paused; what you see may be stale. Retrying.' },
  off: { color: 'gray', label: 'Not live', hint: 'This browser cannot receive live updates; reload to refresh.' },
};

function LiveIndicator({ status }: { status: LiveStatus }) {
  const look = LIVE_LOOK[status];
  return (
    <Tooltip label={look.hint}>
      <Badge color={look.color} variant="light" size="md" visibleFrom="xs" data-testid="live-status"
        leftSection={<span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: 'currentColor', display: 'inline-block' }} />}>
        {look.label}
      </Badge>
    </Tooltip>
  );
}

function WorkspaceFooter() {
  const meta = useMeta();
  if (!meta.data) return null;
  return (
    <Text size="xs" c="dimmed" px="xs" py={6}>
      {meta.data.workspace ? `${meta.data.workspace} · ` : ''}{meta.data.name} {meta.data.version} · {databaseLabel(meta.data.database)}
      {meta.data.demo ? ' · demo' : ''}
    </Text>
  );
}

export function databaseLabel(db: string): string {
  return db === 'sqlite' ? 'SQLite' : db === 'postgres' ? 'PostgreSQL' : db;
}
