// Loading, error and empty states: every list says plainly which of the three it is in.
import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';

export function Empty({ icon, title, description, action }: {
  icon?: ReactNode; title: string; description?: ReactNode; action?: ReactNode;
}) {
  return (
    <Center py={48}>
      <Stack align="center" gap={6} maw={480} ta="center">
        {icon && <Text c="dimmed" aria-hidden style={{ lineHeight: 0 }}>{icon}</Text>}
        <Title order={3}>{title}</Title>
        {description && <Text c="dimmed">{description}</Text>}
        {action}
      </Stack>
    </Center>
  );
}

export function QueryError({ error, onRetry, what }: { error: Error; onRetry?: () => void; what: string }) {
  return (
    <Alert color="red" variant="light" title={`Could not load ${what}`} role="alert">
      <Group justify="space-between" align="center">
        <Text size="sm">{error.message}</Text>
        {onRetry && <Button size="xs" color="red" variant="outline" onClick={onRetry}>Retry</Button>}
      </Group>
    </Alert>
  );
}

export function LoadingRows({ rows = 6 }: { rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => <Skeleton key={i} height={36} radius="sm" />)}
    </Stack>
  );
}

export function PageHeader({ title, description, actions }: {
  title: ReactNode; description?: ReactNode; actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap" gap="md">
      <div>
        <Title order={1} fz={28}>{title}</Title>
        {description && <Text c="dimmed" mt={4}>{description}</Text>}
      </div>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}

export function Panel({ children, p = 0 }: { children: ReactNode; p?: number | string }) {
  return <Paper withBorder radius="md" p={p} shadow="xs" style={{ overflow: 'hidden' }}>{children}</Paper>;
}
