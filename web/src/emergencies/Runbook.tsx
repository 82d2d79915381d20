// WF-2: the live runbook checklist. Items are ticked by the actions themselves, never by hand;
// overdue items are red, and the next step carries the button that does it.
import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { Emergency, RunbookItem } from '../api/emergencies.ts';
import { when } from '../tickets/badges.tsx';
import { Countdown } from './Countdown.tsx';

/** What the engineer can do for a step; steps the system does itself have no button. */
export type StepAction = 'acknowledge' | 'qualify' | 'reply' | 'resolve_page' | 'post_call' | 'resolve';

export const STEP_ACTION: Record<string, { action: StepAction; label: string } | undefined> = {
  acknowledged: { action: 'acknowledge', label: 'Acknowledge now' },
  qualified: { action: 'qualify', label: 'Qualify…' },
  public_reply_sent: { action: 'reply', label: 'Write the public reply' },
  page_resolved: { action: 'resolve_page', label: 'Resolve the page' },
  post_call_notes: { action: 'post_call', label: 'Write post-call notes…' },
  next_engineer_tagged: { action: 'post_call', label: 'Tag the next engineer…' },
  follow_up_ticket_linked: { action: 'resolve', label: 'Resolve with a follow-up ticket…' },
};

const MARK: Record<RunbookItem['status'], { sign: string; color: string }> = {
  done: { sign: '✓', color: 'teal' }, overdue: { sign: '!', color: 'red' }, pending: { sign: '○', color: 'gray' }, not_applicable: { sign: '–', color: 'gray' },
};

export function Runbook({ e, now, onStep, busy }: { e: Emergency; now: number; onStep: (a: StepAction) => void; busy: boolean }) {
  const open = e.state === 'open';
  return (
    <Paper withBorder radius="md" p="md" data-testid="runbook">
      <Group justify="space-between" mb="xs">
        <Text fw={700}>Runbook</Text>
        {e.runbook.overdue.length > 0 && <Badge color="red" variant="filled">{e.runbook.overdue.length} overdue</Badge>}
      </Group>
      <Stack gap={6}>
        {e.runbook.items.map((i) => {
          const isNext = open && e.runbook.next === i.item;
          const step = STEP_ACTION[i.item];
          return (
            <Group key={i.item} gap="sm" wrap="nowrap" align="flex-start" data-testid="runbook-item" data-item={i.item} data-status={i.status}
              p={6} style={{
                borderRadius: 6,
                background: i.status === 'overdue' ? 'var(--mantine-color-red-light)' : isNext ? 'var(--mantine-color-blue-light)' : undefined,
              }}>
              <ThemeIcon size={22} radius="xl" color={MARK[i.status].color} variant={i.status === 'pending' || i.status === 'not_applicable' ? 'light' : 'filled'} aria-label={i.status.replace('_', ' ')}>
                <Text size="xs" fw={800}>{MARK[i.status].sign}</Text>
              </ThemeIcon>
              <div style={{ flex: 1 }}>
                <Text size="sm" fw={isNext ? 700 : 400} c={i.status === 'not_applicable' ? 'dimmed' : undefined}>{i.label}</Text>
                <Group gap={6}>
                  {i.doneAt && <Text size="xs" c="dimmed">done {when(i.doneAt)}</Text>}
                  {!i.doneAt && i.dueAt && i.status !== 'not_applicable' && (open ? <Countdown dueAt={i.dueAt} now={now} /> : <Text size="xs" c="dimmed">not done</Text>)}
                  {i.status === 'not_applicable' && <Text size="xs" c="dimmed">not applicable yet</Text>}
                </Group>
                {isNext && step && (
                  <Button size="xs" mt={6} color={i.status === 'overdue' ? 'red' : 'blue'} loading={busy} onClick={() => onStep(step.action)} data-testid="next-step-button">
                    {step.label}
                  </Button>
                )}
              </div>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
