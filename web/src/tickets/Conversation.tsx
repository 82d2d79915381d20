// The ticket conversation: public replies and internal notes look unmistakably different, because
// a note posted as a reply reaches the customer.
import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { TicketComment } from '../api/tickets.ts';
import { when } from './badges.tsx';

/** TK-2: attachment metadata as the ticket view lists it; without an id the file was not kept. */
export interface CommentAttachment { id?: string; filename: string | null; contentType: string; size: number }

const sizeOf = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`);

export function Attachments({ ticketId, files }: { ticketId: string; files: CommentAttachment[] }) {
  return (
    <Group gap="xs" mt={6} data-testid="attachments">
      {files.map((f, i) => f.id
        ? <Anchor key={f.id} size="sm" href={`/api/v1/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(f.id)}`} download={f.filename ?? undefined}>📎 {f.filename ?? 'attachment'} ({sizeOf(f.size)})</Anchor>
        : <Text key={`missing-${i}`} size="sm" c="dimmed" title="Larger than the attachment limit; not stored">📎 {f.filename ?? 'attachment'} ({sizeOf(f.size)}, not kept)</Text>)}
    </Group>
  );
}

export function CommentCard({ isPublic, author, body, at, ticketId, attachments }: { isPublic: boolean; author: string; body: string; at: string | null; ticketId?: string; attachments?: CommentAttachment[] }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={isPublic ? 'public-reply' : 'internal-note'}
      bg={isPublic ? undefined : 'var(--mantine-color-yellow-light)'}
      style={{ borderLeft: `4px solid var(--mantine-color-${isPublic ? 'blue' : 'yellow'}-filled)` }}>
      <Group justify="space-between" mb={4}>
        <Group gap={6}>
          <Text fw={600} size="sm">{author}</Text>
          {isPublic ? <Badge color="blue" variant="light">Public reply</Badge> : <Badge color="yellow" variant="filled">Internal note · customer cannot see</Badge>}
        </Group>
        {at && <Text size="xs" c="dimmed">{when(at)}</Text>}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{body}</Text>
      {ticketId && attachments && attachments.length > 0 && <Attachments ticketId={ticketId} files={attachments} />}
    </Paper>
  );
}

export function Conversation({ comments, nameOf }: { comments: (TicketComment & { attachments?: CommentAttachment[] })[]; nameOf: (id: string) => string }) {
  if (comments.length === 0) return <Text c="dimmed">No messages yet.</Text>;
  return (
    <Stack gap="sm" data-testid="conversation">
      {comments.map((c) => <CommentCard key={c.id} isPublic={c.isPublic} author={nameOf(c.authorId ?? '')} body={c.body} at={c.createdAt} ticketId={c.ticketId} attachments={c.attachments} />)}
    </Stack>
  );
}
