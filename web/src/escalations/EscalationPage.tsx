// SM-1..SM-3: one escalation — its state, initiator, manager and owner, what is needed and why, the
// thread in the escalations channel (anyone on staff posts a question or an answer there), the help
// threads in product channels, the timeline of who did what and when, and (for a support manager)
// the actions its state allows.
import { useState } from 'react';
import { Alert, Badge, Button, Grid, Group, Paper, Stack, Text, Textarea, Timeline } from '@mantine/core';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { when } from '../tickets/badges.tsx';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { useEscalation, useEscalationAction, type EscalationDetail, type ThreadEntry } from './api.ts';
import { ManagerActions } from './Actions.tsx';
import { StateBadge, UrgencyBadge, who } from './badges.tsx';
import { RedirectButton } from './RedirectButton.tsx';

// what a person wrote carries no label; what Hotline posted (a notice, a mention, the opening) says so
const WRITTEN = new Set<ThreadEntry['kind']>(['note', 'channel']);

function Entries({ entries, testid, redirect = false }: { entries: ThreadEntry[]; testid: string; redirect?: boolean }) {
  return (
    <Stack gap="xs" data-testid={testid}>
      {entries.map((m) => (
        <Paper key={m.id} withBorder p="sm" radius="sm" data-testid="thread-entry">
          <Group justify="space-between" gap="xs" mb={4}>
            <Text size="xs" fw={600}>{m.author ?? 'Hotline'}{!WRITTEN.has(m.kind) && <Text span size="xs" c="dimmed" fw={400}> · {m.kind.replace(/_/g, ' ')}</Text>}</Text>
            <Text size="xs" c="dimmed">{when(m.at)}</Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</Text>
          {/* SM-4: a help thread is an ordinary channel: a message escalating there is pointed to the form */}
          {redirect && m.author && <Group justify="flex-end"><RedirectButton entryId={m.id} /></Group>}
        </Paper>
      ))}
    </Stack>
  );
}

function Ask({ e }: { e: EscalationDetail }) {
  const [text, setText] = useState('');
  const act = useEscalationAction(e.id);
  const open = e.state !== 'resolved' && e.state !== 'rejected';
  if (!open) return null;
  return (
    <form onSubmit={(ev) => { ev.preventDefault(); if (text.trim()) act.mutate({ kind: 'thread', text: text.trim() }, { onSuccess: () => setText('') }); }}>
      <Stack gap="xs">
        <Textarea label="Post in the thread" description="A question for the initiator, or an answer" value={text} onChange={(ev) => setText(ev.currentTarget.value)} autosize minRows={2} maxLength={8000} />
        {act.error && <Alert color="red" role="alert">{(act.error as Error).message}</Alert>}
        <Group><Button type="submit" size="xs" loading={act.isPending} disabled={!text.trim()}>Post</Button></Group>
      </Stack>
    </form>
  );
}

const actionLabel = (a: string) => a.replace(/^escalation\./, '').replace(/_/g, ' ');

export function EscalationPage({ params, me }: PageProps) {
  const q = useEscalation(params.id ?? '');
  if (q.error) return <QueryError what="the escalation" error={q.error as Error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <LoadingRows />;
  const e = q.data;
  const manager = me.role === 'manager' || me.role === 'admin';
  return (
    <>
      <Text size="sm" mb={4}><Link to="/escalations">← Escalations</Link></Text>
      <PageHeader title={<>Escalation #{e.number}: {e.title}</>}
        description={<Group gap={6} component="span"><StateBadge state={e.state} /><UrgencyBadge urgency={e.urgency} />
          {e.labels.map((l) => <Badge key={l} variant="light" color="grape" data-testid="escalation-label">{l}</Badge>)}
          <Text span size="sm" c="dimmed">filed {when(e.createdAt)} in {e.channel}</Text></Group>} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Text size="sm"><b>For:</b> {e.ticket ? <Link to={`/tickets/${e.ticket.id}`}>ticket #{e.ticket.number}{e.ticket.subject ? ` ${e.ticket.subject}` : ''}</Link> : 'an internal request'}</Text>
                <Group gap="lg" data-testid="escalation-people">
                  <Text size="sm"><b>Filed by</b> {who(e.initiator)}</Text>
                  <Text size="sm"><b>Manager</b> <span data-testid="escalation-manager">{who(e.manager, 'nobody on call')}</span></Text>
                  <Text size="sm"><b>Owner</b> <span data-testid="escalation-owner">{who(e.owner, 'not assigned')}</span></Text>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}><b>Needed:</b> {e.need}</Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}><b>Business case:</b> {e.businessCase}</Text>
                <Text size="xs" c="dimmed"><b>{e.urgency} urgency:</b> {e.urgencyDefinition}</Text>
                {e.reason && <Alert color="gray" title={e.state === 'rejected' ? 'Rejected because' : 'Closing comment'}>{e.reason}</Alert>}
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Text fw={600} mb="xs" component="h2" fz="md">Thread in {e.channel}</Text>
              <Entries entries={e.thread} testid="escalation-thread" />
              <Stack mt="sm"><Ask e={e} /></Stack>
            </Paper>
            {e.helpThreads.map((h) => (
              <Paper withBorder p="md" key={h.channel}>
                <Text fw={600} mb="xs" component="h2" fz="md">Help thread in {h.channel}</Text>
                <Entries entries={h.entries} testid="help-thread" redirect />
              </Paper>
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            {manager && <ManagerActions e={e} />}
            <Paper withBorder p="md">
              <Text fw={600} mb="sm" component="h2" fz="md">Timeline</Text>
              <Timeline bulletSize={12} lineWidth={2} data-testid="escalation-timeline">
                {e.timeline.map((t) => (
                  <Timeline.Item key={t.id} title={<Text size="sm" fw={600}>{actionLabel(t.action)}</Text>}>
                    <Text size="xs" c="dimmed">{t.actor.name ?? t.actor.kind} · {when(t.at)}{t.via ? ` · via ${t.via}` : ''}</Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
