import { Group, Stack, Text, Tooltip } from '@mantine/core';
import type { ContactKind, ContactMethod } from '../api/types.ts';

export const CONTACT_ICON: Record<ContactKind, string> = {
  email: '✉️', sms: '💬', voice: '📞', chat: '🗨️', push: '📱', webhook: '🔗',
};

export function ContactList({ methods, pageable }: { methods: ContactMethod[]; pageable: boolean }) {
  if (methods.length === 0) {
    return pageable
      ? <Text size="sm" c="red.7" fw={600}>None: cannot be paged</Text>
      : <Text span c="dimmed">—</Text>;
  }
  return (
    <Stack gap={2}>
      {methods.map((m) => (
        <Tooltip key={m.id} label={`${m.kind}${m.label ? ` · ${m.label}` : ''}${m.verified ? ' · verified' : ' · not verified'}`}>
          <Group gap={6} wrap="nowrap">
            <span aria-hidden>{CONTACT_ICON[m.kind] ?? '•'}</span>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }} c={m.verified ? undefined : 'dimmed'}>
              <span className="hl-visually-hidden">{m.kind}: </span>{m.address}
            </Text>
          </Group>
        </Tooltip>
      ))}
    </Stack>
  );
}
