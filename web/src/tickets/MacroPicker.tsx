// TK-3: pick a macro, see exactly what it would change and the comment it would post, then apply
// it as one audited change. The preview changes nothing on the server.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { applyMacro, previewMacro, useMacros, useTicketMutation, type FieldChange, type MacroPreview, type Ticket } from '../api/tickets.ts';
import { CommentCard } from './Conversation.tsx';
import { ConflictNotice, isConflict } from './conflict.tsx';

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : '—') : String(v));

function ChangeLine({ c }: { c: FieldChange }) {
  if (c.field === 'tags' && (c.added || c.removed)) {
    return (
      <Group gap={4}>
        <Text size="sm" fw={600}>tags</Text>
        {c.added?.map((t) => <Badge key={t} color="teal" variant="light" tt="none">+ {t}</Badge>)}
        {c.removed?.map((t) => <Badge key={t} color="red" variant="light" tt="none">− {t}</Badge>)}
      </Group>
    );
  }
  return <Text size="sm"><b>{c.field}</b>: {show(c.from)} → <b>{show(c.to)}</b></Text>;
}

export function MacroPicker({ ticket, onReload }: { ticket: Ticket; onReload: () => void }) {
  const macros = useMacros();
  const [macroId, setMacroId] = useState<string | null>(null);
  const [preview, setPreview] = useState<MacroPreview | null>(null);
  const load = useTicketMutation((id: string) => previewMacro(ticket.id, id));
  const apply = useTicketMutation((id: string) => applyMacro(ticket.id, id, ticket.version));
  const chosen = macros.data?.find((m) => m.id === macroId);

  const pick = (id: string | null) => {
    setMacroId(id);
    setPreview(null);
    apply.reset();
    if (id) load.mutate(id, { onSuccess: setPreview });
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="macro-picker">
      <Text fw={700} mb="xs">Macro</Text>
      <Select searchable placeholder="Pick a macro to preview" aria-label="Macro" value={macroId} onChange={pick}
        data={(macros.data ?? []).filter((m) => m.active).map((m) => ({ value: m.id, label: m.title }))} nothingFoundMessage="No macro matches" />
      {chosen?.description && <Text size="xs" c="dimmed" mt={4}>{chosen.description}</Text>}
      {load.error && <Alert color="red" mt="xs" role="alert">{load.error.message}</Alert>}
      {preview && (
        <Stack gap="xs" mt="sm" data-testid="macro-preview">
          <Text size="sm" fw={700}>Preview: nothing is changed until you apply</Text>
          {preview.changes.length === 0 && <Text size="sm" c="dimmed">No field changes.</Text>}
          {preview.changes.map((c) => <ChangeLine key={c.field} c={c} />)}
          {preview.comments.map((c, i) => (
            <CommentCard key={i} isPublic={c.public} author="You (after applying)" body={c.body} at={null} />
          ))}
          {apply.error && (isConflict(apply.error) ? <ConflictNotice onReload={onReload} /> : <Alert color="red" role="alert">{apply.error.message}</Alert>)}
          {apply.isSuccess ? (
            <Alert color="teal" data-testid="macro-applied">Macro applied.</Alert>
          ) : (
            <Group>
              <Button onClick={() => macroId && apply.mutate(macroId)} loading={apply.isPending} data-testid="macro-apply">Apply macro</Button>
              <Button variant="subtle" onClick={() => pick(null)}>Cancel</Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}
