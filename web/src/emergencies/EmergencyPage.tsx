// One emergency, for the engineer working it: what is due and when (timers ticking), the
// entitlement verdict, the actions, the ticket conversation with the reply box, the runbook and
// the thread. Everything refetches on emergency.* and ticket.* events.
import { useRef, useState } from 'react';
import { Alert, Badge, Box, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { ReachBanner } from '../notify/ReachBanner.tsx';
import { useUsers } from '../api/hooks.ts';
import { useEmergency, type Emergency } from '../api/emergencies.ts';
import { useQuery } from '@tanstack/react-query';
import { getTicket, ticketKeys, type Sla } from '../api/tickets.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { label, PriorityBadge, StatusBadge } from '../tickets/badges.tsx';
import { Conversation } from '../tickets/Conversation.tsx';
import { Actions, useQuickAction, type Panel } from './Actions.tsx';
import { Bridge } from './Bridge.tsx';
import { RecentChangesOfPage } from '../paging-ui/RecentChanges.tsx';
import { EntitlementBadge, VerdictBadge } from './badges.tsx';
import { Countdown } from './Countdown.tsx';
import { ReplyBox } from './ReplyBox.tsx';
import { Runbook, type StepAction } from './Runbook.tsx';
import { Thread } from './Thread.tsx';
import { age, timerLabel, useNow } from './time.ts';

/** A ticket link as GET /tickets/:id answers it. */
interface WireLink { id: string; sourceId: string; targetId: string; kind: string; otherNumber?: number }

export function EmergencyPage({ params }: PageProps) {
  const q = useEmergency(params.id ?? '');
  const e = q.data;
  const t = useQuery({ queryKey: ticketKeys.one(e?.ticketId ?? ''), queryFn: () => getTicket(e!.ticketId), enabled: !!e });
  const users = useUsers({});
  const now = useNow();
  const [panel, setPanel] = useState<Panel>(null);
  const quick = useQuickAction(e);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  // On a phone the actions (acknowledge first) come right under the title, on the first screen.
  const phone = useMediaQuery('(max-width: 599px)') ?? false;
  if (q.isError) return <QueryError what="the emergency" error={q.error} onRetry={() => void q.refetch()} />;
  if (!e) return <LoadingRows />;
  const byEmail = (email: string) => users.data?.find((u) => u.email === email)?.name ?? email;
  const byId = (id: string | null) => (id ? users.data?.find((u) => u.id === id)?.name ?? 'Someone' : 'Hotline (system)');
  const staff = (users.data ?? []).filter((u) => u.role !== 'customer').map((u) => ({ value: u.email, label: u.name }));
  const onStep = (a: StepAction) => {
    if (a === 'acknowledge' || a === 'resolve_page') quick.mutate(a);
    else if (a === 'reply') { replyRef.current?.scrollIntoView({ block: 'center' }); replyRef.current?.focus(); }
    else setPanel(a);
  };
  const detail = t.data;
  const owner = e.ticket.assignee ?? e.driUserId;
  return (
    <>
      <Text size="sm" mb={4}><Link to="/emergencies">← Emergencies</Link></Text>
      <PageHeader title={<>Emergency #{e.ticketNumber}{detail ? `: ${detail.ticket.subject}` : ''}</>}
        description={<Group gap={6} component="span">
          <PriorityBadge priority={e.ticket.priority} /><StatusBadge status={e.ticket.status.replace(/-/g, '_')} />
          <Badge variant="outline" color={e.state === 'open' ? 'red' : 'teal'} data-testid="emergency-state">emergency {label(e.state)}</Badge>
          <Text span size="sm" c="dimmed">
            {e.state === 'open' ? <>open for <Text span ff="monospace" data-testid="emergency-age">{age(e.createdAt, now)}</Text></> : 'closed out'}
            {' · '}owner <b>{owner ? byEmail(owner) : 'nobody yet'}</b>{' · '}{e.ticket.requesterEmail}
            {typeof detail?.ticket.customFields?.contact_phone === 'string' && <>{' · '}<a href={`tel:${detail.ticket.customFields.contact_phone.replace(/[^0-9+]/g, '')}`} data-testid="contact-phone">{detail.ticket.customFields.contact_phone}</a></>}
            {' · '}{e.channel}{' · '}
            <Link to={`/tickets/${e.ticketId}`}>ticket view</Link>
            {e.pageId && <> · <Link to={`/pages/${e.pageId}`}>page</Link></>}
          </Text>
        </Group>} />
      {phone && <Box mb="md"><Actions e={e} panel={panel} setPanel={setPanel} quick={quick} staff={staff} /></Box>}
      {e.reach?.state === 'not_reached' && <Box mb="md"><ReachBanner reach={e.reach} /></Box>}
      <Grid gap="md" mb="md">
        <Grid.Col span={{ base: 12, md: 7 }}><Timers e={e} sla={detail?.sla ?? null} now={now} /></Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}><Verdicts e={e} /></Grid.Col>
      </Grid>
      <Stack gap="md">
        <Bridge e={e} />
        {e.pageId && <RecentChangesOfPage pageId={e.pageId} />}
        {!phone && <Actions e={e} panel={panel} setPanel={setPanel} quick={quick} staff={staff} />}
      </Stack>
      <Grid gap="lg" mt="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Text fw={700}>Ticket conversation</Text>
            {t.isError && <QueryError what="the ticket" error={t.error} onRetry={() => void t.refetch()} />}
            {detail ? <Conversation comments={detail.comments} nameOf={byId} /> : !t.isError && <LoadingRows rows={3} />}
            {detail?.links && detail.links.length > 0 && (
              <Paper withBorder radius="md" p="sm" data-testid="linked-tickets">
                <Text size="sm" fw={700} mb={4}>Linked tickets</Text>
                {(detail.links as unknown as WireLink[]).map((l) => {
                  const other = l.sourceId === e.ticketId ? l.targetId : l.sourceId;
                  return <Text key={l.id} size="sm"><Link to={`/tickets/${other}`}>#{l.otherNumber ?? '…'}</Link> · {label(l.kind)}</Text>;
                })}
              </Paper>
            )}
            <ReplyBox ref={replyRef} ticketId={e.ticketId} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Runbook e={e} now={now} onStep={onStep} busy={quick.isPending} />
            <Thread e={e} nameOf={byEmail} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** Everything with a deadline, soonest first: pending timers, the SLA, the next runbook step. */
function Timers({ e, sla, now }: { e: Emergency; sla: Sla | null; now: number }) {
  const next = e.runbook.items.find((i) => i.item === e.runbook.next);
  const rows = [
    ...e.timers.filter((x) => x.state === 'pending').map((x) => ({ key: x.key, what: timerLabel(x.kind), dueAt: x.dueAt })),
    ...(sla?.dueAt && sla.state === 'running' ? [{ key: 'sla', what: `SLA: ${label(sla.metric ?? 'target')}${sla.breached ? ' (breached)' : ''}`, dueAt: sla.dueAt }] : []),
    ...(e.state === 'open' && next?.dueAt ? [{ key: 'next', what: `Next step: ${next.label}`, dueAt: next.dueAt }] : []),
  ].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid="timers">
      <Text fw={700} mb="xs">Timers</Text>
      {rows.length === 0 ? <Text size="sm" c="dimmed">Nothing is counting down.</Text> : (
        <Stack gap={6}>
          {rows.map((r) => (
            <Group key={r.key} justify="space-between" wrap="nowrap" data-testid="timer" data-timer={r.key}>
              <Text size="sm">{r.what}</Text><Countdown dueAt={r.dueAt} now={now} />
            </Group>
          ))}
        </Stack>
      )}
      {e.firstPublicReplyAt && !e.customerRepliedAt && e.state === 'open' && (
        <Text size="xs" c="dimmed" mt="xs">The customer has not answered since the first public reply; their reply stops the silence timers.</Text>
      )}
    </Paper>
  );
}

function Verdicts({ e }: { e: Emergency }) {
  const v = e.entitlement;
  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid="entitlement">
      <Group justify="space-between" mb="xs"><Text fw={700}>Entitlement and qualification</Text><Group gap={4}><EntitlementBadge kind={v.kind} /><VerdictBadge verdict={e.qualification} /></Group></Group>
      <Text size="sm" data-testid="entitlement-message">{v.message}</Text>
      <Text size="xs" c="dimmed" mt={4}>
        {v.emergencySupport ? 'Emergency support applies.' : 'Not entitled to emergency support.'} {v.page ? 'The on-call engineer was paged.' : 'No page was sent.'}
        {v.graceEndsOn ? ` Grace period ends ${v.graceEndsOn}.` : ''}
        {e.exceptionCriterion ? ` Exception: ${label(e.exceptionCriterion)}.` : ''}
      </Text>
      {e.guards.length > 0 && <Alert color="orange" mt="xs" p="xs">Guarded: {e.guards.map(label).join(', ')}</Alert>}
    </Paper>
  );
}
