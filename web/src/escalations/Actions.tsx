// SM-2/SM-3: what a support manager does with an escalation, offered only where it makes sense:
// acknowledge while filed; then the escalated-ticket macro (tickets only), a help thread in a
// product channel, an owner from the skills directory (ranked suggestions: subject, level, region,
// working now), resolve with labels and a closing comment, or reject with a reason. Whatever the
// server refuses is shown with its message.
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, TagsInput, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { toast } from '../ui/toast.tsx';
import { useDefinitions, useEscalationAction, useSuggestions, type EscalationAction, type EscalationDetail } from './api.ts';

type Panel = 'help' | 'assign' | 'resolve' | 'reject' | null;

/** SM-2/SM-3: which actions the state allows (the server says the same; the page offers no others). */
export function offered(e: Pick<EscalationDetail, 'state' | 'kind'>) {
  const open = e.state === 'filed' || e.state === 'acknowledged' || e.state === 'assigned';
  const triaged = e.state === 'acknowledged' || e.state === 'assigned';
  return { acknowledge: e.state === 'filed', macro: open && e.kind === 'ticket', help: open, assign: triaged, resolve: triaged, reject: triaged };
}

function Box({ title, children }: { title: string; children: ReactNode }) {
  return <Paper withBorder p="sm" radius="sm"><Text fw={600} size="sm" mb="xs">{title}</Text>{children}</Paper>;
}

export function ManagerActions({ e }: { e: EscalationDetail }) {
  const act = useEscalationAction(e.id);
  const [panel, setPanel] = useState<Panel>(null);
  const can = offered(e);
  const run = (a: EscalationAction, done: string) => act.mutate(a, {
    onSuccess: () => { toast({ title: `Escalation #${e.number}`, message: done }); setPanel(null); },
  });
  if (!Object.values(can).some(Boolean)) return null;
  const toggle = (p: Panel) => { act.reset(); setPanel(panel === p ? null : p); };
  return (
    <Paper withBorder p="md" data-testid="manager-actions">
      <Text fw={600} mb="xs" component="h2" fz="md">Manager actions</Text>
      <Group gap="xs" mb={panel ? 'sm' : 0}>
        {can.acknowledge && <Button size="xs" loading={act.isPending && act.variables?.kind === 'acknowledge'} onClick={() => run({ kind: 'acknowledge' }, 'Acknowledged: you are its manager.')}>Acknowledge</Button>}
        {can.macro && <Button size="xs" variant="light" onClick={() => run({ kind: 'macro' }, 'The ticket is tagged escalated and cross-linked.')}>Run escalated-ticket macro</Button>}
        {can.help && <Button size="xs" variant={panel === 'help' ? 'filled' : 'default'} onClick={() => toggle('help')}>Open help thread</Button>}
        {can.assign && <Button size="xs" variant={panel === 'assign' ? 'filled' : 'default'} onClick={() => toggle('assign')}>Assign owner</Button>}
        {can.resolve && <Button size="xs" color="teal" variant={panel === 'resolve' ? 'filled' : 'default'} onClick={() => toggle('resolve')}>Resolve</Button>}
        {can.reject && <Button size="xs" color="gray" variant={panel === 'reject' ? 'filled' : 'default'} onClick={() => toggle('reject')}>Reject</Button>}
      </Group>
      {panel === 'help' && <HelpThread onSubmit={(text, channel) => run({ kind: 'help-thread', text, ...(channel ? { channel } : {}) }, 'Help thread opened; the escalation thread says where technical discussion lives.')} busy={act.isPending} />}
      {panel === 'assign' && <Assign e={e} busy={act.isPending} onAssign={(owner, name) => run({ kind: 'assign', owner }, `${name} owns it now (and the ticket).`)} />}
      {panel === 'resolve' && <Resolve busy={act.isPending} onSubmit={(comment, labels) => run({ kind: 'resolve', ...(comment ? { comment } : {}), labels }, 'Resolved: the next step is under way.')} />}
      {panel === 'reject' && <Reject busy={act.isPending} onSubmit={(reason) => run({ kind: 'reject', reason }, 'Rejected; the initiator is told why.')} />}
      {act.error && <Alert mt="sm" color="red" role="alert" data-testid="action-error">{(act.error as Error).message}</Alert>}
    </Paper>
  );
}

