// SCH-2/3/6/9: the on-call page — who is on call now in every group, then a rotation group over a
// week (a timeline on wide screens, a day-by-day list on narrow ones), overrides made with a form or
// by dragging across a schedule, swaps asked and accepted, calendar feeds and eligibility.
import { useMemo, useState } from 'react';
import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Alert } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useUsers } from '../api/hooks.ts';
import type { PageProps } from '../app/page-props.ts';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { toast } from '../ui/toast.tsx';
import { useGroupTimeline, useRequestSwap, useScheduleList, useSwapAction, useSwaps, type People, type ScheduleList } from './api.ts';
import { Timeline, type Selection } from './Timeline.tsx';
import { DayList } from './DayList.tsx';
import { OnCallNow } from './OnCallNow.tsx';
import { OverrideForm } from './OverrideForm.tsx';
import { nameOf } from './people.ts';
import { EligibilitySection } from './Eligibility.tsx';
import { FeedsSection } from './Feeds.tsx';
import { CoverRequests, FirstResponseWatch } from '../escalations/OnCallDuties.tsx';
import { fmtIn, weekStart } from './time.ts';

const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Members (not shadows) of a schedule's rotations, by e-mail. */
function membersOf(list: ScheduleList | undefined, scheduleId: string): string[] {
  const s = list?.items.find((x) => x.id === scheduleId);
  const rotations = new Set(s?.layers.flatMap((l) => l.rotations) ?? []);
  return [...new Set((list?.rotations ?? []).filter((r) => rotations.has(r.id)).flatMap((r) => r.members.filter((m) => !m.shadow).map((m) => m.user)))];
}

function SwapForm({ sel, me, people, members, onDone }: { sel: Selection; me: PageProps['me']; people: People; members: string[]; onDone: () => void }) {
  const [partner, setPartner] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const swap = useRequestSwap();
  return (
    <Stack gap="sm">
      <Group align="end">
        <Select label="Swap with" data={members.filter((m) => m !== me.email).map((m) => ({ value: m, label: nameOf(people, m) }))} value={partner} onChange={setPartner} searchable />
        <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Button disabled={!partner} loading={swap.isPending} onClick={() => swap.mutate({ schedule: sel.scheduleId, start: new Date(sel.start).toISOString(), end: new Date(sel.end).toISOString(), with: partner!, ...(note ? { note } : {}) }, {
          onSuccess: () => { toast({ title: 'Swap asked', message: `${nameOf(people, partner)} is asked to swap; nothing changes until they accept.` }); onDone(); },
        })}>Ask for swap</Button>
      </Group>
      {swap.error && <Alert color="red" role="alert" data-testid="selection-error">{(swap.error as Error).message}</Alert>}
    </Stack>
  );
}

