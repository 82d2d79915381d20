// SCH-2/9 on a narrow screen: the week as a list, day by day (in the group's zone) — for each
// schedule who is on from when to when, overrides marked, and the hours nobody is on call.
import { Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { Temporal } from 'temporal-polyfill';
import type { GroupTimeline } from './api.ts';
import { GAP_FILL, nameOf, personColour } from './people.ts';

const hm = (zone: string, ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date(ms));

interface Piece { key: string; what: string; who: string | null; from: number; to: number; source?: string; shadow?: boolean }

export function DayList({ data, since, until, now = Date.now() }: { data: GroupTimeline; since: string; until: string; now?: number }) {
  const zone = data.timeZone;
  const people = data.people ?? {};
  const days: { start: number; end: number; label: string }[] = [];
  let d = Temporal.Instant.from(since).toZonedDateTimeISO(zone).startOfDay();
  const last = Date.parse(until);
  while (d.epochMilliseconds < last) {
    const next = d.add({ days: 1 }).startOfDay();
    days.push({ start: d.epochMilliseconds, end: next.epochMilliseconds, label: new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'short' }).format(new Date(d.epochMilliseconds)) });
    d = next;
  }
  const pieces = (day: { start: number; end: number }): Piece[] => {
    const clip = (a: string, b: string) => ({ from: Math.max(Date.parse(a), day.start), to: Math.min(Date.parse(b), day.end) });
    const out: Piece[] = [];
    for (const sch of data.schedules)
      for (const e of sch.entries) {
        const c = clip(e.start, e.end);
        if (c.to > c.from) out.push({ key: `${e.key}-${day.start}`, what: data.names[sch.scheduleId] ?? sch.scheduleId, who: e.user, ...c, source: e.source.kind, shadow: e.shadow });
      }
    for (const g of data.gaps) {
      const c = clip(g.start, g.end);
      if (c.to > c.from) out.push({ key: `gap-${g.start}-${day.start}`, what: 'Nobody on call', who: null, ...c });
    }
    return out.sort((a, b) => a.from - b.from || a.what.localeCompare(b.what));
  };
  return (
    <Stack gap="sm" data-testid="oncall-list">
      <Text size="xs" c="dimmed">Times in {zone}.</Text>
      {days.map((day) => {
        const list = pieces(day);
        const today = now >= day.start && now < day.end;
        return (
          <Paper key={day.start} withBorder radius="md" p="sm" data-testid="oncall-day">
            <Group gap="xs" mb={6}><Text fw={700}>{day.label}</Text>{today && <Badge size="sm" color="blue" variant="filled">today</Badge>}</Group>
            {list.length === 0 ? <Text size="sm" c="dimmed">Nobody is scheduled.</Text> : (
              <Stack gap={4}>
                {list.map((p) => {
                  const c = p.who ? personColour(people, p.who) : null;
                  return (
                    <Group key={p.key} gap="xs" wrap="nowrap" data-testid="oncall-list-entry" data-user={p.who ?? ''}>
                      <Box w={12} h={12} style={{ flex: 'none', borderRadius: 3, ...(c ? { background: c.bg, borderLeft: `3px solid ${c.edge}` } : { background: GAP_FILL }) }} />
                      <Text size="sm" ff="monospace" style={{ flex: 'none' }}>{hm(zone, p.from)}–{p.to === day.end ? '24:00' : hm(zone, p.to)}</Text>
                      <Text size="sm" fw={p.who ? 600 : 700} c={p.who ? undefined : 'red.9'} truncate style={{ minWidth: 0 }}>
                        {p.who ? nameOf(people, p.who) : 'Nobody on call'}
                        {p.who && <Text span size="xs" c="dimmed"> · {p.what}{p.source === 'override' ? ' · override' : p.source === 'swap' ? ' · swap' : ''}{p.shadow ? ' · shadow' : ''}</Text>}
                      </Text>
                    </Group>
                  );
                })}
              </Stack>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
