// Add and remove the ways a person is reached. The server validates the address; its message
// is shown under the address field, where the mistake is.
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { useAddContact, useRemoveContact } from '../api/hooks.ts';
import type { ContactKind, ContactMethod, User } from '../api/types.ts';
import { CONTACT_ICON } from './ContactList.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';

const KINDS: { value: ContactKind; label: string; placeholder: string; hint: string }[] = [
  { value: 'email', label: 'E-mail', placeholder: 'name@example.com', hint: 'An e-mail address.' },
  { value: 'sms', label: 'SMS', placeholder: '+14155550100', hint: 'E.164: a plus, the country code, then the number, no spaces (e.g. +14155550100).' },
  { value: 'voice', label: 'Voice call', placeholder: '+14155550100', hint: 'E.164: a plus, the country code, then the number, no spaces (e.g. +14155550100).' },
  { value: 'chat', label: 'Chat', placeholder: '@handle or member id', hint: 'Your chat handle or member id.' },
  { value: 'webhook', label: 'Webhook', placeholder: 'https://…', hint: 'An http(s) URL that receives a POST.' },
];
const KIND_LABEL: Record<string, string> = { ...Object.fromEntries(KINDS.map((k) => [k.value, k.label])), browser: 'Browser notifications' };

export function ContactMethodsEditor({ user }: { user: User }) {
  return (
    <Stack gap="md">
      {user.contactMethods.length === 0
        ? <Alert color="orange" variant="light" title="No contact methods">
            {user.role === 'customer' ? 'Add a way to reach this person.' : 'Nobody can page this person until a contact method is added.'}
          </Alert>
        : <Stack gap="xs">{user.contactMethods.map((m) => <ContactRow key={m.id} user={user} method={m} />)}</Stack>}
      <AddContactForm user={user} />
    </Stack>
  );
}

function ContactRow({ user, method: m }: { user: User; method: ContactMethod }) {
  const remove = useRemoveContact(user.id);
  const [confirming, setConfirming] = useState(false);
  const Icon = CONTACT_ICON[m.kind];
  return (
    <Paper withBorder radius="sm" px="md" py="xs" data-testid="contact-method">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Icon size={18} />
          <div style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{m.address}</Text>
            <Text size="sm" c="dimmed">{KIND_LABEL[m.kind] ?? m.kind}{m.label ? ` · ${m.label}` : ''}</Text>
          </div>
          <Badge variant="light" color={m.verified ? 'green' : 'gray'} tt="none">{m.verified ? 'Verified' : 'Not verified'}</Badge>
        </Group>
        <Button variant="subtle" color="red" size="compact-sm" onClick={() => setConfirming(true)}
          aria-label={`Remove ${KIND_LABEL[m.kind] ?? m.kind} ${m.address}`}>Remove</Button>
      </Group>
      {confirming && (
        <ConfirmDialog title="Remove contact method?" confirmLabel="Remove" pending={remove.isPending} error={remove.error}
          onCancel={() => { remove.reset(); setConfirming(false); }}
          onConfirm={() => remove.mutate(m.id, { onSuccess: () => setConfirming(false) })}>
          {user.name} will no longer be reached by {KIND_LABEL[m.kind] ?? m.kind} at <b>{m.address}</b>.
          {user.contactMethods.length === 1 && user.role !== 'customer' && ' It is their only contact method: they could not be paged.'}
        </ConfirmDialog>
      )}
    </Paper>
  );
}

function AddContactForm({ user }: { user: User }) {
  const add = useAddContact(user.id);
  const [kind, setKind] = useState<ContactKind>('sms');
  const [address, setAddress] = useState('');
  const [label, setLabel] = useState('');
  const spec = KINDS.find((k) => k.value === kind)!;
  // Address problems belong next to the address; anything else (permission, network) above.
  const err = add.error;
  const addressError = err instanceof ApiError && (err.code === 'contact.bad_address' || err.code === 'contact.exists' || err.status === 400) ? err.message : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ kind, address: address.trim(), label: label.trim() || null }, {
      onSuccess: () => { setAddress(''); setLabel(''); },
    });
  };

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate aria-label="Add a contact method">
      <Text fw={700} mb="xs">Add a contact method</Text>
      {err && !addressError && <Alert color="red" variant="light" role="alert" mb="sm" title="Not added">{err.message}</Alert>}
      <Group align="flex-start" gap="sm" wrap="wrap">
        <Select label="Kind" data={KINDS.map(({ value, label }) => ({ value, label }))} value={kind} allowDeselect={false} w={150}
          onChange={(v) => { add.reset(); setKind((v ?? 'sms') as ContactKind); }} />
        <TextInput label="Address" required placeholder={spec.placeholder} value={address} style={{ flex: '1 1 260px' }}
          description={spec.hint} error={addressError} inputMode={kind === 'sms' || kind === 'voice' ? 'tel' : undefined}
          onChange={(e) => { if (add.error) add.reset(); setAddress(e.currentTarget.value); }} />
        <TextInput label="Label (optional)" placeholder="e.g. work mobile" value={label} w={180}
          onChange={(e) => setLabel(e.currentTarget.value)} />
      </Group>
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={add.isPending} disabled={!address.trim()}>Add contact method</Button>
      </Group>
    </Paper>
  );
}
