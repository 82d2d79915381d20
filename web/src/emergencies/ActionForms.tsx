// The forms behind the emergency's actions: qualify (WF-4), post-call (WF-8), hand-off (SCH-10)
// and resolve with a follow-up ticket (WF-9). Each shows the server's refusal in its own words.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Paper, Radio, Select, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import {
  emergencyApi, useEmergencyMutation, type Criterion, type Emergency, type FollowUpInput, type Priority, type Verdict,
} from '../api/emergencies.ts';
import { Link } from '../app/router.tsx';
import { VERDICT_LABEL } from './badges.tsx';

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
const CRITERIA: { value: Criterion; label: string }[] = [
  { value: 'financial_impact', label: 'Financial impact' }, { value: 'unusable_for_business', label: 'Unusable for business' },
  { value: 'legal', label: 'Legal' }, { value: 'audit', label: 'Audit' }, { value: 'security', label: 'Security' },
];
const opt = (s?: string) => (s && s.trim() ? s.trim() : undefined);

function FormShell({ title, testId, error, children, onCancel }: { title: string; testId: string; error: Error | null; children: ReactNode; onCancel: () => void }) {
  return (
    <Paper withBorder radius="md" p="md" mt="md" data-testid={testId}>
      <Group justify="space-between" mb="xs"><Text fw={700}>{title}</Text><Button size="xs" variant="subtle" onClick={onCancel}>Close</Button></Group>
      <Stack gap="sm">{children}</Stack>
      {error && <Alert color="red" mt="sm" role="alert" title="Refused" data-testid="action-error">{error.message}</Alert>}
    </Paper>
  );
}

export function QualifyForm({ e, onDone }: { e: Emergency; onDone: () => void }) {
  const [verdict, setVerdict] = useState<Verdict>('strict');
  const [criterion, setCriterion] = useState<Criterion | null>(null);
  const [message, setMessage] = useState('');
  const [related, setRelated] = useState<number | string>('');
  const [downgrade, setDowngrade] = useState<Priority>('high');
  const run = useEmergencyMutation(() => emergencyApi.qualify(String(e.ticketNumber), {
    verdict, message: opt(message), ...(verdict === 'exception' && criterion ? { criterion } : {}),
    ...(verdict === 'not_emergency' ? { downgradePriority: downgrade, relatedTicket: typeof related === 'number' ? related : null } : {}),
  }));
  return (
    <FormShell title="Qualify the emergency" testId="qualify-form" error={run.error} onCancel={onDone}>
      <Radio.Group label="Verdict" value={verdict} onChange={(v) => setVerdict(v as Verdict)}>
        <Group mt={4}>{(Object.keys(VERDICT_LABEL) as Verdict[]).map((v) => <Radio key={v} value={v} label={VERDICT_LABEL[v]} />)}</Group>
      </Radio.Group>
      {verdict === 'exception' && <Select label="Exception criterion" required data={CRITERIA} value={criterion} onChange={(v) => setCriterion(v as Criterion | null)} />}
      {verdict === 'not_emergency' && (
        <Group grow>
          <Select label="Downgrade to" data={PRIORITIES.filter((p) => p !== 'urgent')} value={downgrade} onChange={(v) => v && setDowngrade(v as Priority)} allowDeselect={false} />
          <NumberInput label="Customer's related ticket #" description="Closes this one into it" min={1} value={related} onChange={setRelated} />
        </Group>
      )}
      <Textarea label="Public message" description="Leave empty to send the macro's wording." autosize minRows={2} value={message} onChange={(ev) => setMessage(ev.currentTarget.value)} />
      <Group><Button onClick={() => run.mutate(undefined, { onSuccess: onDone })} loading={run.isPending} data-testid="qualify-submit">Apply verdict</Button></Group>
    </FormShell>
  );
}

export function PostCallForm({ e, onDone }: { e: Emergency; onDone: () => void }) {
  const [summary, setSummary] = useState('');
  const [notes, setNotes] = useState('');
  const [resolved, setResolved] = useState(true);
  const [other, setOther] = useState<number | string>('');
  const run = useEmergencyMutation(() => emergencyApi.postCall(String(e.ticketNumber), {
    summary: summary.trim(), internalNotes: opt(notes) ?? null, resolved, ...(!resolved && typeof other === 'number' ? { nonEmergencyTicket: other } : {}),
  }));
  return (
    <FormShell title="After the call" testId="post-call-form" error={run.error} onCancel={onDone}>
      <Textarea label="Public summary for the customer" required autosize minRows={2} value={summary} onChange={(ev) => setSummary(ev.currentTarget.value)} />
      <Textarea label="Internal notes" autosize minRows={2} value={notes} onChange={(ev) => setNotes(ev.currentTarget.value)} />
      <Checkbox label="The problem is resolved" checked={resolved} onChange={(ev) => setResolved(ev.currentTarget.checked)} />
      {!resolved && <NumberInput label="Customer's non-emergency ticket #" description="The emergency is merged into it" min={1} value={other} onChange={setOther} />}
      <Text size="xs" c="dimmed">The next on-call engineer is tagged in the thread.</Text>
      <Group><Button disabled={!summary.trim()} onClick={() => run.mutate(undefined, { onSuccess: onDone })} loading={run.isPending}>Save post-call notes</Button></Group>
    </FormShell>
  );
}

