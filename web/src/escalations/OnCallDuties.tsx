// The support manager's side of the On call page: open cover requests (SM-9) — accept or decline
// for the managers who may answer, and an "Ask for cover" form — and the first-response watch per
// region (SM-10): new tickets near their first-reply target against the region's threshold.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useUsers } from '../api/hooks.ts';
import type { PageProps } from '../app/page-props.ts';
import { when } from '../tickets/badges.tsx';
import { toast } from '../ui/toast.tsx';
import { useAnswerCover, useFirstResponseWatch, useOpenCoverRequests, useRequestCover, type CoverRequest } from './api.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const localInput = (ms: number) => { const d = new Date(ms); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`; };
const isManager = (me: PageProps['me']) => me.role === 'manager' || me.role === 'admin';

function AskForCover({ me, onDone }: { me: PageProps['me']; onDone: () => void }) {
  const hour = 3_600_000;
  const next = Math.ceil(Date.now() / hour) * hour + hour;
  const [from, setFrom] = useState(localInput(next));
  const [to, setTo] = useState(localInput(next + 4 * hour));
  const [ask, setAsk] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const managers = useUsers({ role: 'manager' });
  const req = useRequestCover();
  const start = Date.parse(from);
  const end = Date.parse(to);
  const submit = () => req.mutate({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), ...(ask ? { ask } : {}), ...(note.trim() ? { note: note.trim() } : {}) }, {
    onSuccess: (c) => { toast({ title: `Cover request #${c.number}`, message: c.asked ? `${c.asked.name} is asked to cover ${when(c.start)} – ${when(c.end)}.` : `Every manager is asked to cover ${when(c.start)} – ${when(c.end)}.` }); onDone(); },
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (end > start) submit(); }} data-testid="cover-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput type="datetime-local" label="From" description="your time" value={from} onChange={(e) => setFrom(e.currentTarget.value)} required />
          <TextInput type="datetime-local" label="To" description="your time" value={to} onChange={(e) => setTo(e.currentTarget.value)} required error={!(end > start) ? 'Must be after the start' : undefined} />
          <Select label="Ask" description="Empty: an open request to every manager" placeholder="any manager" clearable searchable value={ask} onChange={setAsk}
            data={(managers.data ?? []).filter((u) => u.active && u.email !== me.email).map((u) => ({ value: u.email, label: u.name }))} />
          <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} placeholder="e.g. flight on Tuesday" />
        </SimpleGrid>
        {req.error && <Alert color="red" role="alert" data-testid="cover-error">{(req.error as Error).message}</Alert>}
        <Group><Button type="submit" loading={req.isPending} disabled={!(end > start)} data-testid="cover-submit">Ask for cover</Button></Group>
      </Stack>
    </form>
  );
}

// mutateAsync, not mutate's callbacks: an answered row leaves the list (unmounts) before they would run
function CoverRow({ c, me }: { c: CoverRequest; me: PageProps['me'] }) {
  const answer = useAnswerCover();
  const mine = c.requester?.email === me.email;
  const canAccept = isManager(me) && !mine && (!c.asked || c.asked.email === me.email);
  const canDecline = isManager(me) && c.asked?.email === me.email;
  return (
    <Stack gap={4} data-testid="cover-row">
      <Group justify="space-between" gap="xs">
        <Text size="sm"><b>#{c.number}</b> {c.requester?.name ?? 'Someone'} asks {c.asked ? (c.asked.email === me.email ? 'you' : c.asked.name) : 'any manager'} to cover {when(c.start)} – {when(c.end)}{c.note ? ` · “${c.note}”` : ''}</Text>
        <Group gap="xs">
          {canAccept && <Button size="xs" loading={answer.isPending && answer.variables?.action === 'accept'} onClick={() => void answer.mutateAsync({ id: c.id, action: 'accept' }).then(() => toast({ title: 'Cover accepted', message: `You are the support manager on call ${when(c.start)} – ${when(c.end)}.` }), () => {})}>Accept</Button>}
          {canDecline && <Button size="xs" variant="outline" color="gray" loading={answer.isPending && answer.variables?.action === 'decline'} onClick={() => void answer.mutateAsync({ id: c.id, action: 'decline' }).then(() => toast({ title: 'Cover declined', message: `${c.requester?.name ?? 'The requester'} is told.` }), () => {})}>Decline</Button>}
          {!canAccept && !canDecline && <Badge variant="light" color="gray">{`waiting for ${c.asked?.name ?? 'any manager'}`}</Badge>}
        </Group>
      </Group>
      {answer.error && <Alert color="red" role="alert" py={6}>{(answer.error as Error).message}</Alert>}
    </Stack>
  );
}

/** SM-9: open cover requests of the support-manager rotation, and asking for one. */
export function CoverRequests({ me }: { me: PageProps['me'] }) {
  const list = useOpenCoverRequests();
  const [asking, setAsking] = useState(false);
  const items = list.data ?? [];
  if (!isManager(me) && items.length === 0) return null;
  return (
    <Paper withBorder p="md" data-testid="cover-requests">
      <Group justify="space-between" mb="xs">
        <Text fw={600} component="h2" fz="md">Cover requests</Text>
        {isManager(me) && <Button size="xs" variant={asking ? 'filled' : 'default'} onClick={() => setAsking(!asking)} data-testid="ask-cover">Ask for cover</Button>}
      </Group>
      {asking && <Paper withBorder p="sm" mb="sm"><AskForCover me={me} onDone={() => setAsking(false)} /></Paper>}
      {list.error ? <Alert color="red" role="alert">{(list.error as Error).message}</Alert>
        : items.length === 0 ? <Text size="sm" c="dimmed">No open cover request.</Text>
        : <Stack gap="xs">{items.map((c) => <CoverRow key={c.id} c={c} me={me} />)}</Stack>}
    </Paper>
  );
}

/** SM-10: per region, new tickets without a first reply near their target, against the threshold. */
export function FirstResponseWatch() {
  const w = useFirstResponseWatch();
  if (w.error || !w.data || w.data.regions.length === 0) return null;
  return (
    <Paper withBorder p="md" data-testid="first-response-watch">
      <Text fw={600} component="h2" fz="md">First-response watch</Text>
      <Text size="xs" c="dimmed" mb="xs">New tickets without a first reply within {w.data.marginMinutes} min of their target, per region; at the threshold the manager on call and the region's channel are told once.</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {w.data.regions.map((r) => {
          const up = r.building || r.count >= r.threshold;
          return (
            <Paper key={r.region} withBorder p="sm" data-testid="watch-region" data-region={r.region}>
              <Group justify="space-between" gap="xs">
                <Text fw={600} size="sm">{r.region}</Text>
                {up ? <Badge color="red" variant="light">building up</Badge> : <Badge color="gray" variant="light">quiet</Badge>}
              </Group>
              <Text size="sm"><b>{r.count}</b> of {r.threshold} near the target</Text>
              <Text size="xs" c="dimmed">{r.channel}{r.toldAt ? ` · told ${when(r.toldAt)}` : ''}</Text>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}
