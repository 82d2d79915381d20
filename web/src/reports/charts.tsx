// RP-1: how each report is drawn. Bars for counts and distributions, a line for the weekly trend, a
// grid for the hour-of-week heat map; the table under every chart holds the same numbers.
import { BarChart, LineChart } from '@mantine/charts';
import { Box, Table, Text } from '@mantine/core';
import type { Cell, ReportTable } from './api.ts';

const COLORS = ['teal.6', 'blue.6', 'yellow.6', 'orange.6', 'red.6', 'grape.6', 'gray.6'];

interface Spec { kind: 'bar' | 'line' | 'grid' | 'none'; key: (row: Record<string, Cell>, cols: string[]) => string; series: (cols: string[]) => string[]; stacked?: boolean }

const first = (r: Record<string, Cell>, cols: string[]) => String(r[cols[0]]);
const from = (name: string) => (cols: string[]) => cols.slice(cols.indexOf(name));
const SPECS: Record<string, Spec> = {
  'time-to-acknowledge': { kind: 'bar', key: first, series: from('<5m'), stacked: true },
  'time-to-first-reply': { kind: 'bar', key: (r, c) => `${r[c[0]]} (${r.kind})`, series: from('<5m'), stacked: true },
  'sla-breaches': { kind: 'none', key: first, series: () => [] },
  'sla-breach-trend': { kind: 'line', key: first, series: () => ['breaches', 'emergency_breaches'] },
  escalations: { kind: 'bar', key: first, series: () => ['resolved', 'rejected', 'open'], stacked: true },
  'escalation-labels': { kind: 'bar', key: first, series: () => ['escalations'] },
  'concurrency-shifts': { kind: 'bar', key: (r) => `${r.date} ${r.shift}`, series: () => ['arrivals', 'concurrent_arrivals'] },
  'concurrency-heatmap': { kind: 'grid', key: first, series: () => [] },
  'qualification-mix': { kind: 'bar', key: first, series: from('strict'), stacked: true },
  'engineer-load': { kind: 'bar', key: first, series: () => ['pages', 'emergencies_owned', 'night_pages'] },
};

const objects = (t: ReportTable) => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])) as Record<string, Cell>);

export function ReportChart({ t }: { t: ReportTable }) {
  const spec = SPECS[t.report];
  if (!spec || spec.kind === 'none' || t.rows.length === 0) return null;
  if (spec.kind === 'grid') return <HourGrid t={t} />;
  const data = objects(t).map((r) => ({ ...r, key: spec.key(r, t.columns) }));
  const series = spec.series(t.columns).map((name, i) => ({ name, color: COLORS[i % COLORS.length] }));
  return spec.kind === 'line'
    ? <LineChart h={260} data={data} dataKey="key" series={series} withLegend curveType="linear" data-testid="report-chart" />
    : <BarChart h={280} data={data} dataKey="key" series={series} withLegend type={spec.stacked ? 'stacked' : 'default'} data-testid="report-chart" />;
}

/** Arrivals per hour of the week: a cell per day and hour, darker for more, a mark when some were concurrent. */
function HourGrid({ t }: { t: ReportTable }) {
  const max = Math.max(1, ...t.rows.map((r) => Number(r[2])));
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return (
    <Box style={{ overflowX: 'auto' }} data-testid="report-chart">
      <Box style={{ display: 'grid', gridTemplateColumns: '3em repeat(24, minmax(1.4em, 1fr))', gap: 2, minWidth: 600 }}>
        <span />
        {Array.from({ length: 24 }, (_, h) => <Text key={h} size="xs" c="dimmed" ta="center">{h}</Text>)}
        {days.map((d, di) => [
          <Text key={d} size="xs" c="dimmed">{d}</Text>,
          ...Array.from({ length: 24 }, (_, h) => {
            const r = t.rows[di * 24 + h];
            const n = Number(r?.[2] ?? 0);
            const c = Number(r?.[3] ?? 0);
            return (
              <Box key={`${d}${h}`} title={`${d} ${h}:00 — ${n} arrived, ${c} while another was open`}
                style={{ height: '1.4em', borderRadius: 2, background: n ? `rgba(230, 73, 128, ${0.15 + 0.85 * (n / max)})` : 'var(--mantine-color-default-border)', outline: c ? '2px solid var(--mantine-color-red-9)' : undefined }} />
            );
          }),
        ])}
      </Box>
    </Box>
  );
}

export function ReportRows({ t }: { t: ReportTable }) {
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table striped withTableBorder data-testid="report-table">
        <Table.Thead><Table.Tr>{t.columns.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {t.rows.map((r, i) => <Table.Tr key={i}>{r.map((v, j) => <Table.Td key={j}>{v ?? '—'}</Table.Td>)}</Table.Tr>)}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
