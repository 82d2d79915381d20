// One ticket for engineers (TK-1, TK-3, TK-4): conversation, reply/note composer, fields with
// optimistic concurrency, and the macro picker.
import { useEffect, useState } from 'react';
import { Alert, Button, Grid, Group, Paper, SegmentedControl, Select, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useUsers } from '../api/hooks.ts';
import {
  addComment, patchTicket, TICKET_FORMS, TICKET_PRIORITIES, TICKET_STAGES, TICKET_STATUSES, useTicket, useTicketMutation,
  type Ticket, type TicketPatch,
} from '../api/tickets.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate } from '../app/router.tsx';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { EmergencyMark, label, PriorityBadge, StatusBadge, when } from './badges.tsx';
import { ConflictNotice, isConflict } from './conflict.tsx';
import { Conversation } from './Conversation.tsx';
import { MacroPicker } from './MacroPicker.tsx';
import { PageOnCall } from './PageOnCall.tsx';

export function TicketPage({ params, me }: PageProps) {
  const q = useTicket(params.id ?? '');
  const users = useUsers({});
  const nameOf = (id: string) => users.data?.find((u) => u.id === id)?.name ?? 'Someone';
  if (q.isError) return <QueryError what="the ticket" error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <LoadingRows />;
  const { ticket: t, comments, sla } = q.data;
  const reload = () => void q.refetch();
  return (
    <>
      <Text size="sm" mb={4}><Link to="/tickets">← Tickets</Link></Text>
      <PageHeader title={<>#{t.number} {t.subject}</>}
        actions={<>
          {/* SM-1: the escalation form, prefilled with this ticket */}
          <Button variant="default" onClick={() => navigate(`/escalations/new?ticket=${t.number}`)} data-testid="escalate">Escalate</Button>
          {me.role === 'manager' || me.role === 'admin' ? <PageOnCall ticket={t} /> : null}
        </>}
        description={<Group gap={6} component="span"><StatusBadge status={t.status} /><PriorityBadge priority={t.priority} /><EmergencyMark on={t.isEmergency} />
          <Text span size="sm" c="dimmed">requested by {nameOf(t.requesterId)} · opened {when(t.createdAt)}{sla?.dueAt ? ` · ${label(sla.metric ?? 'SLA')} due ${when(sla.dueAt)}${sla.breached ? ' (breached)' : ''}` : ''}</Text></Group>} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Conversation comments={comments} nameOf={nameOf} />
            <Composer ticket={t} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <FieldsPanel key={t.id} ticket={t} onReload={reload}
              staff={(users.data ?? []).filter((u) => u.role !== 'customer').map((u) => ({ value: u.id, label: u.name }))} />
            <MacroPicker ticket={t} onReload={reload} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Composer({ ticket }: { ticket: Ticket }) {
  const [kind, setKind] = useState<'public' | 'note'>('public');
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const send = useTicketMutation(() => addComment(ticket.id, { body: body.trim(), public: kind === 'public', status: status ?? undefined }));
  const isNote = kind === 'note';
  return (
    <Paper withBorder radius="md" p="md" bg={isNote ? 'var(--mantine-color-yellow-light)' : undefined} data-testid="composer">
      <Group justify="space-between" mb="xs">
        <SegmentedControl value={kind} onChange={(v) => setKind(v as 'public' | 'note')} color={isNote ? 'yellow' : 'blue'}
          data={[{ value: 'public', label: 'Public reply' }, { value: 'note', label: 'Internal note' }]} />
        <Text size="xs" c="dimmed">{isNote ? 'Only staff see internal notes.' : 'The requester receives this by e-mail.'}</Text>
      </Group>
      <Textarea autosize minRows={3} aria-label={isNote ? 'Internal note' : 'Public reply'} value={body} onChange={(e) => setBody(e.currentTarget.value)}
        placeholder={isNote ? 'Note for colleagues…' : 'Reply to the customer…'} />
      {send.error && <Alert color="red" mt="xs" role="alert">{send.error.message}</Alert>}
      <Group mt="xs" justify="flex-end">
        <Select w={200} placeholder="and keep status" clearable aria-label="Status after sending" value={status} onChange={setStatus}
          data={TICKET_STATUSES.filter((s) => s !== 'new').map((s) => ({ value: s, label: `and set ${label(s)}` }))} />
        <Button color={isNote ? 'yellow' : 'blue'} disabled={!body.trim()} loading={send.isPending}
          onClick={() => send.mutate(undefined, { onSuccess: () => { setBody(''); setStatus(null); } })}>
          {isNote ? 'Add internal note' : 'Send public reply'}
        </Button>
      </Group>
    </Paper>
  );
}

const fieldsOf = (t: Ticket) => ({ status: t.status as string, priority: t.priority as string, form: t.form, stage: (t.stage ?? 'first_reply') as string, assigneeId: t.assigneeId ?? null, tags: t.tags ?? [] });

function FieldsPanel({ ticket, staff, onReload }: { ticket: Ticket; staff: { value: string; label: string }[]; onReload: () => void }) {
  // Edits are made against `base`, the version on screen when editing began: a newer version that
  // arrives meanwhile (live update) does not silently swallow them; saving then meets a conflict.
  const [base, setBase] = useState(ticket);
  const [f, setF] = useState(() => fieldsOf(ticket));
  const save = useTicketMutation((p: TicketPatch) => patchTicket(ticket.id, p));
  const [saved, setSaved] = useState(false);
  const t = base;
  const patch: TicketPatch = { version: t.version };
  if (f.status !== t.status) patch.status = f.status;
  if (f.priority !== t.priority) patch.priority = f.priority;
  if (f.form !== t.form) patch.form = f.form;
  if (f.stage !== t.stage) patch.stage = f.stage;
  if (f.assigneeId !== (t.assigneeId ?? null)) patch.assigneeId = f.assigneeId;
  if (f.tags.join(',') !== (t.tags ?? []).join(',')) patch.tags = f.tags;
  const dirty = Object.keys(patch).length > 1;
  const adopt = (x: Ticket) => { setBase(x); setF(fieldsOf(x)); save.reset(); };
  useEffect(() => { if (!dirty && ticket.version !== base.version) adopt(ticket); }, [ticket.version]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { if (dirty) setSaved(false); }, [dirty]);
  const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: label(x) }));
  return (
    <Paper withBorder p="md" radius="md" data-testid="ticket-fields">
      <Text fw={700} mb="xs">Fields</Text>
      <Stack gap="xs">
        <Select label="Status" data={opts(TICKET_STATUSES)} value={f.status} onChange={(v) => v && setF({ ...f, status: v })} allowDeselect={false} />
        <Select label="Priority" data={opts(TICKET_PRIORITIES)} value={f.priority} onChange={(v) => v && setF({ ...f, priority: v })} allowDeselect={false} />
        <Select label="Form" data={opts(TICKET_FORMS.includes(t.form as never) ? TICKET_FORMS : [...TICKET_FORMS, t.form])} value={f.form} onChange={(v) => v && setF({ ...f, form: v })} allowDeselect={false} />
        <Select label="Stage" data={opts(TICKET_STAGES)} value={f.stage} onChange={(v) => v && setF({ ...f, stage: v })} allowDeselect={false} />
        <Select label="Assignee" searchable clearable placeholder="Unassigned" data={staff} value={f.assigneeId} onChange={(v) => setF({ ...f, assigneeId: v })} />
        <TagsInput label="Tags" value={f.tags} onChange={(v) => setF({ ...f, tags: v })} />
        {save.error && (isConflict(save.error) ? <ConflictNotice onReload={() => { adopt(ticket); onReload(); }} /> : <Alert color="red" role="alert">{save.error.message}</Alert>)}
        {saved && !dirty && <Text size="sm" c="teal">Saved.</Text>}
        <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(patch, { onSuccess: (r) => { adopt(r.ticket); setSaved(true); } })} data-testid="save-fields">Save fields</Button>
        <Text size="xs" c="dimmed">Version {t.version}</Text>
      </Stack>
    </Paper>
  );
}