function HelpThread({ onSubmit, busy }: { onSubmit: (text: string, channel: string) => void; busy: boolean }) {
  const [text, setText] = useState('');
  const [channel, setChannel] = useState('');
  return (
    <Box title="Help thread in a product channel">
      <form onSubmit={(ev) => { ev.preventDefault(); if (text.trim()) onSubmit(text.trim(), channel.trim()); }}>
        <Stack gap="xs">
          <TextInput label="Channel" description="Empty: the product channel of the ticket's form" placeholder="#support_self-managed" value={channel} onChange={(ev) => setChannel(ev.currentTarget.value)} />
          <Textarea label="Question for the channel" value={text} onChange={(ev) => setText(ev.currentTarget.value)} autosize minRows={2} required />
          <Group><Button type="submit" size="xs" loading={busy} disabled={!text.trim()}>Open help thread</Button></Group>
        </Stack>
      </form>
    </Box>
  );
}

const LEVEL_COLOR = { expert: 'teal', proficient: 'blue', learning: 'gray' } as const;

function Assign({ e, onAssign, busy }: { e: EscalationDetail; onAssign: (owner: string, name: string) => void; busy: boolean }) {
  const s = useSuggestions(e.id, true);
  const [other, setOther] = useState('');
  return (
    <Box title="Assign an owner">
      <Text size="xs" c="dimmed" mb="xs">From the skills directory, ranked for {s.data?.subjects.length ? s.data.subjects.join(', ') : 'this escalation'}: the best level first, people working now before others.</Text>
      {s.error ? <Alert color="red" role="alert">{(s.error as Error).message}</Alert> : !s.data ? <Text size="sm">Loading suggestions…</Text> : s.data.items.length === 0 ? <Text size="sm">Nobody in the skills directory matches; name someone below.</Text> : (
        <Stack gap={6} data-testid="suggestions">
          {s.data.items.map((p) => (
            <UnstyledButton key={p.userId} data-testid="suggestion" onClick={() => onAssign(p.email, p.name)} disabled={busy}
              aria-label={`Assign ${p.name}: ${p.level} in ${p.subject}, ${p.region ?? 'no region'}${p.onShift || p.inWorkingHours ? ', working now' : ', not working now'}`}
              style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6, padding: '6px 10px' }}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <div>
                  <Text size="sm" fw={600}>{p.name}</Text>
                  <Text size="xs" c="dimmed">{p.why}</Text>
                </div>
                <Group gap={4} wrap="nowrap">
                  <Badge size="sm" variant="light">{p.subject}</Badge>
                  <Badge size="sm" variant="light" color={LEVEL_COLOR[p.level]}>{p.level}</Badge>
                  <Badge size="sm" variant="outline" color="gray">{p.region ?? '—'}</Badge>
                  {p.onShift || p.inWorkingHours ? <Badge size="sm" color="green" variant="light">working now</Badge> : <Badge size="sm" color="gray" variant="outline">off now</Badge>}
                </Group>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      <form onSubmit={(ev) => { ev.preventDefault(); if (other.trim()) onAssign(other.trim(), other.trim()); }}>
        <Group mt="sm" align="end" gap="xs">
          <TextInput label="Or someone else (e-mail)" value={other} onChange={(ev) => setOther(ev.currentTarget.value)} size="xs" />
          <Button type="submit" size="xs" variant="default" disabled={!other.trim()} loading={busy}>Assign</Button>
        </Group>
      </form>
    </Box>
  );
}

function Resolve({ onSubmit, busy }: { onSubmit: (comment: string, labels: string[]) => void; busy: boolean }) {
  const defs = useDefinitions();
  const [comment, setComment] = useState('');
  const [labels, setLabels] = useState<string[]>([]);
  return (
    <Box title="Resolve: the right next step is identified and under way">
      <form onSubmit={(ev) => { ev.preventDefault(); onSubmit(comment.trim(), labels); }}>
        <Stack gap="xs">
          <TagsInput label="Labels" description="Pick or type, e.g. License-Issue, Response-Time" data={defs.data?.labels ?? []} value={labels} onChange={setLabels} clearable />
          <Textarea label="Closing comment" value={comment} onChange={(ev) => setComment(ev.currentTarget.value)} autosize minRows={2} />
          <Group><Button type="submit" size="xs" color="teal" loading={busy} data-testid="resolve-submit">Resolve escalation</Button></Group>
        </Stack>
      </form>
    </Box>
  );
}

function Reject({ onSubmit, busy }: { onSubmit: (reason: string) => void; busy: boolean }) {
  const [reason, setReason] = useState('');
  return (
    <Box title="Reject: below the threshold for an escalation">
      <form onSubmit={(ev) => { ev.preventDefault(); if (reason.trim()) onSubmit(reason.trim()); }}>
        <Stack gap="xs">
          <Textarea label="Reason" description="The initiator is told exactly this, in the thread" value={reason} onChange={(ev) => setReason(ev.currentTarget.value)} autosize minRows={2} required />
          <Group><Button type="submit" size="xs" color="gray" loading={busy} disabled={!reason.trim()}>Reject escalation</Button></Group>
        </Stack>
      </form>
    </Box>
  );
}
