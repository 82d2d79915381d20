// PG-8: "what changed just before this broke" — the change events (deploys, flags, config) of the
// page's service received in the hour before it was triggered, newest first. Shown on the page
// and on the emergency screen; nothing is shown when nothing changed.
import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import type { RecentChange } from '../api/paging.ts';
import { usePage } from '../api/paging.ts';
import { when } from '../tickets/badges.tsx';

const safeHref = (href: string) => /^https?:\/\//i.test(href) ? href : null;

export function RecentChanges({ changes }: { changes: RecentChange[] | undefined }) {
  if (!changes?.length) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="recent-changes">
      <Text fw={700} mb="xs">What changed just before this broke</Text>
      <Stack gap="xs">
        {changes.map((c) => (
          <div key={c.id} data-testid="recent-change">
            <Text size="sm" fw={600}>{c.summary}</Text>
            <Group gap={6}>
              <Text size="xs" c="dimmed">{when(c.timestamp ?? c.receivedAt)}{c.source ? ` · ${c.source}` : ''}</Text>
              {c.links.map((l) => {
                const href = safeHref(l.href);
                return href
                  ? <Anchor key={l.href} href={href} target="_blank" rel="noopener noreferrer nofollow" size="xs">{l.text ?? l.href}</Anchor>
                  : <Text key={l.href} span size="xs">{l.text ?? l.href}</Text>;
              })}
            </Group>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

/** The same, for a screen that knows only the page's id (the emergency screen). */
export function RecentChangesOfPage({ pageId }: { pageId: string }) {
  const q = usePage(pageId);
  return <RecentChanges changes={q.data?.recentChanges} />;
}
