// TK-8: one request as the customer sees it: public replies only (internal notes never reach the
// browser; filtered again here as a second guard), and a reply box.
import { useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { isWebUrl, useTicketBridge } from '../api/emergencies.ts';
import { portalReply, usePortalTicket, useTicketMutation } from '../api/tickets.ts';
import { AttachFiles, toUploads } from './files.tsx';
import { afterSent } from '../ui/compose.ts';
import { Linkified } from './Linkified.tsx';
import { Attachments, type CommentAttachment } from '../tickets/Conversation.tsx';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { LoadingRows, PageHeader, QueryError } from '../ui/states.tsx';
import { EmergencyMark, StatusBadge, when } from '../tickets/badges.tsx';

export function PortalTicketPage({ params, me }: PageProps) {
  const id = params.id ?? '';
  const q = usePortalTicket(id);
  const bridge = useTicketBridge(id, !!q.data?.ticket.isEmergency);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const reply = useTicketMutation(async (text: string) => portalReply(id, text, files.length ? await toUploads(files) : undefined));
  if (q.isError) return <QueryError what="your request" error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <LoadingRows />;
  const { ticket: t } = q.data;
  const comments = q.data.comments.filter((c) => c.isPublic) as (typeof q.data.comments[number] & { attachments?: CommentAttachment[]; authorName?: string | null })[];
  // Who solved it and said why: the last public reply from someone other than the customer's side.
  const lastAnswer = [...comments].reverse().find((c) => c.authorId && c.authorId !== t.requesterId && c.authorId !== me.id);
  return (
    <>
      <Text size="sm" mb={4}><Link to="/support">← Your requests</Link></Text>
      <PageHeader title={<>#{t.number} {t.subject}</>}
        description={<Group gap={6} component="span"><StatusBadge status={t.status} /><EmergencyMark on={t.isEmergency} /><Text span size="sm" c="dimmed">opened {when(t.createdAt)}</Text></Group>} />
      {t.isEmergency && t.status === 'new' && (
        <Alert color="red" variant="light" mb="md">Emergencies page the on-call engineer around the clock. Keep this page open: their reply appears here and in your e-mail.</Alert>
      )}
      {bridge.data && isWebUrl(bridge.data.bridgeUrl) && (
        <Alert color="blue" variant="light" mb="md" title="Join the call" data-testid="portal-bridge">
          The engineer working your emergency is on this bridge: <Anchor href={bridge.data.bridgeUrl} target="_blank" rel="noopener noreferrer" data-testid="portal-bridge-link" style={{ overflowWrap: 'anywhere' }}>{bridge.data.bridgeUrl}</Anchor>
        </Alert>
      )}
      <Stack gap="sm" maw={820} data-testid="portal-conversation">
        {comments.map((c) => (
          <Paper key={c.id} withBorder radius="md" p="sm" bg={c.authorId === me.id ? 'var(--mantine-color-blue-light)' : undefined}>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm" data-testid="reply-author">{c.authorId === me.id ? 'You' : c.authorName ?? 'Support'}</Text>
              <Text size="xs" c="dimmed">{when(c.createdAt)}</Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}><Linkified text={c.body} /></Text>
            {c.attachments && c.attachments.length > 0 && <Attachments ticketId={t.id} files={c.attachments} />}
          </Paper>
        ))}
        {t.status === 'solved' && (
          <Alert color="teal" variant="light" title="This request is solved" data-testid="solved-explained">
            {lastAnswer ? <>{lastAnswer.authorName ?? 'Support'} marked it solved{t.solvedAt ? ` ${when(t.solvedAt)}` : ''}; their last reply above says what was done. </> : <>It was marked solved{t.solvedAt ? ` ${when(t.solvedAt)}` : ''}. </>}
            If the problem is still there or came back, reply below: replying reopens the request.
          </Alert>
        )}
        {t.status !== 'closed' ? (
          <Paper withBorder radius="md" p="md">
            <Textarea label="Your reply" autosize minRows={3} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
            <AttachFiles value={files} onChange={setFiles} />
            {reply.error && <Alert color="red" mt="xs" role="alert">{reply.error.message}</Alert>}
            <Group justify="flex-end" mt="xs">
              <Button disabled={!body.trim()} loading={reply.isPending} onClick={() => { const sent = body; reply.mutate(sent.trim(), { onSuccess: () => { setBody((now) => afterSent(now, sent)); setFiles([]); } }); }}>Send reply</Button>
            </Group>
          </Paper>
        ) : <Text c="dimmed">This request is closed. Open a new one if you need more help.</Text>}
      </Stack>
    </>
  );
}
