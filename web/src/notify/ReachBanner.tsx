// "Nobody has been reached": shown on a page, its emergency and the board whenever every attempt
// to notify for an open page failed, went only to the outbox, or found no usable contact method.
// The server judges (reach on the page and the emergency); this only shows it, with the fix a click away.
import { Alert, Anchor, Badge, Button, Group, List, Text } from '@mantine/core';
import type { components } from '../api/schema.d.ts';
import { Link } from '../app/router.tsx';

/** As the server judges it, on a page and an emergency. */
export type Reach = components['schemas']['Reach'];

export function ReachBanner({ reach }: { reach: Reach | null | undefined }) {
  if (!reach || reach.state !== 'not_reached') return null;
  return (
    <Alert color="red" variant="filled" role="alert" title="Nobody has been reached" data-testid="reach-banner">
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">{reach.reason}</Text>
        {reach.fix && (
          <Button component={Link} to={reach.fix.href} variant="white" color="red" size="xs">{reach.fix.label}</Button>
        )}
      </Group>
    </Alert>
  );
}

/** The board's row marker: short, with the reason on hover and for screen readers. */
export function NotReachedBadge({ reach }: { reach: Reach | null | undefined }) {
  if (!reach || reach.state !== 'not_reached') return null;
  return <Badge color="red" variant="filled" tt="none" title={reach.reason} data-testid="reach-badge">Nobody reached<span className="hl-visually-hidden">: {reach.reason}</span></Badge>;
}

/** The board's banner: which open emergencies have reached nobody, each a click away. */
export function BoardReachBanner({ rows }: { rows: { reach: Reach | null | undefined; to: string; label: string }[] }) {
  const shout = rows.filter((r) => r.reach?.state === 'not_reached');
  if (shout.length === 0) return null;
  return (
    <Alert color="red" variant="filled" role="alert" mb="md" data-testid="board-reach-banner"
      title={shout.length === 1 ? 'Nobody has been reached for one emergency' : `Nobody has been reached for ${shout.length} emergencies`}>
      <List size="sm" spacing={2}>
        {shout.map((r) => (
          <List.Item key={r.to}>
            <Anchor component={Link} to={r.to} c="white" fw={700} underline="always">{r.label}</Anchor>: {r.reach!.reason.replace(/^Nobody has been reached: /, '')}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
