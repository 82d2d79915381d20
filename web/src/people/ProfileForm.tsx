// Edit a person's profile. Admins may change anyone, including the role; everyone else only
// themselves and never their own role (the server enforces both; the form just does not offer it).
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useUpdateUser } from '../api/hooks.ts';
import type { Role, User, UserPatch } from '../api/types.ts';
import { allTimeZones } from '../ui/time.ts';

export const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'engineer', label: 'Engineer' },
  { value: 'manager', label: 'Manager' },
  { value: 'admin', label: 'Admin' },
  { value: 'customer', label: 'Customer (requester)' },
];

type Form = { name: string; role: Role; title: string; timeZone: string; region: string };

const fromUser = (u: User): Form => ({ name: u.name, role: u.role, title: u.title ?? '', timeZone: u.timeZone, region: u.region ?? '' });

/** Only the fields that changed, with empty optional text sent as null (clears it). */
export function profilePatch(before: Form, after: Form, canChangeRole: boolean): UserPatch {
  const patch: UserPatch = {};
  if (after.name.trim() !== before.name) patch.name = after.name.trim();
  if (canChangeRole && after.role !== before.role) patch.role = after.role;
  if (after.title.trim() !== before.title) patch.title = after.title.trim() || null;
  if (after.timeZone !== before.timeZone) patch.timeZone = after.timeZone;
  if (after.region.trim() !== before.region) patch.region = after.region.trim() || null;
  return patch;
}

export function ProfileForm({ user, me }: { user: User; me: User }) {
  const update = useUpdateUser(user.id);
  const original = fromUser(user);
  const [form, setForm] = useState<Form>(original);
  const [base, setBase] = useState<Form>(original);
  const [saved, setSaved] = useState(false);
  // A change saved elsewhere (live update) shows up here unless the form holds unsaved edits.
  if (JSON.stringify(base) !== JSON.stringify(original)) {
    setBase(original);
    if (JSON.stringify(form) === JSON.stringify(base)) setForm(original);
  }
  const zones = useMemo(allTimeZones, []);
  const canChangeRole = me.role === 'admin' && me.id !== user.id;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => { setSaved(false); setForm((f) => ({ ...f, [k]: v })); };
  const patch = profilePatch(original, form, canChangeRole);
  const dirty = Object.keys(patch).length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    update.mutate(patch, { onSuccess: (u) => { setForm(fromUser(u)); setBase(fromUser(u)); setSaved(true); } });
  };
  const cancel = () => { update.reset(); setSaved(false); setForm(original); };

  return (
    <form onSubmit={submit} noValidate aria-label="Profile">
      <Stack gap="md">
        {update.error && <Alert color="red" variant="light" title="Not saved" role="alert">{update.error.message}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required value={form.name} onChange={(e) => set('name', e.currentTarget.value)}
            error={!form.name.trim() ? 'A name is required' : undefined} />
          {canChangeRole
            ? <Select label="Role" data={ROLE_OPTIONS} value={form.role} allowDeselect={false}
                description="What this person may see and do"
                onChange={(v) => set('role', (v ?? form.role) as Role)} />
            : <TextInput label="Role" value={ROLE_OPTIONS.find((r) => r.value === user.role)?.label ?? user.role} readOnly variant="filled"
                description={me.id === user.id ? 'Only an admin can change your role' : 'Only an admin can change a role'} />}
          <TextInput label="Title" placeholder="e.g. Support Engineer, CSM" value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)} />
          <Select label="Time zone" required searchable limit={60} data={zones} value={form.timeZone}
            allowDeselect={false} nothingFoundMessage="No such zone: type a city, e.g. Berlin"
            description="Used for on-call hours and local time" onChange={(v) => set('timeZone', v ?? form.timeZone)} />
          <TextInput label="Region" placeholder="AMER, EMEA, APAC…" value={form.region}
            onChange={(e) => set('region', e.currentTarget.value)} />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          {saved && !dirty && <Text size="sm" c="green" fw={600} role="status">Saved</Text>}
          <Button variant="default" onClick={cancel} disabled={!dirty || update.isPending}>Discard changes</Button>
          <Button type="submit" loading={update.isPending} disabled={!dirty || !form.name.trim()}>Save profile</Button>
        </Group>
      </Stack>
    </form>
  );
}
