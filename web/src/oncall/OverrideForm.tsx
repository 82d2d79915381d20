// SCH-6: an override made with a form — who covers, instead of whom, from, to, and why — either
// from the "New override" button or prefilled by dragging across a schedule. Times are the viewer's
// own; a start already past is refused by the server and its message shown here. Success: a toast.
import { useState } from 'react';
import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { PageProps } from '../app/page-props.ts';
import { toast } from '../ui/toast.tsx';
import { useCreateOverride, type People } from './api.ts';
import { nameOf } from './people.ts';
import { fmtIn } from './time.ts';

const pad = (n: number) => String(n).padStart(2, '0');
/** A datetime-local value ("2026-12-08T12:00") for an instant, in the browser's zone. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export interface OverrideFormProps {
  me: PageProps['me'];
  people: People;
  /** The schedules one may pick from (id → name). */
  schedules: { id: string; name: string }[];
  /** Members of each schedule (e-mails), for "instead of". */
  members: (scheduleId: string) => string[];
  /** Staff who may cover (e-mails). */
  staff: string[];
  initial?: { scheduleId?: string; start?: number; end?: number };
  onDone: () => void;
}

export function OverrideForm({ me, people, schedules, members, staff, initial, onDone }: OverrideFormProps) {
  const hour = 3_600_000;
  const nextHour = Math.ceil(Date.now() / hour) * hour;
  const [schedule, setSchedule] = useState<string | null>(initial?.scheduleId ?? schedules[0]?.id ?? null);
  const [user, setUser] = useState<string | null>(me.email);
  const [replaces, setReplaces] = useState<string | null>(null);
  const [from, setFrom] = useState(localInput(initial?.start ?? nextHour));
  const [to, setTo] = useState(localInput(initial?.end ?? nextHour + hour));
  const [note, setNote] = useState('');
  const create = useCreateOverride();
  const person = (e: string) => ({ value: e, label: nameOf(people, e) });
  const start = Date.parse(from);
  const end = Date.parse(to);
  const invalid = !schedule || (!user && !replaces) || !(end > start);
  const submit = () => {
    if (invalid) return;
    create.mutate(
      { schedule: schedule!, start: new Date(start).toISOString(), end: new Date(end).toISOString(), ...(user ? { user } : {}), ...(replaces ? { replaces } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          const what = user && replaces ? `${nameOf(people, user)} covers for ${nameOf(people, replaces)}` : user ? `${nameOf(people, user)} covers` : `${nameOf(people, replaces)} gives the time up`;
          toast({ title: 'Override saved', message: `${what} on ${schedules.find((s) => s.id === schedule)?.name ?? schedule}, ${fmtIn(viewerZone(), start)} – ${fmtIn(viewerZone(), end)}.` });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit(); }} data-testid="override-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select label="Schedule" data={schedules.map((s) => ({ value: s.id, label: s.name }))} value={schedule} onChange={(v) => { setSchedule(v); setReplaces(null); }} allowDeselect={false} />
          <Select label="Who covers" data={[...new Set([me.email, ...staff])].map(person)} value={user} onChange={setUser} searchable clearable />
          <Select label="Instead of (optional)" data={(schedule ? members(schedule) : []).map(person)} value={replaces} onChange={setReplaces} clearable />
          <TextInput type="datetime-local" label="From" description={`your time (${viewerZone()})`} value={from} onChange={(e) => setFrom(e.currentTarget.value)} required />
          <TextInput type="datetime-local" label="To" description={`your time (${viewerZone()})`} value={to} onChange={(e) => setTo(e.currentTarget.value)} required
            error={from && to && !(end > start) ? 'Must be after the start' : undefined} />
          <TextInput label="Reason" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} placeholder="e.g. dentist, covering Bruno" />
        </SimpleGrid>
        {create.error && <Alert color="red" role="alert" data-testid="override-error" title="Override not saved">{(create.error as Error).message}</Alert>}
        <Group>
          <Button type="submit" loading={create.isPending} disabled={invalid}>Create override</Button>
          <Button variant="default" onClick={onDone}>Cancel</Button>
        </Group>
      </Stack>
    </form>
  );
}
