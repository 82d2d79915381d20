// RP-2: a rotation group's rotations, copied into the page to change: who is in each and in what
// order, when hand-offs fall and how long a turn lasts, the hours each covers. Nothing here saves a
// schedule; the copy only becomes a proposal to replay.
import { ActionIcon, Badge, Button, Card, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { User } from '../api/types.ts';
import type { Plain } from './whatif-api.ts';
import { memberEmail, parseWindows, windowsText } from './whatif-edit.ts';

export interface FieldError { rotation: string; field: string; message: string }

const UNITS = ['hours', 'days', 'weeks'];

export function RotationEditor({ original, value, onChange, people, error }: {
  original: Plain; value: Plain; onChange: (next: Plain) => void; people: User[]; error: FieldError | null;
}) {
  const id = String(value.id);
  const members = Array.isArray(value.members) ? (value.members as unknown[]) : [];
  const [adding, setAdding] = useState('');
  const set = (patch: Plain) => onChange({ ...value, ...patch });
  const move = (i: number, by: number) => {
    const next = [...members];
    const [m] = next.splice(i, 1);
    next.splice(i + by, 0, m);
    set({ members: next });
  };
  const errorOn = (field: string) => (error && error.rotation === id && error.field === field ? error.message : undefined);
  const byWindows = value.windows !== undefined;
  const handoff = (value.handoff ?? { every: 1, unit: 'weeks' }) as Plain;
  const hours = windowsText(byWindows ? value.windows : value.restrictions);
  const changed = JSON.stringify(value) !== JSON.stringify(original);
  const nameOf = (email: string) => people.find((u) => u.email.toLowerCase() === email.toLowerCase())?.name ?? email;
  const label = String(value.name ?? id);
  return (
    <Card withBorder radius="md" padding="md" data-testid="whatif-rotation" data-rotation={id}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs"><Text fw={600}>{label}</Text><Text size="sm" c="dimmed">{String(value.time_zone ?? '')}</Text>{changed && <Badge color="blue" variant="light">changed</Badge>}</Group>
        {changed && <Button size="xs" variant="subtle" onClick={() => onChange(original)}>Undo changes</Button>}
      </Group>
      {error && error.rotation === id && !['members', 'handoff', 'windows', 'restrictions', 'start'].includes(error.field) && (
        <Text size="sm" c="red" role="alert" mb="xs">{error.message}</Text>
      )}
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={500} mb={4} id={`members-${id}`}>Members, in hand-off order</Text>
          <Stack gap={4} aria-labelledby={`members-${id}`} data-testid="whatif-members">
            {members.map((m, i) => (
              <Group key={`${memberEmail(m)}-${i}`} gap="xs" wrap="nowrap" data-testid="whatif-member">
                <Text size="sm" w={24} c="dimmed">{i + 1}.</Text>
                <Text size="sm" style={{ flex: 1 }}>{nameOf(memberEmail(m))} <Text span size="xs" c="dimmed">{memberEmail(m)}</Text></Text>
                <ActionIcon variant="default" size="sm" aria-label={`Move ${memberEmail(m)} up in ${label}`} disabled={i === 0} onClick={() => move(i, -1)}>↑</ActionIcon>
                <ActionIcon variant="default" size="sm" aria-label={`Move ${memberEmail(m)} down in ${label}`} disabled={i === members.length - 1} onClick={() => move(i, 1)}>↓</ActionIcon>
                <ActionIcon variant="default" size="sm" color="red" aria-label={`Remove ${memberEmail(m)} from ${label}`} onClick={() => set({ members: members.filter((_, j) => j !== i) })}>×</ActionIcon>
              </Group>
            ))}
          </Stack>
          <Group gap="xs" mt={6} align="flex-end">
            <NativeSelect label={`Add a member to ${label}`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)} w={280}
              data={[{ value: '', label: 'Choose a person…' }, ...people.filter((u) => !members.some((m) => memberEmail(m).toLowerCase() === u.email.toLowerCase())).map((u) => ({ value: u.email, label: `${u.name} (${u.email})` }))]} />
            <Button variant="default" disabled={!adding} onClick={() => { set({ members: [...members, adding] }); setAdding(''); }}>Add</Button>
          </Group>
          {errorOn('members') && <Text size="sm" c="red" role="alert" mt={4}>{errorOn('members')}</Text>}
        </div>
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput label="First hand-off (local time)" description="Turns start here, then every period" w={220} value={String(value.start ?? '')}
            onChange={(e) => set({ start: e.currentTarget.value })} error={errorOn('start')} />
          {!byWindows && <>
            <NumberInput label="Each turn lasts" w={120} min={1} max={9000} value={Number(handoff.every ?? 1)}
              onChange={(v) => set({ handoff: { ...handoff, every: typeof v === 'number' ? v : Number(v) || 1 } })} error={errorOn('handoff')} />
            <NativeSelect label="Unit" w={110} value={String(handoff.unit ?? 'weeks')} data={UNITS}
              onChange={(e) => set({ handoff: { ...handoff, unit: e.currentTarget.value } })} />
          </>}
          {hours === null
            ? <Text size="sm" c="dimmed" maw={260}>Hours by weekday: change them in the YAML proposal.</Text>
            : <HoursInput key={hours} label={byWindows ? 'Daily shifts' : 'On-call hours'} value={hours} error={errorOn(byWindows ? 'windows' : 'restrictions')}
                onCommit={(w) => set(byWindows ? { windows: w } : { restrictions: w.length ? w : undefined })} />}
        </Group>
      </Stack>
    </Card>
  );
}

/** Typed freely, read when the field is left (so a half-typed "12:00-" is not rewritten under the cursor). */
function HoursInput({ label, value, error, onCommit }: { label: string; value: string; error?: string; onCommit: (w: string[]) => void }) {
  const [text, setText] = useState(value);
  return (
    <TextInput label={label} description="HH:MM-HH:MM, comma separated; empty for all day" w={260} value={text} error={error}
      onChange={(e) => setText(e.currentTarget.value)} onBlur={() => onCommit(parseWindows(text))} />
  );
}
