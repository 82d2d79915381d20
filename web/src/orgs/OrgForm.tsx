// Create or edit a customer organisation: subscription facts and the account team. The server
// checks everything (dates in order, CSM/ASE are staff); its message is shown in plain words,
// next to the field it names when it names one.
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { useCreateOrg, useUpdateOrg, useUsers } from '../api/hooks.ts';
import type { Organization, OrganizationInput, Subscription } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { DEPLOYMENT_LABEL, PACKAGE_LABEL, PLAN_LABEL } from './subscription.ts';

type Form = {
  name: string; planTier: string; supportPackage: string; deployment: string; startsOn: string; endsOn: string;
  trial: boolean; seats: number | ''; purchasedOn: string; csm: string; ase: string; notes: string;
};

const NO_PACKAGE = 'none';

function fromOrg(o?: Organization): Form {
  const s = o?.subscription;
  return {
    name: o?.name ?? '', planTier: s?.planTier ?? 'premium', supportPackage: s?.supportPackage ?? NO_PACKAGE,
    deployment: s?.deployment ?? 'self_managed', startsOn: s?.startsOn ?? '', endsOn: s?.endsOn ?? '', trial: s?.trial ?? false,
    seats: s?.seats ?? '', purchasedOn: s?.purchasedOn ?? '', csm: o?.csm?.id ?? '', ase: o?.ase?.id ?? '', notes: o?.notes ?? '',
  };
}

export function toInput(f: Form): OrganizationInput {
  const subscription: Partial<Subscription> = {
    planTier: f.planTier,
    supportPackage: f.supportPackage === NO_PACKAGE ? null : (f.supportPackage as Subscription['supportPackage']),
    deployment: f.deployment as Subscription['deployment'],
    startsOn: f.startsOn || null, endsOn: f.endsOn || null, trial: f.trial,
    seats: f.seats === '' ? null : f.seats, purchasedOn: f.purchasedOn || null,
  };
  return { name: f.name.trim(), subscription, csm: f.csm || null, ase: f.ase || null, notes: f.notes.trim() || null };
}

/** Which form field a server error is about, if it says. */
function fieldOf(e: unknown): string | undefined {
  if (!(e instanceof ApiError)) return undefined;
  if (e.code === 'org.bad_dates') return 'endsOn';
  if (e.code === 'org.bad_seats') return 'seats';
  if (e.code === 'org.bad_name' || e.code === 'org.exists' || e.code === 'org.slug_taken') return 'name';
  const f = (e.details as { field?: unknown } | undefined)?.field;
  return typeof f === 'string' ? f : undefined;
}

export function OrgFormDialog({ org, onClose }: { org?: Organization; onClose: () => void }) {
  const create = useCreateOrg();
  const update = useUpdateOrg(org?.id ?? '');
  const mutation = org ? update : create;
  const [form, setForm] = useState<Form>(() => fromOrg(org));
  const set = <K extends keyof Form>(k: K, v: Form[K]) => { if (mutation.error) mutation.reset(); setForm((f) => ({ ...f, [k]: v })); };
  const users = useUsers();
  const staff = useMemo(() => (users.data ?? []).filter((u) => u.role !== 'customer' && u.kind === 'person' && u.active)
    .map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` })), [users.data]);
  // Keep the current CSM/ASE choosable even if they are no longer active staff.
  const staffData = (current: Organization['csm'] | undefined) =>
    current && !staff.some((s) => s.value === current.id) ? [...staff, { value: current.id, label: `${current.name} · ${current.email}` }] : staff;
  const tiers = Object.entries(PLAN_LABEL).map(([value, label]) => ({ value, label }));
  if (!tiers.some((t) => t.value === form.planTier)) tiers.push({ value: form.planTier, label: form.planTier });
  const errorField = fieldOf(mutation.error);
  const fieldError = (f: string) => (errorField === f ? mutation.error?.message : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = toInput(form);
    if (org) update.mutate(input, { onSuccess: onClose });
    else create.mutate(input, { onSuccess: (o) => { onClose(); navigate(`/orgs/${encodeURIComponent(o.id)}`); } });
  };

  return (
    <Modal opened onClose={onClose} size="xl" centered title={org ? `Edit ${org.name}` : 'New organisation'}
      closeOnClickOutside={false} styles={{ title: { fontWeight: 700, fontSize: 20 } }}>
      <form onSubmit={submit} noValidate aria-label={org ? 'Edit organisation' : 'New organisation'}>
        <Stack gap="md">
          {mutation.error && (
            <Alert color="red" variant="light" role="alert" title={org ? 'Not saved' : 'Not created'} data-testid="org-form-error">
              {mutation.error.message}
            </Alert>
          )}
          <TextInput label="Name" required data-autofocus value={form.name} error={fieldError('name')}
            onChange={(e) => set('name', e.currentTarget.value)} />
          <Title order={3} fz={16}>Subscription</Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label="Plan tier" data={tiers} value={form.planTier} allowDeselect={false} onChange={(v) => set('planTier', v ?? form.planTier)}
              description="Premium and Ultimate include emergencies" />
            <Select label="Support package" value={form.supportPackage} allowDeselect={false}
              data={[{ value: NO_PACKAGE, label: 'None' }, ...Object.entries(PACKAGE_LABEL).map(([value, label]) => ({ value, label }))]}
              onChange={(v) => set('supportPackage', v ?? NO_PACKAGE)} />
            <Select label="Deployment" value={form.deployment} allowDeselect={false}
              data={Object.entries(DEPLOYMENT_LABEL).map(([value, label]) => ({ value, label }))}
              onChange={(v) => set('deployment', v ?? form.deployment)} />
            <TextInput label="Starts on" type="date" value={form.startsOn} error={fieldError('startsOn')}
              onChange={(e) => set('startsOn', e.currentTarget.value)} />
            <TextInput label="Ends on" type="date" value={form.endsOn} error={fieldError('endsOn')}
              description="Last day covered" onChange={(e) => set('endsOn', e.currentTarget.value)} />
            <TextInput label="Purchased on" type="date" value={form.purchasedOn} error={fieldError('purchasedOn')}
              onChange={(e) => set('purchasedOn', e.currentTarget.value)} />
            <NumberInput label="Seats" min={0} allowDecimal={false} allowNegative={false} value={form.seats} error={fieldError('seats')}
              placeholder="Unknown" onChange={(v) => set('seats', typeof v === 'number' ? v : v === '' ? '' : Number(v))} />
            <Checkbox label="Trial subscription" mt={{ base: 0, sm: 30 }} checked={form.trial}
              onChange={(e) => set('trial', e.currentTarget.checked)} />
          </SimpleGrid>
          <Title order={3} fz={16}>Account team</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="CSM" description="Customer success manager" searchable clearable limit={50}
              placeholder={users.isPending ? 'Loading staff…' : 'Not assigned'} nothingFoundMessage="No staff member matches"
              data={staffData(org?.csm)} value={form.csm || null} error={fieldError('csm')} onChange={(v) => set('csm', v ?? '')} />
            <Select label="ASE" description="Assigned support engineer" searchable clearable limit={50}
              placeholder={users.isPending ? 'Loading staff…' : 'Not assigned'} nothingFoundMessage="No staff member matches"
              data={staffData(org?.ase)} value={form.ase || null} error={fieldError('ase')} onChange={(v) => set('ase', v ?? '')} />
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} maxRows={8} value={form.notes} onChange={(e) => set('notes', e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={mutation.isPending} disabled={!form.name.trim()}>
              {org ? 'Save changes' : 'Create organisation'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
