// RP-2: what-if staffing (managers and admins). Choose a past period (the last quarter unless told),
// then either edit a copy of a rotation group in the page or paste/upload a workspace YAML proposal;
// Hotline replays the period's real emergencies against what was and what is proposed and shows
// both side by side. A refusal is shown next to the field it names; nothing is ever saved.
import '@mantine/charts/styles.css';
import { Alert, Button, Card, FileButton, Group, Loader, NativeSelect, Progress, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useUsers } from '../api/hooks.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { browserTimeZone } from '../ui/time.ts';
import { downloadCsv, saveJson, useRunWhatIf, useWhatIfStart, type Plain, type WhatIfInput } from './whatif-api.ts';
import { errorTarget, lastQuarter, proposalOf, rotationsOfGroup } from './whatif-edit.ts';
import { RotationEditor, type FieldError } from './WhatIfEditor.tsx';
import { Exports, WhatIfResultView } from './WhatIfResult.tsx';

type Source = 'edit' | 'yaml';

export function WhatIfPage(_props: PageProps) {
  const start = useWhatIfStart();
  const people = useUsers({});
  const staff = useMemo(() => (people.data ?? []).filter((u) => u.role !== 'customer'), [people.data]);
  const [period, setPeriod] = useState(() => lastQuarter(new Date()));
  const [source, setSource] = useState<Source>('edit');
  const [group, setGroup] = useState('');
  const [edited, setEdited] = useState<Record<string, Plain>>({});
  const [yaml, setYaml] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const run = useRunWhatIf();

  const groups = (start.data?.rotation_groups ?? []).map((g) => ({ value: String(g.id), label: String(g.name ?? g.id) }));
  const groupId = group || groups[0]?.value || '';
  const rotations = start.data ? rotationsOfGroup(start.data, groupId) : [];
  const proposal = source === 'edit' ? proposalOf(rotations, edited) : yaml.trim() || null;
  const input: WhatIfInput | null = proposal ? { since: period.since, until: period.until, proposal, zone: browserTimeZone() } : null;

  // Where the API's refusal points: a period field, a rotation's field, or the YAML text.
  const err = run.error instanceof ApiError ? run.error : null;
  const details = (err?.details ?? {}) as { field?: string; path?: string; line?: number; column?: number };
  const periodError = (name: 'since' | 'until') => (err && (err.code === 'whatif.bad_period') && (!details.field || details.field === name) ? err.message : undefined);
  const sent = run.variables && typeof run.variables.proposal === 'object' ? ((run.variables.proposal as { rotations?: Plain[] }).rotations ?? []) : [];
  const target = err && source === 'edit' ? errorTarget(details.path ?? err.message, sent) : null;
  const fieldError: FieldError | null = target ? { ...target, message: err!.message } : null;
  const yamlError = err && source === 'yaml' && err.code !== 'whatif.bad_period' ? err.message : undefined;
  const otherError = run.error && !periodError('since') && !periodError('until') && !fieldError && !yamlError ? run.error : null;

  const go = () => {
    setLocal(null);
    if (!input) return setLocal(source === 'edit' ? 'Change something in the group first: a member, the order, a hand-off or the hours.' : 'Paste or upload a proposal first.');
    run.mutate(input);
  };
  const exportCsv = async (format: 'csv' | 'people-csv') => {
    if (!run.variables) return;
    setExporting(true);
    try { await downloadCsv(run.variables, format); } catch (e) { setLocal((e as Error).message); } finally { setExporting(false); }
  };

  return (
    <Stack gap="md">
      <PageHeader title="What-if staffing" description="Replay a past period's real emergencies against a changed schedule, side by side with what happened. Nothing is saved."
        actions={<Link to="/reports">Back to reports</Link>} />
      <Card withBorder radius="md" padding="md">
        <Stack gap="md">
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput label="Since" type="date" w={170} value={period.since} onChange={(e) => setPeriod({ ...period, since: e.currentTarget.value })} error={periodError('since')} data-testid="whatif-since" />
            <TextInput label="Until" type="date" w={170} value={period.until} onChange={(e) => setPeriod({ ...period, until: e.currentTarget.value })} error={periodError('until')} data-testid="whatif-until" />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="whatif-source">Proposal</Text>
              <SegmentedControl aria-labelledby="whatif-source" value={source} onChange={(v) => setSource(v as Source)}
                data={[{ value: 'edit', label: 'Edit a rotation group' }, { value: 'yaml', label: 'Workspace YAML' }]} />
            </Stack>
          </Group>
          {source === 'edit' && (start.isError ? <QueryError what="the current schedules" error={start.error} onRetry={() => void start.refetch()} />
            : !start.data ? <LoadingRows rows={3} />
            : (
              <Stack gap="sm">
                <NativeSelect label="Rotation group" w={320} value={groupId} data={groups} onChange={(e) => { setGroup(e.currentTarget.value); setEdited({}); }} data-testid="whatif-group" />
                <Text size="sm" c="dimmed">A copy of its rotations as they are now. Change members, their order, the first hand-off, the length of a turn or the hours; only what you change is proposed.</Text>
                {rotations.map((r) => (
                  <RotationEditor key={`${groupId}-${String(r.id)}`} original={r} value={edited[String(r.id)] ?? r} people={staff} error={fieldError}
                    onChange={(next) => setEdited((e) => ({ ...e, [String(r.id)]: next }))} />
                ))}
              </Stack>
            ))}
          {source === 'yaml' && (
            <Stack gap="xs">
              <Textarea label="Proposal (workspace YAML: rotations, schedules or rotation_groups as they would be)" autosize minRows={8} maxRows={24}
                ff="monospace" value={yaml} onChange={(e) => setYaml(e.currentTarget.value)} error={yamlError} data-testid="whatif-yaml"
                placeholder={'rotations:\n  - { id: amer-2, name: AMER 2, time_zone: America/New_York, start: \'2026-01-05T00:00\', handoff: { every: 1, unit: weeks }, restrictions: [ \'12:00-19:00\' ], members: [ a@example.com, b@example.com ] }'} />
              <Group gap="xs">
                <FileButton accept=".yaml,.yml,text/yaml,text/plain" onChange={(f) => { if (f) void f.text().then(setYaml); }}>
                  {(props) => <Button variant="default" size="xs" {...props}>Upload a YAML file</Button>}
                </FileButton>
                <Text size="xs" c="dimmed">Start from <code>hotline export</code>; same ids replace the current items.</Text>
              </Group>
            </Stack>
          )}
          <Group gap="sm">
            <Button onClick={go} loading={run.isPending} data-testid="whatif-run">Replay the period</Button>
            {local && <Text size="sm" c="red" role="alert">{local}</Text>}
          </Group>
          {otherError && <Alert color="red" variant="light" title="The what-if was refused" role="alert">{otherError.message}</Alert>}
        </Stack>
      </Card>
      {run.isPending && (
        <Card withBorder radius="md" padding="md" aria-live="polite" data-testid="whatif-progress">
          <Group gap="sm"><Loader size="sm" aria-label="Replaying" /><Text size="sm">Replaying every emergency of the period against both schedules; a year takes a few seconds…</Text></Group>
          <Progress value={100} animated striped mt="sm" aria-label="Replay in progress" />
        </Card>
      )}
      {run.data && !run.isPending && (
        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Text fw={600}>Actual and proposed, side by side</Text>
            <Exports busy={exporting} onCsv={() => void exportCsv('csv')} onPeopleCsv={() => void exportCsv('people-csv')} onJson={() => saveJson(run.data!)} />
          </Group>
          <WhatIfResultView r={run.data} nameOf={(email) => people.data?.find((u) => u.email.toLowerCase() === email.toLowerCase())?.name} />
        </Card>
      )}
    </Stack>
  );
}
