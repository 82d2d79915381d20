// A ticking countdown badge: red once the instant has passed.
import { Badge } from '@mantine/core';
import { countdown } from './time.ts';

export function Countdown({ dueAt, now, testId }: { dueAt: string; now: number; testId?: string }) {
  const c = countdown(dueAt, now);
  return (
    <Badge variant={c.overdue ? 'filled' : 'light'} color={c.overdue ? 'red' : 'gray'} ff="monospace" tt="none" title={new Date(dueAt).toLocaleString('en-GB')}
      data-testid={testId} data-overdue={c.overdue || undefined}>{c.text}</Badge>
  );
}
