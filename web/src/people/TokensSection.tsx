// The signed-in user's API tokens: list, create (the secret is shown exactly once), revoke.
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCreateToken, useRevokeToken, useTokens } from '../api/hooks.ts';
import type { ApiToken, NewApiToken } from '../api/types.ts';
import { LoadingRows, Panel, QueryError } from '../ui/states.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : null);

export function TokensSection() {
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useRevokeToken();
  const list = tokens.data ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">Tokens let scripts call the API as you (header <Code>Authorization: Bearer …</Code>).</Text>
        <Button onClick={() => setCreating(true)}>New token</Button>
      </Group>
      {tokens.isError && <QueryError what="your tokens" error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.isPending && <LoadingRows rows={2} />}
      {tokens.data && list.length === 0 && <Text c="dimmed">You have no API tokens.</Text>}
      {list.length > 0 && (
        <Panel>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="API tokens" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Prefix</Table.Th><Table.Th>Created</Table.Th><Table.Th>Last used</Table.Th><Table.Th /></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((t) => (
                  <Table.Tr key={t.id} data-testid="token-row" style={t.revokedAt ? { opacity: 0.6 } : undefined}>
                    <Table.Td fw={600}>{t.name}</Table.Td>
                    <Table.Td><Code>{t.prefix}…</Code></Table.Td>
                    <Table.Td>{when(t.createdAt)}</Table.Td>
                    <Table.Td>{when(t.lastUsedAt) ?? <Text span c="dimmed">Never</Text>}</Table.Td>
                    <Table.Td ta="right">
                      {t.revokedAt
                        ? <Badge color="gray" variant="filled" tt="none" title={`Revoked ${when(t.revokedAt)}`}>Revoked</Badge>
                        : <Button size="compact-sm" variant="light" color="red" onClick={() => setRevoking(t)}
                            aria-label={`Revoke token ${t.name}`}>Revoke</Button>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Panel>
      )}
      {creating && <CreateTokenDialog onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmDialog title={`Revoke token "${revoking.name}"?`} confirmLabel="Revoke token" pending={revoke.isPending} error={revoke.error}
          onCancel={() => { revoke.reset(); setRevoking(null); }}
          onConfirm={() => revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}>
          Anything still using <Code>{revoking.prefix}…</Code> stops working immediately. This cannot be undone.
        </ConfirmDialog>
      )}
    </Stack>
  );
}

function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name.trim(), { onSuccess: setCreated });
  };
  return (
    <Modal opened onClose={onClose} centered size="lg" title={created ? 'Token created' : 'New API token'}
      closeOnClickOutside={!created} styles={{ title: { fontWeight: 700, fontSize: 18 } }}>
      {created
        ? (
          <Stack gap="md">
            <Alert color="orange" variant="light" title="Copy it now: it will not be shown again">
              Hotline keeps only a hash. If you lose it, revoke this token and create a new one.
            </Alert>
            <Group gap="sm" wrap="nowrap" align="stretch">
              <TextInput readOnly value={created.token} aria-label="New token secret" data-testid="token-secret"
                style={{ flex: 1 }} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                onFocus={(e) => e.currentTarget.select()} />
              <CopyButton value={created.token}>
                {({ copied, copy }) => <Button color={copied ? 'green' : undefined} onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
              </CopyButton>
            </Group>
            <Group justify="flex-end"><Button onClick={onClose}>I have copied it, close</Button></Group>
          </Stack>
        )
        : (
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              {create.error && <Alert color="red" variant="light" role="alert" title="Not created">{create.error.message}</Alert>}
              <TextInput label="Token name" required data-autofocus placeholder="e.g. alertmanager, ci"
                description="Say what will use it, so you know what breaks when you revoke it"
                value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>Cancel</Button>
                <Button type="submit" loading={create.isPending} disabled={!name.trim()}>Create token</Button>
              </Group>
            </Stack>
          </form>
        )}
    </Modal>
  );
}
