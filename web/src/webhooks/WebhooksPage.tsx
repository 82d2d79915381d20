// Admin → Webhooks: subscriptions that send page, emergency, ticket and escalation events to other
// systems, signed per Standard Webhooks. Create one (event types, optional service and organisation
// filters; the secret is shown once), send a test event, read each delivery's attempts, and enable
// a disabled one again, resending what its disabling cancelled if the admin asks.
import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, SimpleGrid, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PageProps } from '../app/page-props.ts';
import { when } from '../tickets/badges.tsx';
import { Empty, LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { EVENT_TYPES, useCancelledDeliveries, useDeliveries, useWebhookActions, useWebhooks, type WebhookDelivery, type WebhookSubscription } from './api.ts';

export function WebhooksPage(_props: PageProps) {
  const q = useWebhooks();
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  return (
    <Stack gap="md">
      <PageHeader
        title="Webhooks"
        description="Send page, emergency, ticket and escalation events to other systems. Every request is signed per the Standard Webhooks specification; failed deliveries are retried for 24 hours."
        actions={<Button onClick={() => setCreating((v) => !v)}>{creating ? 'Close' : 'New subscription'}</Button>}
      />
      {secret && (
        <Alert color="yellow" title={`Signing secret for “${secret.name}”: shown only now`} withCloseButton onClose={() => setSecret(null)} data-testid="webhook-secret">
          <Group gap="xs" wrap="nowrap">
            <Code style={{ overflowWrap: 'anywhere' }}>{secret.secret}</Code>
            <CopyButton value={secret.secret}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
          </Group>
          <Text size="sm" mt="xs">Store it in the receiver and verify every request with it, e.g. <Code>new Webhook(secret).verify(body, headers)</Code> from the standardwebhooks package.</Text>
        </Alert>
      )}
      {creating && <CreateForm onCreated={(name, s, id) => { setCreating(false); setSecret({ name, secret: s }); setOpen(id); }} />}
      {q.isError ? <QueryError what="the webhook subscriptions" error={q.error} onRetry={() => void q.refetch()} />
        : !q.data ? <LoadingRows />
        : q.data.length === 0 ? <Empty title="No webhook subscriptions" description="Create one to send Hotline's events to a status page, a chat bot or your own automation." />
        : <Stack gap="sm">{q.data.map((s) => <SubscriptionCard key={s.id} s={s} open={open === s.id} onToggle={() => setOpen(open === s.id ? null : s.id)} onSecret={(x) => setSecret({ name: s.name, secret: x })} />)}</Stack>}
    </Stack>
  );
}

function CreateForm({ onCreated }: { onCreated: (name: string, secret: string, id: string) => void }) {
  const { create } = useWebhookActions();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [services, setServices] = useState<string[]>([]);
  const [orgs, setOrgs] = useState<string[]>([]);
  const err = create.error as (Error & { code?: string }) | null;
  return (
    <Card withBorder radius="md" padding="md">
      <form onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name, url, eventTypes: types, ...(services.length ? { serviceIds: services } : {}), ...(orgs.length ? { organizationIds: orgs } : {}) }, {
          onSuccess: (r) => onCreated(r.subscription.name, r.secret, r.subscription.id),
        });
      }}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" placeholder="Status page" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <TextInput label="Receiver URL" placeholder="https://status.example.com/hooks/hotline" required value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
          </SimpleGrid>
          <Checkbox.Group label="Event types" value={types} onChange={setTypes} withAsterisk>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing="xs">
              {EVENT_TYPES.map((t) => <Checkbox key={t.value} value={t.value} label={<>{t.label} <Text span size="xs" c="dimmed">{t.value}</Text></>} />)}
            </SimpleGrid>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TagsInput label="Only these services (ids)" description="Empty: every service" value={services} onChange={setServices} />
            <TagsInput label="Only these organisations (ids)" description="Empty: every organisation" value={orgs} onChange={setOrgs} />
          </SimpleGrid>
          {err && <Alert color="red" title="Not created">{err.message}</Alert>}
          <Group justify="flex-end"><Button type="submit" loading={create.isPending} disabled={types.length === 0}>Create subscription</Button></Group>
        </Stack>
      </form>
    </Card>
  );
}

