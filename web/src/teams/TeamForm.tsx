// Create or edit a team, regional group or volunteer pool. The server keys teams by handle: saving
// an existing handle replaces its name, kind and members, so the handle is fixed when editing.
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { useSaveTeam, useTeams, useUsers } from '../api/hooks.ts';
import type { Team } from '../api/types.ts';

export const TEAM_KIND_OPTIONS: { value: Team['kind']; label: string }[] = [
  { value: 'team', label: 'Team' },
  { value: 'regional_group', label: 'Regional group (pinged for concurrent emergencies)' },
  { value: 'pool', label: 'Volunteer pool (paged by a manager)' },
];

export function normaliseHandle(h: string): string {
  const t = h.trim().toLowerCase();
  return t && !t.startsWith('@') ? `@${t}` : t;
}

export function TeamFormDialog({ team, onClose }: { team?: Team; onClose: () => void }) {
  const save = useSaveTeam();
  const teams = useTeams();
  const users = useUsers();
  const [handle, setHandle] = useState(team?.handle ?? '');
  const [name, setName] = useState(team?.name ?? '');
  const [kind, setKind] = useState<Team['kind']>(team?.kind ?? 'team');
  const [members, setMembers] = useState<string[]>(team?.members.map((m) => m.id) ?? []);
  const staff = useMemo(() => {
    const list = (users.data ?? []).filter((u) => u.role !== 'customer').map((u) => ({ value: u.id, label: `${u.name} · ${u.email}${u.active ? '' : ' (deactivated)'}` }));
    for (const m of team?.members ?? []) if (!list.some((o) => o.value === m.id)) list.push({ value: m.id, label: `${m.name} · ${m.email}` });
    return list;
  }, [users.data, team]);
  // Creating with a handle that exists would silently replace that team: say so first.
  const clash = !team && (teams.data ?? []).find((t) => t.handle === normaliseHandle(handle));
  const err = save.error;
  const handleError = clash ? `${clash.handle} already exists (${clash.name}). Edit it from its card instead.`
    : err instanceof ApiError && err.code === 'team.bad_handle' ? err.message : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (clash) return;
    save.mutate({ handle: normaliseHandle(handle), name: name.trim(), kind, members }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} size="lg" centered closeOnClickOutside={false}
      title={team ? `Edit ${team.handle}` : 'New team'} styles={{ title: { fontWeight: 700, fontSize: 20 } }}>
      <form onSubmit={submit} noValidate aria-label={team ? 'Edit team' : 'New team'}>
        <Stack gap="md">
          {err && !handleError && <Alert color="red" variant="light" role="alert" title="Not saved">{err.message}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Handle" required placeholder="@support-team-emea" value={handle} readOnly={Boolean(team)}
              description={team ? 'A handle cannot be renamed' : 'Lower-case letters, digits, dots, dashes'}
              error={handleError} data-autofocus={!team || undefined}
              onChange={(e) => { save.reset(); setHandle(e.currentTarget.value); }} />
            <TextInput label="Name" required placeholder="Support team EMEA" value={name}
              onChange={(e) => { save.reset(); setName(e.currentTarget.value); }} />
          </SimpleGrid>
          <Select label="Kind" data={TEAM_KIND_OPTIONS} value={kind} allowDeselect={false}
            onChange={(v) => setKind((v ?? 'team') as Team['kind'])} />
          <MultiSelect label="Members" description="Staff only: engineers, managers, admins" searchable clearable
            placeholder={users.isPending ? 'Loading staff…' : members.length ? undefined : 'Pick people'}
            nothingFoundMessage="No staff member matches" data={staff} value={members} onChange={setMembers} limit={50} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={save.isPending} disabled={!handle.trim() || !name.trim() || Boolean(clash)}>
              {team ? 'Save team' : 'Create team'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
