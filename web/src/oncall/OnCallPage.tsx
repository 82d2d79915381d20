// SCH-2/3/6/9: the on-call page — pick a rotation group and a week, read who is on (both zones),
// drag across a schedule to create an override or ask for a swap, accept swaps asked of you.
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { PageProps } from '../app/page-props.ts';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { useCreateOverride, useGroupTimeline, useRequestSwap, useScheduleList, useSwapAction, useSwaps } from './api.ts';
import { Timeline, type Selection } from './Timeline.tsx';
import { EligibilitySection } from './Eligibility.tsx';
import { FeedsSection } from './Feeds.tsx';
import { fmtIn, weekStart } from './time.ts';

const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function SelectionPanel({ sel, zone, me, members, onDone }: { sel: Selection; zone: string; me: PageProps['me']; members: string[]; onDone: () => void }) {
  const [mode, setMode] = useState<'override' | 'swap'>('override');
  const [user, setUser] = useState<string | null>(me.email);
  const [replaces, setReplaces] = useState<string | null>(null);
  const [partner, setPartner] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const create = useCreateOverride();
  const swap = useRequestSwap();
  const span = { schedule: sel.scheduleId, start: new Date(sel.start).toISOString(), end: new Date(sel.end).toISOString() };
  const err = (create.error ?? swap.error) as Error | null;
  return (
    <Paper withBorder p="md" data-testid="selection-panel">
      <Stack gap="sm">
        <Text fw={600}>{sel.scheduleId}: {fmtIn(zone, sel.start)} – {fmtIn(zone, sel.end)} ({zone}) · {fmtIn(viewerZone(), sel.start)} – {fmtIn(viewerZone(), sel.end)} (you)</Text>
        <SegmentedControl value={mode} onChange={(v) => setMode(v as 'override' | 'swap')} data={[{ value: 'override', label: 'Override' }, { value: 'swap', label: 'Ask for a swap' }]} />
        {mode === 'override' ? (
          <Group align="end">
            <Select label="Who covers" data={[...new Set([me.email, ...members])]} value={user} onChange={setUser} searchable clearable />
            <Select label="Instead of (optional)" data={members} value={replaces} onChange={setReplaces} clearable />
            <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button loading={create.isPending} onClick={() => create.mutate({ ...span, ...(user ? { user } : {}), ...(replaces ? { replaces } : {}), ...(note ? { note } : {}) }, { onSuccess: onDone })}>Create override</Button>
          </Group>
        ) : (
          <Group align="end">
            <Select label="Swap with" data={members.filter((m) => m !== me.email)} value={partner} onChange={setPartner} searchable />
            <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button disabled={!partner} loading={swap.isPending} onClick={() => swap.mutate({ ...span, with: partner!, ...(note ? { note } : {}) }, { onSuccess: onDone })}>Ask for swap</Button>
          </Group>
        )}
        {err && <Alert color="red" role="alert" data-testid="selection-error">{err.message}</Alert>}
        <Group><Button variant="subtle" size="xs" onClick={onDone}>Cancel</Button></Group>
      </Stack>
    </Paper>
  );
}

function Swaps({ me }: { me: PageProps['me'] }) {
  const swaps = useSwaps();
  const act = useSwapAction();
  const open = (swaps.data ?? []).filter((s) => s.status === 'requested');
  if (open.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Text fw={600} mb="xs">Swap requests</Text>
      <Table>
        <Table.Tbody>
          {open.map((s) => (
            <Table.Tr key={s.id} data-testid="swap-row">
              <Table.Td>{s.scheduleId}</Table.Td>
              <Table.Td>{s.requester} ↔ {s.partner}</Table.Td>
              <Table.Td>{fmtIn(viewerZone(), Date.parse(s.start))} – {fmtIn(viewerZone(), Date.parse(s.end))}</Table.Td>
              <Table.Td>
                {s.partner === me.email ? (
                  <Group gap="xs">
                    <Button size="xs" onClick={() => act.mutate({ id: s.id, action: 'accept' })}>Accept</Button>
                    <Button size="xs" variant="outline" color="gray" onClick={() => act.mutate({ id: s.id, action: 'decline' })}>Decline</Button>
                  </Group>
                ) : <Badge variant="light">waiting for {s.partner.split('@')[0]}</Badge>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function OnCallPage({ me }: PageProps) {
  const list = useScheduleList();
  const [group, setGroup] = useState<string | null>(null);
  const [week, setWeek] = useState(0);
  const [sel, setSel] = useState<Selection | null>(null);
  const groups = list.data?.groups ?? [];
  const g = groups.find((x) => x.id === (group ?? groups[0]?.id));
  const range = useMemo(() => weekStart(g?.timeZone ?? 'UTC', week), [g?.timeZone, week]);
  const tl = useGroupTimeline(g?.id ?? null, range.since, range.until);
  const members = useMemo(() => {
    if (!sel || !list.data) return [];
    const rotations = new Set(list.data.items.find((s) => s.id === sel.scheduleId) ? (list.data as any).items.find((s: any) => s.id === sel.scheduleId).layers.flatMap((l: any) => l.rotations) : []);
    return [...new Set(list.data.rotations.filter((r) => rotations.has(r.id)).flatMap((r) => r.members.filter((m) => !m.shadow).map((m) => m.user)))];
  }, [sel, list.data]);
  if (list.error) return <QueryError error={list.error as Error} what="schedules" onRetry={() => list.refetch()} />;
  return (
    <Stack>
      <PageHeader title="On call" description="Who is on call in a rotation group over a week. Drag across a schedule to cover a span or ask for a swap." />
      <Group>
        <Select aria-label="Rotation group" data={groups.map((x) => ({ value: x.id, label: x.name }))} value={g?.id ?? null} onChange={(v) => { setGroup(v); setSel(null); }} />
        <Button variant="default" onClick={() => setWeek(week - 1)}>← Previous week</Button>
        <Button variant="default" onClick={() => setWeek(0)}>This week</Button>
        <Button variant="default" onClick={() => setWeek(week + 1)}>Next week →</Button>
      </Group>
      {tl.error ? <QueryError error={tl.error as Error} what="the timeline" onRetry={() => tl.refetch()} /> : !tl.data ? <LoadingRows rows={5} /> : (
        <Paper withBorder p="md">
          <Timeline data={tl.data} since={range.since} until={range.until} viewerZone={viewerZone()} selection={sel} onSelect={setSel} />
        </Paper>
      )}
      {sel && g && <SelectionPanel key={`${sel.scheduleId}${sel.start}${sel.end}`} sel={sel} zone={g.timeZone} me={me} members={members} onDone={() => setSel(null)} />}
      <Swaps me={me} />
      <FeedsSection me={me} />
      <EligibilitySection me={me} />
    </Stack>
  );
}
