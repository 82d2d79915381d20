// TK-5 bulk edit of selected search rows: tag, public reply, status, priority. The server runs it
// as a durable job; we poll it and show progress and one line per ticket.
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Progress, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { startBulk, TICKET_PRIORITIES, TICKET_STATUSES, useBulkJob, useTicketMutation, type BulkInput } from '../api/tickets.ts';
import { label } from './badges.tsx';

export function BulkEditPanel({ ticketIds, numbers, onDone }: { ticketIds: string[]; numbers: number[]; onDone: () => void }) {
  const [tag, setTag] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [priority, setPriority] = useState<string | null>(null);
  const [reply, setReply] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useTicketMutation((b: BulkInput) => startBulk(b));
  const job = useBulkJob(jobId);
  const qc = useQueryClient();

  const body: BulkInput = { ticketIds };
  const tags = tag.split(/[\s,]+/).filter(Boolean);
  if (tags.length) body.addTags = tags;
  if (status) body.status = status;
  if (priority) body.priority = priority;
  if (reply.trim()) body.publicReply = reply.trim();
  const nothing = Object.keys(body).length === 1;

  const go = () => start.mutate(body, { onSuccess: (j) => setJobId(j.id) });
  const j = job.data;
  const finished = j?.status === 'done';
  useEffect(() => { if (finished) void qc.invalidateQueries({ queryKey: ['tickets', 'search'] }); }, [finished, qc]);

  return (
    <Paper withBorder p="md" mt="md" radius="md" data-testid="bulk-panel" bg="var(--mantine-color-body)">
      <Text fw={700} mb="xs">Change {ticketIds.length} selected tickets ({numbers.map((n) => `#${n}`).join(', ')})</Text>
      {!jobId && (
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput label="Add tags" placeholder="e.g. outage-2026-11" value={tag} onChange={(e) => setTag(e.currentTarget.value)} />
            <Select label="Status" placeholder="unchanged" clearable data={TICKET_STATUSES.map((s) => ({ value: s, label: label(s) }))} value={status} onChange={setStatus} />
            <Select label="Priority" placeholder="unchanged" clearable data={[...TICKET_PRIORITIES]} value={priority} onChange={setPriority} />
          </Group>
          <Textarea label="Public reply (sent to each requester)" autosize minRows={2} value={reply} onChange={(e) => setReply(e.currentTarget.value)} />
          {start.error && <Alert color="red" role="alert">{start.error.message}</Alert>}
          <Group>
            <Button onClick={go} disabled={nothing} loading={start.isPending} data-testid="bulk-apply">Apply to {ticketIds.length} tickets</Button>
            <Button variant="subtle" onClick={onDone}>Cancel</Button>
          </Group>
        </Stack>
      )}
      {jobId && (
        <Stack gap="xs" data-testid="bulk-progress">
          <Group justify="space-between">
            <Text size="sm">{finished ? 'Finished' : 'Working…'} {j ? `${j.done + j.failed} of ${j.total}` : ''}{j?.failed ? ` · ${j.failed} failed` : ''}</Text>
            {finished && <Button size="xs" variant="light" onClick={onDone}>Done</Button>}
          </Group>
          <Progress value={j && j.total ? ((j.done + j.failed) / j.total) * 100 : 5} animated={!finished} color={j?.failed ? 'orange' : 'teal'} />
          {j?.results && (
            <Table withRowBorders={false} aria-label="Bulk results">
              <Table.Tbody>
                {j.results.map((r) => (
                  <Table.Tr key={r.ticketId} data-testid="bulk-result">
                    <Table.Td ff="monospace">#{r.number}</Table.Td>
                    <Table.Td>{r.ok ? <Badge color="teal">{r.unchanged ? 'unchanged' : 'updated'}</Badge> : <Badge color="red">failed</Badge>}</Table.Td>
                    <Table.Td><Text size="sm" c="dimmed">{r.error ? (typeof r.error === 'string' ? r.error : r.error.message) : ''}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Paper>
  );
}
