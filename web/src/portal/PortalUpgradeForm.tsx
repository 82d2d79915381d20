// SM-8: the customer's form to ask for upgrade assistance — the product (the workspace's ticket
// forms), when (in their own time zone), how long, and what is upgraded. It opens a ticket like any
// request; the support team answers there (a new time, or who will assist).
import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { TICKET_FORMS, useTicketForms, useTicketMutation } from '../api/tickets.ts';
import { Link, navigate } from '../app/router.tsx';
import { label } from '../tickets/badges.tsx';
import { fileUpgradeRequest, zonedIso, type UpgradeInput } from '../escalations/upgrades-api.ts';

export function UpgradeForm() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [local, setLocal] = useState('');
  const [minutes, setMinutes] = useState<number | string>(120);
  const [scope, setScope] = useState('');
  const [note, setNote] = useState('');
  const [form, setForm] = useState('self_managed');
  const forms = useTicketForms().data ?? TICKET_FORMS.map((f) => ({ id: f, name: label(f) }));
  const file = useTicketMutation((b: UpgradeInput) => fileUpgradeRequest(b));
  const submit = () => file.mutate(
    { start: zonedIso(local, zone), durationMinutes: Number(minutes), scope: scope.trim(), form, ...(note.trim() ? { note: note.trim() } : {}) },
    { onSuccess: (u) => navigate(`/support/${u.ticket.id}`) },
  );
  return (
    <Paper withBorder p="lg" radius="md" maw={720} data-testid="upgrade-form">
      <Text size="sm" mb={4}><Link to="/support">← Your requests</Link></Text>
      <Title order={1} fz={28} mb="sm">Request upgrade assistance</Title>
      <Text size="sm" c="dimmed" mb="md">Ask an engineer to be available while you upgrade. Please ask at least a week ahead, for a time within our support hours; we will propose another time if needed.</Text>
      <Stack gap="sm">
        <NativeSelect label="Product" data={forms.map((f) => ({ value: f.id, label: f.name }))} value={form} onChange={(e) => setForm(e.currentTarget.value)} />
        <Group grow align="flex-start">
          <TextInput type="datetime-local" required label="Start" description={`Your time zone: ${zone}`} value={local} onChange={(e) => setLocal(e.currentTarget.value)} data-testid="upgrade-start" />
          <NumberInput label="Duration (minutes)" required min={15} max={720} step={15} value={minutes} onChange={setMinutes} data-testid="upgrade-minutes" />
        </Group>
        <Textarea label="Scope" required autosize minRows={3} value={scope} onChange={(e) => setScope(e.currentTarget.value)}
          description="From which version to which, how many nodes, Geo or HA, anything unusual." data-testid="upgrade-scope" />
        <Textarea label="Anything else (optional)" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {file.error && <Alert color="red" role="alert">{file.error.message}</Alert>}
        <Group>
          <Button disabled={!local || !scope.trim()} loading={file.isPending} onClick={submit} data-testid="submit-upgrade">Request upgrade assistance</Button>
          <Button variant="subtle" onClick={() => navigate('/support')}>Cancel</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
