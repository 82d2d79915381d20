// RP-2: the side by side. Totals first (what happened → what the proposal would have given, the
// difference coloured: fewer is better for every figure here), a chart per figure per week, the
// weekly table with every non-zero difference marked, and each engineer's load.
import { BarChart } from '@mantine/charts';
import { Alert, Badge, Box, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Figures, Load, WhatIfResult } from './whatif-api.ts';

type Key = 'concurrent' | 'waitedForManager' | 'singleEngineerHours' | 'nightPages';
const FIGURES: { key: Key; title: string; help: string }[] = [
  { key: 'concurrent', title: 'Concurrent emergencies', help: 'arrived while the first engineer on call was busy with another' },
  { key: 'waitedForManager', title: 'Waited for the manager', help: 'nobody on call was free: the manager on call took it' },
  { key: 'singleEngineerHours', title: 'Single-engineer hours', help: 'hours with exactly one engineer on call' },
  { key: 'nightPages', title: 'Night pages', help: 'pages between 22:00 and 07:00 in the engineer’s own zone' },
];

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const signed = (n: number) => (n > 0 ? `+${num(n)}` : num(n));

/** A difference, coloured: more of any of these figures is worse. */
export function Diff({ n, testId }: { n: number; testId?: string }) {
  if (n === 0) return <Text span size="sm" c="dimmed" data-testid={testId}>±0</Text>;
  return <Badge variant="filled" color={n < 0 ? 'teal.9' : 'red.9'} data-testid={testId ?? 'whatif-diff'} data-diff={n}>{signed(n)}</Badge>;
}

export function WhatIfResultView({ r, nameOf }: { r: WhatIfResult; nameOf: (email: string) => string | undefined }) {
  const missing = [...r.missingGroups.actual.map((g) => `${g} (now)`), ...r.missingGroups.proposed.map((g) => `${g} (proposed)`)];
  return (
    <Stack gap="md" data-testid="whatif-result">
      <Text size="sm" c="dimmed">
        {r.totals.actual.arrivals} emergencies from {r.since.slice(0, 10)} to {r.until.slice(0, 10)} replayed, weeks from Monday in {r.zone}; groups looked at: {r.groups.join(', ') || 'none'}.
        {' '}{r.changedTotal} would have gone to someone else.
      </Text>
      {missing.length > 0 && <Alert color="yellow" variant="light" title="Groups not defined on one side">Everything that paged {missing.join(', ')} went to the manager on that side.</Alert>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {FIGURES.map((f) => (
          <Card key={f.key} withBorder radius="md" padding="sm" data-testid={`whatif-total-${f.key}`}>
            <Text size="sm" fw={600}>{f.title}</Text>
            <Group gap="xs" mt={4} align="baseline">
              <Text size="xl" fw={700}>{num(r.totals.actual[f.key])}</Text>
              <Text c="dimmed" aria-label="would have been">→</Text>
              <Text size="xl" fw={700}>{num(r.totals.proposed[f.key])}</Text>
              <Diff n={r.totals.difference[f.key]} />
            </Group>
            <Text size="xs" c="dimmed">actual → proposed; {f.help}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {FIGURES.map((f) => <WeekChart key={f.key} r={r} k={f.key} title={f.title} />)}
      </SimpleGrid>
      <WeekTable r={r} />
      <PeopleTable r={r} nameOf={nameOf} />
    </Stack>
  );
}

function WeekChart({ r, k, title }: { r: WhatIfResult; k: Key; title: string }) {
  const data = r.weeks.map((w) => ({ week: w.week, actual: w.actual[k], proposed: w.proposed[k] }));
  const changed = r.weeks.filter((w) => w.difference[k] !== 0).length;
  return (
    <Card withBorder radius="md" padding="sm">
      <Group justify="space-between"><Text size="sm" fw={600}>{title} per week</Text><Text size="xs" c="dimmed">{changed} week{changed === 1 ? '' : 's'} differ</Text></Group>
      <BarChart h={200} data={data} dataKey="week" withLegend data-testid="whatif-chart"
        series={[{ name: 'actual', label: 'Actual', color: 'gray.6' }, { name: 'proposed', label: 'Proposed', color: 'blue.7' }]} />
    </Card>
  );
}

function WeekTable({ r }: { r: WhatIfResult }) {
  const cell = (a: Figures, p: Figures, d: Figures, k: Key) => (
    <Table.Td key={k} style={d[k] !== 0 ? { background: d[k] < 0 ? 'var(--mantine-color-teal-light)' : 'var(--mantine-color-red-light)' } : undefined}>
      {num(a[k])} → {num(p[k])} {d[k] !== 0 && <Diff n={d[k]} />}
    </Table.Td>
  );
  return (
    <Box>
      <Title order={3} size="h4" mb="xs">Week by week</Title>
      <Box style={{ overflowX: 'auto' }}>
        <Table striped withTableBorder data-testid="whatif-weeks">
          <Table.Thead><Table.Tr><Table.Th>Week of</Table.Th><Table.Th>Arrivals</Table.Th>{FIGURES.map((f) => <Table.Th key={f.key}>{f.title}</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {r.weeks.map((w) => (
              <Table.Tr key={w.week} data-changed={FIGURES.some((f) => w.difference[f.key] !== 0) || undefined}>
                <Table.Td>{w.week}</Table.Td><Table.Td>{w.actual.arrivals}</Table.Td>
                {FIGURES.map((f) => cell(w.actual, w.proposed, w.difference, f.key))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Box>
  );
}

function PeopleTable({ r, nameOf }: { r: WhatIfResult; nameOf: (email: string) => string | undefined }) {
  const cols: { key: keyof Load; title: string }[] = [
    { key: 'emergencies', title: 'Emergencies' }, { key: 'handlingHours', title: 'Handling hours' }, { key: 'nightPages', title: 'Night pages' },
  ];
  return (
    <Box>
      <Title order={3} size="h4" mb="xs">Load per engineer</Title>
      <Box style={{ overflowX: 'auto' }}>
        <Table striped withTableBorder data-testid="whatif-people">
          <Table.Thead><Table.Tr><Table.Th>Person</Table.Th>{cols.map((c) => <Table.Th key={c.key}>{c.title}: actual → proposed</Table.Th>)}</Table.Tr></Table.Thead>
          <Table.Tbody>
            {r.people.map((p) => (
              <Table.Tr key={p.user}>
                <Table.Td>{nameOf(p.user) ?? p.user} <Text span size="xs" c="dimmed">{p.user}</Text></Table.Td>
                {cols.map((c) => <Table.Td key={c.key}>{num(p.actual[c.key])} → {num(p.proposed[c.key])} <Diff n={p.difference[c.key]} /></Table.Td>)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Box>
  );
}

export function Exports({ onCsv, onPeopleCsv, onJson, busy }: { onCsv: () => void; onPeopleCsv: () => void; onJson: () => void; busy: boolean }) {
  return (
    <Group gap="xs">
      <Button variant="default" size="xs" onClick={onCsv} loading={busy} data-testid="whatif-csv">CSV per week</Button>
      <Button variant="default" size="xs" onClick={onPeopleCsv} loading={busy}>CSV per person</Button>
      <Button variant="default" size="xs" onClick={onJson}>JSON</Button>
    </Group>
  );
}
