// WF-5: the bridge the customer joins. Shown as a link (http/https only), set or changed here by
// the engineer; the silence follow-up and bridge-close messages use it, and the customer's portal
// shows it while the emergency is live.
import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { emergencyApi, isWebUrl, useEmergencyMutation, type Emergency } from '../api/emergencies.ts';

export function Bridge({ e }: { e: Emergency }) {
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState('');
  const save = useEmergencyMutation((next: string | null) => emergencyApi.bridge(String(e.ticketNumber), next));
  const done = { onSuccess: () => { setEditing(false); setUrl(''); } };
  const open = e.state === 'open';
  return (
    <Paper withBorder radius="md" p="md" data-testid="bridge">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={700}>Bridge</Text>
          {isWebUrl(e.bridgeUrl) ? (
            <Anchor href={e.bridgeUrl} target="_blank" rel="noopener noreferrer" size="sm" data-testid="bridge-link" style={{ overflowWrap: 'anywhere' }}>{e.bridgeUrl}</Anchor>
          ) : (
            <Text size="sm" c="dimmed" data-testid="no-bridge">No bridge yet: the silence follow-up will offer to arrange a call instead.</Text>
          )}
        </Group>
        {open && !editing && (
          <Group gap={6} wrap="nowrap">
            <Button size="xs" variant="light" onClick={() => { setUrl(e.bridgeUrl ?? ''); setEditing(true); }} data-testid="bridge-edit">{e.bridgeUrl ? 'Change' : 'Set bridge'}</Button>
            {e.bridgeUrl && <Button size="xs" variant="subtle" color="gray" loading={save.isPending && save.variables === null} onClick={() => save.mutate(null)} data-testid="bridge-remove">Remove</Button>}
          </Group>
        )}
      </Group>
      {editing && (
        <form onSubmit={(ev) => { ev.preventDefault(); save.mutate(url, done); }}>
          <Group mt="sm" align="flex-end" wrap="nowrap">
            <TextInput label="Bridge link" placeholder="https://meet.example.com/…" value={url} onChange={(ev) => setUrl(ev.currentTarget.value)} style={{ flex: 1 }} data-testid="bridge-input" autoFocus />
            <Button type="submit" loading={save.isPending} disabled={!url.trim()} data-testid="bridge-save">Save</Button>
            <Button variant="subtle" color="gray" onClick={() => { setEditing(false); save.reset(); }}>Cancel</Button>
          </Group>
        </form>
      )}
      {save.error && <Alert color="red" mt="sm" role="alert" data-testid="bridge-error" withCloseButton onClose={() => save.reset()}>{save.error.message}</Alert>}
    </Paper>
  );
}
