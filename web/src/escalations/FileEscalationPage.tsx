// SM-1: "File an escalation" — for a ticket (by number; the ticket page's Escalate button prefills
// it) or an internal request: what is needed, the business case, and the urgency with the handbook's
// definitions beside each choice so the initiator picks honestly. The server's refusal (an unknown
// ticket, one already escalated) is shown with its message, and a link to the open escalation.
import { useState } from 'react';
import { Alert, Button, Group, Paper, Radio, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link, navigate, useRoute } from '../app/router.tsx';
import { PageHeader } from '../ui/states.tsx';
import { toast } from '../ui/toast.tsx';
import { fileEscalation, useDefinitions, type Urgency } from './api.ts';

export function FileEscalationPage(_: PageProps) {
  const { query } = useRoute();
  const defs = useDefinitions();
  const [kind, setKind] = useState<'ticket' | 'internal'>(query.get('internal') ? 'internal' : 'ticket');
  const [ticket, setTicket] = useState(query.get('ticket') ?? '');
  const [title, setTitle] = useState('');
  const [need, setNeed] = useState('');
  const [businessCase, setBusinessCase] = useState('');
  const [urgency, setUrgency] = useState<Urgency | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const ready = need.trim() && businessCase.trim() && urgency && (kind === 'ticket' ? ticket.trim() : title.trim());

  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const e = await fileEscalation({
        ...(kind === 'ticket' ? { ticket: ticket.trim().replace(/^#/, '') } : { title: title.trim() }),
        need: need.trim(), businessCase: businessCase.trim(), urgency: urgency as Urgency,
      });
      toast({ title: `Escalation #${e.number} filed`, message: e.manager ? `Announced in ${e.channel} to ${e.manager.name}, the support manager on call.` : `Announced in ${e.channel}; no support manager is on call right now.` });
      navigate(`/escalations/${e.number}`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const open = error instanceof ApiError && error.code === 'escalation.already_open' ? (error.details as { number?: number })?.number : undefined;

  return (
    <>
      <Text size="sm" mb={4}><Link to="/escalations">← Escalations</Link></Text>
      <PageHeader title="File an escalation" description="The support manager on call is told at once, by name, in the escalations channel; a ticket also gets an internal note linking the escalation." />
      <Paper withBorder p="lg" maw={820}>
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="escalation-form">
          <Stack>
            <SegmentedControl aria-label="What is escalated" value={kind} onChange={(v) => setKind(v as 'ticket' | 'internal')}
              data={[{ value: 'ticket', label: 'A ticket' }, { value: 'internal', label: 'An internal request' }]} />
            {kind === 'ticket'
              ? <TextInput label="Ticket number" description="The ticket the customer is waiting on" value={ticket} onChange={(e) => setTicket(e.currentTarget.value)} required />
              : <TextInput label="Title" description="What the request is about" value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} required />}
            <Textarea label="What is needed" description="An owner, a decision, a faster response, expertise …" value={need} onChange={(e) => setNeed(e.currentTarget.value)} autosize minRows={2} maxLength={4000} required />
            <Textarea label="Business case" description="Why this needs more than the usual process" value={businessCase} onChange={(e) => setBusinessCase(e.currentTarget.value)} autosize minRows={2} maxLength={4000} required />
            <Radio.Group label="Urgency" value={urgency} onChange={(v) => setUrgency(v as Urgency)} required>
              <Stack gap="xs" mt="xs">
                {(defs.data?.urgencies ?? []).map((u) => (
                  <Radio key={u.urgency} value={u.urgency} label={u.urgency[0]!.toUpperCase() + u.urgency.slice(1)} description={u.definition} />
                ))}
              </Stack>
            </Radio.Group>
            {error && (
              <Alert color="red" role="alert" data-testid="file-error">
                {error.message}{open !== undefined && <> <Link to={`/escalations/${open}`}>Open escalation #{open}</Link></>}
              </Alert>
            )}
            <Group><Button type="submit" loading={busy} disabled={!ready} data-testid="file-submit">File escalation</Button></Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
