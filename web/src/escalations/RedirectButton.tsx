// SM-4: one action on a message in an ordinary channel's thread that tried to escalate there: the
// standard, anonymous reply explaining the escalation process and linking the form is posted in
// that thread. A message is answered once; a second click shows the reply already given.
import { Button, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '../api/answer.ts';
import { request } from '../api/client.ts';

export function RedirectButton({ entryId }: { entryId: string }) {
  const qc = useQueryClient();
  const go = useMutation({
    mutationFn: () => request<Answer<'/api/v1/thread-entries/{id}/redirect', 'post'>>('POST', `/thread-entries/${encodeURIComponent(entryId)}/redirect`),
    // the reply lands in the thread on screen: an emergency's or an escalation's help thread
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ['emergencies'] }), qc.invalidateQueries({ queryKey: ['escalations'] })]),
  });
  if (go.data) return <Text size="xs" c="dimmed" data-testid="redirected">{go.data.redirected ? 'Pointed to the escalation process' : 'Already pointed to the escalation process'}</Text>;
  return (
    <>
      <Button size="compact-xs" variant="subtle" color="gray" loading={go.isPending} onClick={() => go.mutate()} data-testid="redirect-entry"
        title="Reply in this thread, with no author, explaining how to file an escalation (SM-4)">Redirect to escalation form</Button>
      {go.error && <Text size="xs" c="red" role="alert">{(go.error as Error).message}</Text>}
    </>
  );
}
