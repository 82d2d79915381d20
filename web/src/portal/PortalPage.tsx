// TK-8 customer portal: my organisation's requests, and opening a request or an emergency.
import { useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { portalOpen, TICKET_FORMS, usePortalTickets, useTicketForms, useTicketMutation, type PortalOpen } from '../api/tickets.ts';
import { AttachFiles, toUploads } from './files.tsx';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { ago, EmergencyMark, label, StatusBadge } from '../tickets/badges.tsx';

const FORM_LABEL: Record<string, string> = {
  self_managed: 'Self-managed installation', saas: 'SaaS', licensing: 'Licensing and renewals', us_government: 'US Government', dedicated: 'Dedicated',
};

export function PortalPage({ me }: PageProps) {
  const { query } = useRoute();
  const mode = query.get('new'); // 'request' | 'emergency' | null
  const list = usePortalTickets();
  if (mode === 'request' || mode === 'emergency') return <OpenForm emergency={mode === 'emergency'} />;
  return (
    <>
      <PageHeader title="Support requests" description={`Requests from your organisation. Signed in as ${me.name}.`}
        actions={<>
          <Button variant="light" onClick={() => navigate('/support?new=request')}>Open a request</Button>
          <Button color="red" onClick={() => navigate('/support?new=emergency')} data-testid="open-emergency">Report an emergency</Button>
        </>} />
      {list.isError && <QueryError what="your requests" error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <LoadingRows />}
      {list.data && list.data.items.length === 0 && <Empty title="No requests yet" description="Open a request when you need help; report an emergency when production is down." />}
      {list.data && list.data.items.length > 0 && (
        <Panel>
          <Table highlightOnHover aria-label="Your requests">
            <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>Subject</Table.Th><Table.Th>Status</Table.Th><Table.Th>Updated</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.data.items.map((t) => (
                <Table.Tr key={t.id} data-testid="portal-row">
                  <Table.Td ff="monospace">{t.number}</Table.Td>
                  <Table.Td><Group gap={6}><Link className="hl-row-link" to={`/support/${t.id}`}>{t.subject}</Link><EmergencyMark on={t.isEmergency} /></Group></Table.Td>
                  <Table.Td><StatusBadge status={t.status} /></Table.Td>
                  <Table.Td>{ago(t.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Panel>
      )}
    </>
  );
}

function OpenForm({ emergency }: { emergency: boolean }) {
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [form, setForm] = useState<string>('self_managed');
  const [priority, setPriority] = useState<string>('normal');
  const [files, setFiles] = useState<File[]>([]);
  // TK-1: the workspace's forms; the built-in five until they arrive.
  const forms = useTicketForms().data ?? TICKET_FORMS.map((f) => ({ id: f, name: FORM_LABEL[f] ?? label(f) }));
  const open = useTicketMutation(async (b: PortalOpen) => portalOpen({ ...b, ...(files.length ? { attachments: await toUploads(files) } : {}) }));
  const submit = () => open.mutate(
    { subject: subject.trim(), description: description.trim(), form, ...(emergency ? { emergency: true } : { priority: priority as PortalOpen['priority'] }) },
    { onSuccess: (r) => navigate(`/support/${r.ticket.id}`) },
  );
  return (
    <Paper withBorder p="lg" radius="md" maw={720} data-testid={emergency ? 'emergency-form' : 'request-form'}>
      <Text size="sm" mb={4}><Link to="/support">← Your requests</Link></Text>
      <Title order={2} mb="sm">{emergency ? 'Report an emergency' : 'Open a request'}</Title>
      {emergency && (
        <Alert color="red" variant="light" mb="md" title="What counts as an emergency" data-testid="emergency-definition">
          <Text size="sm">An emergency means your <b>production</b> system is <b>down or unusable</b>: a production server or cluster is not available, or so impaired that your business cannot work.</Text>
          <Text size="sm" mt={6}>Reporting one pages the on-call engineer immediately, day or night. For questions, slowness or problems outside production, open a normal request instead.</Text>
        </Alert>
      )}
      <Stack gap="sm">
        <TextInput label="Subject" required value={subject} onChange={(e) => setSubject(e.currentTarget.value)}
          placeholder={emergency ? 'e.g. Production cluster down after upgrade' : 'e.g. Question about backups'} />
        <Select label="Product" data={forms.map((f) => ({ value: f.id, label: f.name }))} value={form} onChange={(v) => v && setForm(v)} allowDeselect={false} />
        {!emergency && <Select label="Priority" data={['low', 'normal', 'high']} value={priority} onChange={(v) => v && setPriority(v)} allowDeselect={false} />}
        <Textarea label="What is happening?" required autosize minRows={5} value={description} onChange={(e) => setDescription(e.currentTarget.value)}
          description={emergency ? 'What is down, since when, what changed, and how we can reach you right now.' : undefined} />
        <AttachFiles value={files} onChange={setFiles} />
        {open.error && <Alert color="red" role="alert">{open.error.message}</Alert>}
        <Group>
          <Button color={emergency ? 'red' : 'blue'} disabled={!subject.trim() || !description.trim()} loading={open.isPending} onClick={submit} data-testid="submit-request">
            {emergency ? 'Report emergency and page on-call' : 'Open request'}
          </Button>
          <Button variant="subtle" onClick={() => navigate('/support')}>Cancel</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
