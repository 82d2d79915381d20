// The pieces of the top bar both shells show: the staff Shell and the customers' PortalShell.
import {
  ActionIcon, Badge, Box, Button, Group, Text, useComputedColorScheme, useMantineColorScheme,
} from '@mantine/core';
import { useLogout, useMeta } from '../api/hooks.ts';
import type { LiveStatus } from '../api/live.ts';
import type { Session } from '../api/types.ts';
import { RoleBadge } from '../ui/badges.tsx';
import { IconMoon, IconSun } from '../ui/icons.tsx';

export function UserBlock({ session }: { session: Session }) {
  const logout = useLogout();
  const me = session.user;
  return (
    <Group gap="sm" wrap="nowrap">
      <div style={{ textAlign: 'right', lineHeight: 1.2 }} data-testid="current-user">
        <Text size="sm" fw={700} visibleFrom="xs">{me.name}</Text>
        <Text size="xs" c="dimmed" visibleFrom="md">{me.email}</Text>
      </div>
      {/* on a phone the header keeps LIVE and Log out; the role is on the profile */}
      <Box visibleFrom="xs" style={{ lineHeight: 0 }}><RoleBadge role={me.role} /></Box>
      <Button variant="default" size="sm" onClick={() => logout.mutate()} loading={logout.isPending}>
        Log out
      </Button>
    </Group>
  );
}

export function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon variant="default" size="lg" aria-label={`Switch to ${next} mode`} title={`Switch to ${next} mode`} onClick={() => setColorScheme(next)}>
      {scheme === 'dark' ? <IconSun /> : <IconMoon />}
    </ActionIcon>
  );
}

const LIVE_LOOK: Record<LiveStatus, { color: string; label: string; hint: string }> = {
  live: { color: 'green', label: 'Live', hint: 'Changes by others appear on their own.' },
  connecting: { color: 'gray', label: 'Connecting…', hint: 'Opening the live update stream.' },
  reconnecting: { color: 'orange', label: 'Reconnecting…', hint: 'Live updates paused; what you see may be stale. Retrying.' },
  off: { color: 'gray', label: 'Not live', hint: 'This browser cannot receive live updates; reload to refresh.' },
};

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const look = LIVE_LOOK[status];
  return (
    <Badge color={look.color} variant="light" size="md" data-testid="live-status" title={look.hint}
      leftSection={<span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: 'currentColor', display: 'inline-block' }} />}>
      {look.label}
    </Badge>
  );
}

export function WorkspaceFooter() {
  const meta = useMeta();
  if (!meta.data) return null;
  return (
    <Text size="xs" c="dimmed" px="xs" py={6}>
      {meta.data.name} {meta.data.version} · {databaseLabel(meta.data.database)}
    </Text>
  );
}

export function databaseLabel(db: string): string {
  return db === 'sqlite' ? 'SQLite' : db === 'postgres' ? 'PostgreSQL' : db;
}
