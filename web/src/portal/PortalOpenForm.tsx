// TK-8 / WF-1: the customer's form to open a request or report an emergency. Its own chunk: the
// request list (the portal's first screen) loads without the form fields' code.
import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { portalOpen, TICKET_FORMS, useTicketForms, useTicketMutation, type PortalOpen } from '../api/tickets.ts';
import { AttachFiles, toUploads } from './files.tsx';
import { Link, navigate } from '../app/router.tsx';
import { label } from '../tickets/badges.tsx';

const FORM_LABEL: Record<string, string> = {
  self_managed: 'Self-managed installation', saas: 'SaaS', licensing: 'Licensing and renewals', us_government: 'US Government', dedicated: 'Dedicated',
};

export function OpenForm({ emergency }: { emergency: boolean }) {
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [phone, setPhone] = useState('');
  const [form, setForm] = useState<string>('self_managed');
  const [priority, setPriority] = useState<string>('normal');
  const [files, setFiles] = useState<File[]>([]);
  // TK-1: the workspace's forms; the built-in five until they arrive.
  const forms = useTicketForms().data ?? TICKET_FORMS.map((f) => ({ id: f, name: FORM_LABEL[f] ?? label(f) }));
  const open = useTicketMutation(async (b: PortalOpen) => portalOpen({ ...b, ...(files.length ? { attachments: await toUploads(files) } : {}) }));
  const submit = () => open.mutate(
    { subject: subject.trim(), description: description.trim(), form, ...(phone.trim() ? { contactPhone: phone.trim() } : {}), ...(emergency ? { emergency: true } : { priority: priority as PortalOpen['priority'] }) },
    { onSuccess: (r) => navigate(`/support/${r.ticket.id}`) },
  );
  return (
    <Paper withBorder p="lg" radius="md" maw={720} data-testid={emergency ? 'emergency-form' : 'request-form'}>
      <Text size="sm" mb={4}><Link to="/support">← Your requests</Link></Text>
      <Title order={1} fz={28} mb="sm">{emergency ? 'Report an emergency' : 'Open a request'}</Title>
      {emergency && (
        <Alert color="red" variant="light" mb="md" title="What counts as an emergency" data-testid="emergency-definition">
          <Text size="sm">An emergency means your <b>production</b> system is <b>down or unusable</b>: a production server or cluster is not available, or so impaired that your business cannot work.</Text>
          <Text size="sm" mt={6}>Reporting one pages the on-call engineer immediately, day or night. For questions, slowness or problems outside production, open a normal request instead.</Text>
        </Alert>
      )}
      <Stack gap="sm">
        <TextInput label="Subject" required value={subject} onChange={(e) => setSubject(e.currentTarget.value)}
          placeholder={emergency ? 'e.g. Production cluster down after upgrade' : 'e.g. Question about backups'} />
        {/* Native selects: the phone's own picker, and no positioning library in the portal's load. */}
        <NativeSelect label="Product" data={forms.map((f) => ({ value: f.id, label: f.name }))} value={form} onChange={(e) => setForm(e.currentTarget.value)} />
        {!emergency && <NativeSelect label="Priority" data={['low', 'normal', 'high']} value={priority} onChange={(e) => setPriority(e.currentTarget.value)} />}
        <Textarea label="What is happening?" required autosize minRows={5} value={description} onChange={(e) => setDescription(e.currentTarget.value)}
          description={emergency ? 'What is down, since when, what changed, and how we can reach you right now.' : undefined} />
        {emergency && (
          <TextInput type="tel" label="Phone number to reach you now" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)}
            placeholder="+1 312 555 0100" description="Only our support staff see it." data-testid="contact-phone" />
        )}
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