function Swaps({ me, people, names }: { me: PageProps['me']; people: People; names: Record<string, string> }) {
  const swaps = useSwaps();
  const act = useSwapAction();
  const open = (swaps.data ?? []).filter((s) => s.status === 'requested');
  if (open.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Text fw={600} mb="xs">Swap requests</Text>
      <Stack gap="xs">
        {open.map((s) => (
          <Group key={s.id} data-testid="swap-row" justify="space-between" gap="xs">
            <Text size="sm"><b>{names[s.scheduleId] ?? s.scheduleId}</b>: {nameOf(people, s.requester)} ↔ {nameOf(people, s.partner)}, {fmtIn(viewerZone(), Date.parse(s.start))} – {fmtIn(viewerZone(), Date.parse(s.end))}</Text>
            {s.partner === me.email ? (
              <Group gap="xs">
                <Button size="xs" onClick={() => act.mutate({ id: s.id, action: 'accept' }, { onSuccess: () => toast({ title: 'Swap accepted', message: 'The schedule now shows the exchanged shifts.' }) })}>Accept</Button>
                <Button size="xs" variant="outline" color="gray" onClick={() => act.mutate({ id: s.id, action: 'decline' })}>Decline</Button>
              </Group>
            ) : <Badge variant="light" color="gray">waiting for {nameOf(people, s.partner)}</Badge>}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export function OnCallPage({ me }: PageProps) {
  const list = useScheduleList();
  const users = useUsers({});
  const narrow = useMediaQuery('(max-width: 599px)') ?? false;
  const [group, setGroup] = useState<string | null>(null);
  const [week, setWeek] = useState(0);
  const [sel, setSel] = useState<Selection | null>(null);
  const [mode, setMode] = useState<'override' | 'swap'>('override');
  const [creating, setCreating] = useState(false);
  const groups = list.data?.groups ?? [];
  const g = groups.find((x) => x.id === (group ?? groups[0]?.id));
  const range = useMemo(() => weekStart(g?.timeZone ?? 'UTC', week), [g?.timeZone, week]);
  const tl = useGroupTimeline(g?.id ?? null, range.since, range.until);
  const people: People = useMemo(() => ({
    ...Object.fromEntries((users.data ?? []).map((u) => [u.email, { id: u.id, name: u.name }])),
    ...(tl.data?.people ?? {}),
  }), [users.data, tl.data?.people]);
  const staff = useMemo(() => (users.data ?? []).filter((u) => u.role !== 'customer' && u.kind === 'person' && u.active).map((u) => u.email), [users.data]);
  const names: Record<string, string> = useMemo(() => Object.fromEntries((list.data?.items ?? []).map((s) => [s.id, s.name])), [list.data]);
  const schedules = (g?.schedules ?? []).map((id) => ({ id, name: names[id] ?? id }));
  if (list.error) return <QueryError error={list.error as Error} what="schedules" onRetry={() => list.refetch()} />;
  const formProps = { me, people, schedules, members: (id: string) => membersOf(list.data, id), staff };
  return (
    <Stack style={{ minWidth: 0 }}>
      <PageHeader title="On call" description={narrow ? 'Who is on call now, and the week day by day.' : 'Who is on call now, and a rotation group over a week. Drag across a schedule, or use “New override”, to cover a span or ask for a swap.'}
        actions={<Button onClick={() => { setCreating(true); setSel(null); }} data-testid="new-override">New override</Button>} />
      <OnCallNow />
      {creating && g && (
        <Paper withBorder p="md" data-testid="override-panel">
          <Text fw={600} mb="xs">New override in {g.name}</Text>
          <OverrideForm {...formProps} onDone={() => setCreating(false)} />
        </Paper>
      )}
      <Group gap="xs">
        <Select aria-label="Rotation group" data={groups.map((x) => ({ value: x.id, label: x.name }))} value={g?.id ?? null} onChange={(v) => { setGroup(v); setSel(null); }} allowDeselect={false} w={narrow ? '100%' : 220} />
        <Button variant="default" size={narrow ? 'xs' : 'sm'} onClick={() => setWeek(week - 1)}>← Previous week</Button>
        <Button variant="default" size={narrow ? 'xs' : 'sm'} onClick={() => setWeek(0)}>This week</Button>
        <Button variant="default" size={narrow ? 'xs' : 'sm'} onClick={() => setWeek(week + 1)}>Next week →</Button>
      </Group>
      {tl.error ? <QueryError error={tl.error as Error} what="the timeline" onRetry={() => tl.refetch()} /> : !tl.data ? <LoadingRows rows={5} /> : narrow ? (
        <DayList data={{ ...tl.data, people }} since={range.since} until={range.until} />
      ) : (
        <Paper withBorder p="md" style={{ minWidth: 0 }}>
          <Timeline data={{ ...tl.data, people }} since={range.since} until={range.until} viewerZone={viewerZone()} selection={sel} onSelect={(s) => { setSel(s); setCreating(false); }} />
        </Paper>
      )}
      {sel && g && (
        <Paper withBorder p="md" data-testid="selection-panel" key={`${sel.scheduleId}${sel.start}${sel.end}`}>
          <Stack gap="sm">
            <Text fw={600}>{names[sel.scheduleId] ?? sel.scheduleId}: {fmtIn(g.timeZone, sel.start)} – {fmtIn(g.timeZone, sel.end)} ({g.timeZone}) · {fmtIn(viewerZone(), sel.start)} – {fmtIn(viewerZone(), sel.end)} (you)</Text>
            <SegmentedControl value={mode} onChange={(v) => setMode(v as 'override' | 'swap')} data={[{ value: 'override', label: 'Override' }, { value: 'swap', label: 'Ask for a swap' }]} />
            {mode === 'override'
              ? <OverrideForm {...formProps} initial={{ scheduleId: sel.scheduleId, start: sel.start, end: sel.end }} onDone={() => setSel(null)} />
              : <SwapForm sel={sel} me={me} people={people} members={membersOf(list.data, sel.scheduleId)} onDone={() => setSel(null)} />}
          </Stack>
        </Paper>
      )}
      <Swaps me={me} people={people} names={names} />
      <CoverRequests me={me} />
      <FirstResponseWatch />
      <FeedsSection me={me} />
      <EligibilitySection me={me} />
    </Stack>
  );
}
