// RP-1: the Reports screen (managers and admins): choose a report and a period, filter by region,
// group where the report allows; each report is a chart, its table, and a CSV download.
import '@mantine/charts/styles.css';
import { Anchor, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { navigate } from '../app/router.tsx';
import { useState } from 'react';
import type { PageProps } from '../app/page-props.ts';
import { Empty, LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { csvUrl, useReport, useReportList, type ReportQuery } from './api.ts';
import { ReportChart, ReportRows } from './charts.tsx';

const REGIONS = ['AMER', 'EMEA', 'APAC', 'USGOV'];
const day = (d: Date) => d.toISOString().slice(0, 10);

export function ReportsPage(_props: PageProps) {
  const list = useReportList();
  const [name, setName] = useState('time-to-acknowledge');
  const [since, setSince] = useState(day(new Date(Date.now() - 30 * 86_400_000)));
  const [until, setUntil] = useState(day(new Date()));
  const [region, setRegion] = useState<string | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const info = list.data?.find((r) => r.name === name);
  const q: ReportQuery = { since, until, region: region ?? undefined, group: info?.groupable ? group ?? undefined : undefined };
  return (
    <Stack gap="md">
      <PageHeader title="Reports" description="How fast we answered, where emergencies collided, and who carried the load, over a period. Every chart has its table and a CSV download."
        actions={<Button variant="light" onClick={() => navigate('/reports/whatif')} data-testid="open-whatif">What-if staffing</Button>} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label="Report" w={240} value={name} onChange={(v) => v && setName(v)} allowDeselect={false}
          data={(list.data ?? []).map((r) => ({ value: r.name, label: r.name }))} data-testid="report-name" />
        <TextInput label="Since" type="date" w={160} value={since} onChange={(e) => setSince(e.currentTarget.value)} />
        <TextInput label="Until" type="date" w={160} value={until} onChange={(e) => setUntil(e.currentTarget.value)} />
        <Select label="Region" placeholder="All regions" clearable w={160} value={region} onChange={setRegion} data={REGIONS} data-testid="report-region" />
        {info?.groupable && <Select label="Group by" placeholder="No grouping" clearable w={170} value={group} onChange={setGroup} data={['region', 'organisation', 'form']} />}
      </Group>
      {list.isError ? <QueryError what="the reports" error={list.error} onRetry={() => void list.refetch()} /> : <Report name={name} q={q} />}
    </Stack>
  );
}

function Report({ name, q }: { name: string; q: ReportQuery }) {
  const r = useReport(name, q);
  if (r.isError) return <QueryError what="the report" error={r.error} onRetry={() => void r.refetch()} />;
  if (!r.data) return <LoadingRows />;
  const t = r.data;
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Text fw={600}>{t.title}</Text>
          <Text size="sm" c="dimmed">{t.since.slice(0, 10)} – {t.until.slice(0, 10)} · hours in {t.zone}</Text>
        </div>
        <Anchor href={csvUrl(name, q)} download data-testid="report-csv">Download CSV</Anchor>
      </Group>
      <Stack gap="md" mt="md">
        {t.rows.length === 0 ? <Empty title="Nothing in this period" description="No rows match the period and filters; widen the period or clear the region." /> : <>
          <ReportChart t={t} />
          <ReportRows t={t} />
        </>}
        <Text size="xs" c="dimmed">{t.note}</Text>
      </Stack>
    </Card>
  );
}
