// TK-1 optimistic concurrency: a stale version is answered 409 ticket.version_conflict.
import { Alert, Button, Group, Text } from '@mantine/core';
import { ApiError } from '../api/client.ts';

export const isConflict = (e: unknown) => e instanceof ApiError && e.code === 'ticket.version_conflict';

export function ConflictNotice({ onReload }: { onReload: () => void }) {
  return (
    <Alert color="orange" variant="filled" role="alert" data-testid="conflict">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>Someone else changed this ticket — reload to see their change, then apply yours again.</Text>
        <Button size="xs" color="dark" onClick={onReload}>Reload</Button>
      </Group>
    </Alert>
  );
}