function SubscriptionCard({ s, open, onToggle, onSecret }: { s: WebhookSubscription; open: boolean; onToggle: () => void; onSecret: (secret: string) => void }) {
  const a = useWebhookActions();
  const [resend, setResend] = useState(false);
  const [resent, setResent] = useState<number | null>(null);
  return (
    <Card withBorder radius="md" padding="md" data-testid="webhook-subscription">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{s.name}</Text>
            {s.enabled ? <Badge color="green" variant="light">enabled</Badge> : <Badge color="red" variant="light">disabled</Badge>}
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{s.url}</Text>
          <Text size="xs">{s.eventTypes.join(', ')}{s.serviceIds.length ? ` · services: ${s.serviceIds.join(', ')}` : ''}{s.organizationIds.length ? ` · organisations: ${s.organizationIds.join(', ')}` : ''}</Text>
          {!s.enabled && s.disabledReason && <Text size="sm" c="red">{s.disabledReason}</Text>}
          {!s.enabled && <Missed id={s.id} resend={resend} onResend={setResend} />}
          {s.enabled && resent !== null && <Text size="sm" c="green" data-testid="webhook-resent">Enabled; {resent === 1 ? '1 cancelled delivery was' : `${resent} cancelled deliveries were`} queued again.</Text>}
        </Stack>
        <Group gap="xs">
          {s.enabled
            ? <Button size="xs" variant="light" loading={a.test.isPending} onClick={() => a.test.mutate(s.id, { onSuccess: () => { if (!open) onToggle(); } })}>Send test event</Button>
            : <Button size="xs" variant="light" loading={a.enable.isPending} onClick={() => a.enable.mutate({ id: s.id, resendCancelled: resend }, { onSuccess: (r) => setResent(r.resent) })}>Enable</Button>}
          <Button size="xs" variant="default" onClick={onToggle}>{open ? 'Hide deliveries' : 'Deliveries'}</Button>
          <Button size="xs" variant="default" loading={a.rotate.isPending} onClick={() => a.rotate.mutate(s.id, { onSuccess: (r) => onSecret(r.secret) })}>Rotate secret</Button>
          <Button size="xs" variant="subtle" color="red" loading={a.remove.isPending} onClick={() => { if (window.confirm(`Delete “${s.name}” and its delivery log?`)) a.remove.mutate(s.id); }}>Delete</Button>
        </Group>
      </Group>
      {open && <DeliveryLog id={s.id} />}
    </Card>
  );
}

/** A disabled subscription: what its disabling cancelled, and the choice to send it again on enabling. */
function Missed({ id, resend, onResend }: { id: string; resend: boolean; onResend: (v: boolean) => void }) {
  const q = useCancelledDeliveries(id, true);
  if (!q.data || q.data.cancelled === 0) return null;
  const { cancelled, resendable } = q.data;
  const older = cancelled - resendable;
  return (
    <Stack gap={4} data-testid="webhook-missed">
      <Text size="sm">{cancelled === 1 ? '1 delivery was' : `${cancelled} deliveries were`} cancelled when it was disabled.</Text>
      {resendable > 0
        ? <Checkbox size="sm" checked={resend} onChange={(e) => onResend(e.currentTarget.checked)}
          label={`Resend ${resendable === cancelled ? (resendable === 1 ? 'it' : 'them') : `the ${resendable} from the last 7 days`} when enabling`}
          description="Same webhook-id, so the receiver drops any it already has; each keeps its event's timestamp." />
        : <Text size="xs" c="dimmed">All are older than 7 days and will not be resent.</Text>}
      {resendable > 0 && older > 0 && <Text size="xs" c="dimmed">{older} older than 7 days will not be resent.</Text>}
    </Stack>
  );
}

const STATE_COLOR: Record<string, string> = { delivered: 'green', pending: 'yellow', failed: 'red', cancelled: 'gray' };

function DeliveryLog({ id }: { id: string }) {
  const q = useDeliveries(id);
  if (q.isError) return <QueryError what="the delivery log" error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <LoadingRows rows={2} />;
  if (q.data.length === 0) return <Text size="sm" c="dimmed" mt="sm">No deliveries yet. Send a test event to try the receiver.</Text>;
  return (
    <Table mt="sm" striped withTableBorder fz="sm" data-testid="webhook-deliveries">
      <Table.Thead><Table.Tr><Table.Th>Event</Table.Th><Table.Th>State</Table.Th><Table.Th>Attempts</Table.Th><Table.Th>Queued</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>{q.data.map((d) => <DeliveryRow key={d.id} d={d} />)}</Table.Tbody>
    </Table>
  );
}

function DeliveryRow({ d }: { d: WebhookDelivery }) {
  return (
    <Table.Tr data-testid="webhook-delivery">
      <Table.Td><Text size="sm" fw={500}>{d.eventType}</Text><Text size="xs" c="dimmed">{d.id}</Text></Table.Td>
      <Table.Td><Badge color={STATE_COLOR[d.state] ?? 'gray'} variant="light">{d.state}</Badge></Table.Td>
      <Table.Td>
        {d.attemptsLog.map((a) => (
          <Text key={a.id} size="xs">
            #{a.attempt} {when(a.at)} · {a.statusCode ?? 'no answer'} · {a.durationMs} ms{a.error ? ` · ${a.error}` : ''}{a.nextAttemptAt ? ` · next ${when(a.nextAttemptAt)}` : ''}
          </Text>
        ))}
      </Table.Td>
      <Table.Td><Text size="xs">{when(d.createdAt)}</Text></Table.Td>
    </Table.Tr>
  );
}
