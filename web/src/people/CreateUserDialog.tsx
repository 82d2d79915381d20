import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useCreateUser, useOrgs } from '../api/hooks.ts';
import type { NewUser, Role } from '../api/types.ts';
import { allTimeZones, browserTimeZone } from '../ui/time.ts';

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'engineer', label: 'Engineer' },
  { value: 'manager', label: 'Manager' },
  { value: 'admin', label: 'Admin' },
  { value: 'customer', label: 'Customer (requester)' },
];

export function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateUser();
  const [form, setForm] = useState({
    name: '', email: '', role: 'engineer' as Role, timeZone: browserTimeZone(),
    region: '', title: '', organizationId: '', password: '',
  });
  const isCustomer = form.role === 'customer';
  const orgs = useOrgs(undefined, isCustomer);
  const zones = useMemo(allTimeZones, []);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: NewUser = { name: form.name.trim(), email: form.email.trim(), role: form.role, timeZone: form.timeZone };
    if (form.region.trim()) body.region = form.region.trim();
    if (form.title.trim()) body.title = form.title.trim();
    if (isCustomer && form.organizationId) body.organizationId = form.organizationId;
    if (form.password) body.password = form.password;
    create.mutate(body, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title="New person" size="lg" centered
      styles={{ title: { fontWeight: 700, fontSize: 20 } }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {create.error && <Alert color="red" variant="light" title="Not created" role="alert">{create.error.message}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required value={form.name} onChange={(e) => set('name', e.currentTarget.value)} data-autofocus />
            <TextInput label="E-mail" type="email" required value={form.email} onChange={(e) => set('email', e.currentTarget.value)} />
            <Select label="Role" required data={ROLE_OPTIONS} value={form.role} allowDeselect={false}
              onChange={(v) => set('role', (v ?? 'engineer') as Role)} />
            <Select label="Time zone" required searchable data={zones} value={form.timeZone} allowDeselect={false}
              onChange={(v) => set('timeZone', v ?? 'UTC')} limit={50} />
            <TextInput label="Region" placeholder="AMER, EMEA, APAC…" value={form.region} onChange={(e) => set('region', e.currentTarget.value)} />
            <TextInput label="Title" placeholder="e.g. csm, director" value={form.title} onChange={(e) => set('title', e.currentTarget.value)} />
            {isCustomer && (
              <Select label="Organisation" placeholder={orgs.isPending ? 'Loading…' : 'No organisation'} searchable clearable
                data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                value={form.organizationId || null} onChange={(v) => set('organizationId', v ?? '')} />
            )}
            <PasswordInput label="Initial password" description="Leave empty for no password sign-in"
              autoComplete="new-password" value={form.password} onChange={(e) => set('password', e.currentTarget.value)} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={create.isPending} disabled={!form.name.trim() || !form.email.trim()}>
              Create person
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
