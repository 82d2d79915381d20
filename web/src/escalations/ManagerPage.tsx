// SM-5/SM-6: the Manager screen. Every open emergency — organisation, subject, owner, lead, since
// when, time since our last public reply, the pages still waiting (on whom, at which tier, how long),
// qualification — kept live by the stream. Per emergency: page more staff from the skills directory
// (region, working now), page the backup pool, replace the on-call engineer, take the lead. And
// "Hand over now" to the next manager. Whatever the server refuses is shown with its message.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { Empty, LoadingRows, PageHeader, Panel, QueryError } from '../ui/states.tsx';
import { toast } from '../ui/toast.tsx';
import { useHandOver, useManagerAction, useManagerView, useStaff, type ManagerAction, type ManagerRow } from './manager-api.ts';

const mins = (m: number | null) => (m === null ? 'no reply yet' : m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`);
const REGIONS = ['', 'AMER', 'EMEA', 'APAC'];

function Waiting({ row }: { row: ManagerRow }) {
  if (!row.waiting.length) return <Text size="sm" c="dimmed">nothing waits</Text>;
  return (
    <Stack gap={2}>
      {row.waiting.map((w) => (
        <Badge key={w.id} color="red" variant="light" data-testid="waiting-page" style={{ textTransform: 'none' }}>
          page {w.number}{w.level ? ` · tier ${w.level}` : ''} · {w.targets.join(', ')} · {mins(w.waitingMinutes)}
        </Badge>
      ))}
    </Stack>
  );
}

function Staff({ row, onPage, busy }: { row: ManagerRow; onPage: (email: string) => void; busy: boolean }) {
  const [region, setRegion] = useState('');
  const [everyone, setEveryone] = useState(false);
  const s = useStaff(row.ticketNumber, region, everyone);
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <SegmentedControl size="xs" aria-label="Region" value={region} onChange={setRegion} data={REGIONS.map((r) => ({ value: r, label: r || 'Any region' }))} />
        <Switch size="xs" label="Include people not working now" checked={everyone} onChange={(ev) => setEveryone(ev.currentTarget.checked)} />
      </Group>
      {s.error ? <Alert color="red" role="alert">{(s.error as Error).message}</Alert> : !s.data ? <Text size="sm">Loading…</Text> : s.data.items.length === 0 ? <Text size="sm">Nobody in the skills directory matches; widen the region or include everyone.</Text> : (
        <Stack gap={4} data-testid="staff-suggestions">
          {s.data.items.map((p) => (
            <Group key={p.userId} justify="space-between" wrap="nowrap" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6, padding: '4px 8px' }}>
              <div><Text size="sm" fw={600}>{p.name}</Text><Text size="xs" c="dimmed">{p.why}</Text></div>
              <Group gap={4} wrap="nowrap">
                <Button size="xs" variant="light" disabled={busy} onClick={() => onPage(p.email)} aria-label={`Page ${p.name}`}>Page</Button>
                <Button size="xs" variant="default" disabled={busy} data-action="replace" onClick={() => onPage(`replace:${p.email}`)} aria-label={`Make ${p.name} the owner`}>Make owner</Button>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Act({ row, onClose }: { row: ManagerRow; onClose: () => void }) {
  const act = useManagerAction(row.ticketNumber);
  const [engineer, setEngineer] = useState('');
  const [reason, setReason] = useState('');
  const run = (a: ManagerAction, done: string) => act.mutate(a, { onSuccess: () => { toast({ title: `Emergency ticket ${row.ticketNumber}`, message: done }); onClose(); } });
  const pick = (v: string) => (v.startsWith('replace:')
    ? run({ kind: 'replace', engineer: v.slice(8), ...(reason.trim() ? { reason: reason.trim() } : {}) }, `${v.slice(8)} owns it now and is paged; the previous owner is told.`)
    : run({ kind: 'page', person: v, ...(reason.trim() ? { reason: reason.trim() } : {}) }, `${v} is paged.`));
  return (
    <Stack gap="sm">
      <Text size="sm">Owner: <b>{row.owner?.name ?? 'nobody'}</b>{row.lead ? <> · lead: <b>{row.lead.name}</b></> : null}</Text>
      {act.error && <Alert color="red" role="alert" data-testid="action-error">{(act.error as Error).message}</Alert>}
      <Group gap="xs">
        <Button size="xs" onClick={() => run({ kind: 'lead' }, 'You lead the call.')} loading={act.isPending && act.variables?.kind === 'lead'}>Take the lead</Button>
        <Button size="xs" variant="default" onClick={() => run({ kind: 'backup-pool' }, 'The backup pool is paged.')}>Page the backup pool</Button>
      </Group>
      <TextInput size="xs" label="Reason (on the thread; the replaced engineer reads it)" value={reason} onChange={(ev) => setReason(ev.currentTarget.value)} />
      <form onSubmit={(ev) => { ev.preventDefault(); if (engineer.trim()) pick(`replace:${engineer.trim()}`); }}>
        <Group align="end" gap="xs">
          <TextInput size="xs" label="Replace the on-call engineer with (e-mail)" value={engineer} onChange={(ev) => setEngineer(ev.currentTarget.value)} data-testid="replace-email" />
          <Button type="submit" size="xs" color="orange" disabled={!engineer.trim()} loading={act.isPending && act.variables?.kind === 'replace'} data-testid="replace-submit">Replace engineer</Button>
        </Group>
      </form>
      <Text fw={600} size="sm">More staff, from the skills directory</Text>
      <Staff row={row} onPage={pick} busy={act.isPending} />
    </Stack>
  );
}

function HandOver() {
  const h = useHandOver();
  const [to, setTo] = useState('');
  return (
    <form onSubmit={(ev) => { ev.preventDefault(); h.mutate(to.trim() ? { to: to.trim() } : {}, { onSuccess: (r) => toast({ title: 'Hand-over', message: r.handedOver.length ? `${r.handedOver.length} emergencies handed over to ${r.to}; they are told.` : `Nothing to hand over to ${r.to}.` }) }); }}>
      <Group align="end" gap="xs">
        <TextInput size="xs" label="Hand over to (empty: the next manager on the rotation)" value={to} onChange={(ev) => setTo(ev.currentTarget.value)} />
        <Button type="submit" size="xs" variant="default" loading={h.isPending}>Hand over now</Button>
      </Group>
      {h.error && <Text size="xs" c="red" role="alert">{(h.error as Error).message}</Text>}
    </form>
  );
}

export function ManagerPage(_: PageProps) {
  const v = useManagerView();
  const [open, setOpen] = useState<number | null>(null);
  const row = v.data?.items.find((r) => r.ticketNumber === open) ?? null;
  return (
    <>
      <PageHeader title="Manager" description={`Every ongoing emergency and who works it. Manager on call: ${v.data?.managerOnCall?.name ?? '—'}.`} actions={<HandOver />} />
      {v.error ? <QueryError error={v.error as Error} what="emergencies" onRetry={() => v.refetch()} />
        : !v.data ? <LoadingRows />
        : v.data.items.length === 0 ? <Empty title="No emergency under way" description="A new one appears here at once." />
        : (
          <Panel>
            <Table verticalSpacing="sm" data-testid="manager-emergencies">
              <Table.Thead><Table.Tr><Table.Th>Emergency</Table.Th><Table.Th>Owner</Table.Th><Table.Th>Since</Table.Th><Table.Th>Last public reply</Table.Th><Table.Th>Waiting</Table.Th><Table.Th>Qualification</Table.Th><Table.Th /></Table.Tr></Table.Thead>
              <Table.Tbody>
                {v.data.items.map((r) => (
                  <Table.Tr key={r.id} data-testid="manager-row" data-number={r.ticketNumber}>
                    <Table.Td>
                      <Link to={`/emergencies/${r.ticketNumber}`}>#{r.ticketNumber} {r.subject}</Link>
                      <Text size="xs" c="dimmed">{r.organization?.name ?? 'no organisation'}{r.lead ? ` · lead ${r.lead.name}` : ''}</Text>
                    </Table.Td>
                    <Table.Td data-testid="owner">{r.owner?.name ?? <Text c="red" size="sm">nobody</Text>}</Table.Td>
                    <Table.Td><Text size="sm" title={new Date(r.since).toLocaleString()}>{mins(r.ageMinutes)}</Text></Table.Td>
                    <Table.Td><Text size="sm">{mins(r.minutesSinceLastPublicReply)}</Text></Table.Td>
                    <Table.Td><Waiting row={r} /></Table.Td>
                    <Table.Td>{r.qualification ?? <Text size="sm" c="dimmed">not yet</Text>}</Table.Td>
                    <Table.Td><Button size="xs" onClick={() => setOpen(r.ticketNumber)} aria-label={`Act on emergency ticket ${r.ticketNumber}`}>Act</Button></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Panel>
        )}
      <Modal opened={!!row} onClose={() => setOpen(null)} title={row ? `Emergency ticket ${row.ticketNumber}: ${row.subject}` : ''} size="lg">
        {row && <Act row={row} onClose={() => setOpen(null)} />}
      </Modal>
    </>
  );
}