export function HandoffForm({ e, staff, onDone }: { e: Emergency; staff: { value: string; label: string }[]; onDone: () => void }) {
  const [replacement, setReplacement] = useState<string | null>(null);
  const run = useEmergencyMutation(() => emergencyApi.handoff(String(e.ticketNumber), replacement));
  return (
    <FormShell title="Hand off" testId="handoff-form" error={run.error} onCancel={onDone}>
      <Select label="New DRI" placeholder="Me — I take it over" searchable clearable data={staff} value={replacement} onChange={setReplacement} />
      <Group><Button onClick={() => run.mutate(undefined, { onSuccess: onDone })} loading={run.isPending}>{replacement ? 'Hand off' : 'Take it over'}</Button></Group>
    </FormShell>
  );
}

export function ResolveForm({ e, onDone }: { e: Emergency; onDone: () => void }) {
  const [kind, setKind] = useState<FollowUpInput['kind']>('new');
  const [subject, setSubject] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [existing, setExisting] = useState<number | string>('');
  const [summary, setSummary] = useState('');
  const [note, setNote] = useState('');
  const [pairing, setPairing] = useState<string[]>([]);
  const [created, setCreated] = useState<string[] | null>(null);
  const followUp = (): FollowUpInput => kind === 'new' ? { kind, subject: subject.trim(), priority }
    : kind === 'existing' ? { kind, ticket: Number(existing), priority } : { kind: 'none' };
  const run = useEmergencyMutation(() => emergencyApi.resolve(String(e.ticketNumber), {
    followUp: followUp(), summary: opt(summary), followUpNote: opt(note), ...(pairing.length ? { pairing } : {}),
  }));
  const ready = kind === 'none' || (kind === 'new' ? !!subject.trim() : typeof existing === 'number');
  if (created) {
    return (
      <Alert color="teal" mt="md" title="Emergency solved" data-testid="resolved-notice" withCloseButton onClose={onDone}>
        {created.length ? <>Follow-up work continues in {created.map((id) => <Link key={id} to={`/tickets/${id}`} data-testid="follow-up-link">the follow-up ticket</Link>)}.</>
          : kind === 'existing' ? `Follow-up work continues in ticket #${existing}.`
            : 'Any follow-up work must happen in a separate ticket, never in the emergency ticket.'}
      </Alert>
    );
  }
  return (
    <FormShell title="Resolve the emergency" testId="resolve-form" error={run.error} onCancel={onDone}>
      <Text size="sm">Solves the emergency ticket. Work that continues goes to a follow-up ticket (WF-9).</Text>
      <Radio.Group label="Follow-up" value={kind} onChange={(v) => setKind(v as FollowUpInput['kind'])}>
        <Group mt={4}>
          <Radio value="new" label="New follow-up ticket" />
          <Radio value="existing" label="Existing ticket" />
          <Radio value="none" label="No follow-up needed" />
        </Group>
      </Radio.Group>
      {kind === 'new' && <TextInput label="Follow-up subject" required value={subject} onChange={(ev) => setSubject(ev.currentTarget.value)} />}
      {kind === 'existing' && <NumberInput label="Existing ticket #" required min={1} value={existing} onChange={setExisting} />}
      {kind !== 'none' && <Select label="Follow-up priority" data={PRIORITIES.filter((p) => p !== 'urgent')} value={priority} onChange={(v) => v && setPriority(v as Priority)} allowDeselect={false} />}
      {kind !== 'none' && <Textarea label="Note to the customer on the follow-up" autosize minRows={2} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} />}
      <Textarea label="Internal emergency summary" autosize minRows={2} value={summary} onChange={(ev) => setSummary(ev.currentTarget.value)} />
      <TagsInput label="Pairing: who helped (e-mail)" value={pairing} onChange={setPairing} />
      <Group>
        <Button color="teal" disabled={!ready} loading={run.isPending} data-testid="resolve-submit"
          onClick={() => run.mutate(undefined, { onSuccess: (r) => setCreated(r.followUpTicketIds) })}>Solve the emergency</Button>
      </Group>
    </FormShell>
  );
}
