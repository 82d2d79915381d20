// A plain confirmation before anything destructive: says what will happen, the destructive
// button names the action, Cancel is the default focus so a stray Enter at 3 a.m. does nothing.
import type { ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, pending, error, color = 'red' }: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: Error | null;
  color?: string;
}) {
  return (
    <Modal opened onClose={onCancel} title={title} centered size="md"
      styles={{ title: { fontWeight: 700, fontSize: 18 } }}>
      <Stack gap="md">
        {error && <Alert color="red" variant="light" role="alert" title="That did not work">{error.message}</Alert>}
        <Text component="div">{children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-autofocus>Cancel</Button>
          <Button color={color} onClick={onConfirm} loading={pending}>{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
