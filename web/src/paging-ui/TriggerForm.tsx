// PG-5: page by hand: an escalation policy or one person, with a title and a link for context.
import { useState } from 'react';
import { Alert, Button, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useUsers } from '../api/hooks.ts';
import { triggerPage, usePageMutation, usePolicies, useServices, type TriggerInput } from '../api/paging.ts';
import { navigate } from '../app/router.tsx';

export function TriggerForm() {
  const [target, setTarget] = useState<'policy' | 'person'>('policy');
  const [policyId, setPolicyId] = useState<string | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>('customer-support');
  const [title, setTitle] = useState('');
  const [link, setLink] = useState('');
  const policies = usePolicies();
  const services = useServices();
  const users = useUsers({});
  const send = usePageMutation((b: TriggerInput) => triggerPage(b));

  const staff = (users.data ?? []).filter((u) => u.role !== 'customer' && u.active).map((u) => ({ value: u.id, label: `${u.name} (${u.timeZone})` }));
  const svc = serviceId ?? services.data?.[0]?.id ?? '';
  // The API has no separate link field yet: the link travels in the title the engineer reads.
  const fullTitle = link.trim() ? `${title.trim()} — ${link.trim()}` : title.trim();
  const ready = !!svc && !!title.trim() && (target === 'policy' ? !!policyId : !!userId);
  const submit = () => {
    const body: TriggerInput = { serviceId: svc, title: fullTitle };
    if (target === 'policy') body.escalationPolicyId = policyId!; else body.targetUserIds = [userId!];
    send.mutate(body, { onSuccess: (p) => navigate(`/pages/${p.id}`) });
  };

  return (
    <Paper withBorder p="lg" radius="md" maw={640} data-testid="trigger-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">Use this when a customer needs someone now and the usual route did not page anyone, or to reach one engineer who is not answering in chat.</Text>
        <SegmentedControl value={target} onChange={(v) => setTarget(v as 'policy' | 'person')}
          data={[{ value: 'policy', label: 'An escalation policy' }, { value: 'person', label: 'A person' }]} />
        {target === 'policy'
          ? <Select label="Escalation policy" placeholder="Pick a policy" data={(policies.data ?? []).map((p) => ({ value: p.id, label: p.name }))} value={policyId} onChange={setPolicyId} />
          : <Select label="Person" searchable placeholder="Pick an engineer" data={staff} value={userId} onChange={setUserId} />}
        <Select label="Service" data={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))} value={svc} onChange={setServiceId} allowDeselect={false} />
        <TextInput label="Title" description="What the engineer sees first, e.g. the ticket number and the customer" value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
        <TextInput label="Link" placeholder="https://… (ticket, dashboard, call bridge)" value={link} onChange={(e) => setLink(e.currentTarget.value)} />
        <Text size="xs" c="dimmed">Paging a schedule directly is not offered by the server yet: page the policy that uses it.</Text>
        {send.error && <Alert color="red" role="alert" title="Not paged">{send.error.message}</Alert>}
        <Button color="red" disabled={!ready} loading={send.isPending} onClick={submit}>Page now</Button>
      </Stack>
    </Paper>
  );
}
