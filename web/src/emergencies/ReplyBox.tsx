// Reply on the emergency ticket (TK-2): a public reply reaches the customer and arms the silence
// timers (WF-5); an internal note never leaves staff. The two look unmistakably different.
import { forwardRef, useRef, useState } from 'react';
import { useMergedRef } from '@mantine/hooks';
import { Alert, Button, Group, Paper, SegmentedControl, Text, Textarea } from '@mantine/core';
import { useEmergencyMutation } from '../api/emergencies.ts';
import { addComment } from '../api/tickets.ts';
import { useShortcut } from '../keyboard/Shortcuts.tsx';
import { afterSent } from '../ui/compose.ts';

export const ReplyBox = forwardRef<HTMLTextAreaElement, { ticketId: string }>(function ReplyBox({ ticketId }, ref) {
  const [kind, setKind] = useState<'public' | 'note'>('public');
  const [body, setBody] = useState('');
  const send = useEmergencyMutation((v: { body: string; public: boolean }) => addComment(ticketId, v));
  const isNote = kind === 'note';
  const box = useRef<HTMLTextAreaElement>(null);
  const textRef = useMergedRef(ref, box);
  // `r` and `n` (keyboard/keys.ts): start a public reply or an internal note from anywhere on the page.
  useShortcut('reply', () => { setKind('public'); box.current?.focus(); });
  useShortcut('note', () => { setKind('note'); box.current?.focus(); });
  return (
    <Paper withBorder radius="md" p="md" bg={isNote ? 'var(--mantine-color-yellow-light)' : undefined} data-testid="reply-box">
      <Group justify="space-between" mb="xs">
        <SegmentedControl value={kind} onChange={(v) => setKind(v as 'public' | 'note')} color={isNote ? 'yellow' : 'blue'}
          data={[{ value: 'public', label: 'Public reply' }, { value: 'note', label: 'Internal note' }]} />
        <Text size="xs" c="dimmed">{isNote ? 'Only staff see internal notes.' : 'The customer sees this in the portal and by e-mail.'}</Text>
      </Group>
      <Textarea ref={textRef} autosize minRows={3} aria-label={isNote ? 'Internal note' : 'Public reply'} value={body}
        onChange={(e) => setBody(e.currentTarget.value)} placeholder={isNote ? 'Note for colleagues…' : 'Reply to the customer…'} />
      {send.error && <Alert color="red" mt="xs" role="alert">{send.error.message}</Alert>}
      <Group mt="xs" justify="flex-end">
        <Button color={isNote ? 'yellow' : 'blue'} disabled={!body.trim()} loading={send.isPending} data-testid="send-reply"
          onClick={() => { const sent = body; send.mutate({ body: sent.trim(), public: !isNote }, { onSuccess: () => setBody((now) => afterSent(now, sent)) }); }}>
          {isNote ? 'Add internal note' : 'Send public reply'}
        </Button>
      </Group>
    </Paper>
  );
});
