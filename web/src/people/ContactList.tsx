import { Group, Stack, Text } from '@mantine/core';
import type { ContactKind, ContactMethod } from '../api/types.ts';
import { IconChat, IconDevice, IconLink, IconMail, IconPhone, IconSms } from '../ui/icons.tsx';

export const CONTACT_ICON: Record<ContactKind, typeof IconMail> = {
  email: IconMail, sms: IconSms, voice: IconPhone, chat: IconChat, push: IconDevice, webhook: IconLink, browser: IconDevice,
};

// A native title instead of a Mantine Tooltip: lists render dozens of these and a floating
// tooltip per cell makes long tables sluggish.
export function ContactList({ methods, pageable }: { methods: ContactMethod[]; pageable: boolean }) {
  if (methods.length === 0) {
    return pageable
      ? <Text size="sm" c="red" fw={600}>None: cannot be paged</Text>
      : <Text span c="dimmed">—</Text>;
  }
  return (
    <Stack gap={2}>
      {methods.map((m) => (
        <Group key={m.id} gap={6} wrap="nowrap"
          title={`${m.kind}${m.label ? ` · ${m.label}` : ''}${m.verified ? ' · verified' : ' · not verified'}`}>
          <KindIcon kind={m.kind} />
          <Text size="sm" style={{ whiteSpace: 'nowrap' }} c={m.verified ? undefined : 'dimmed'}>
            <span className="hl-visually-hidden">{m.kind}: </span>{m.address}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function KindIcon({ kind }: { kind: ContactKind }) {
  const Icon = CONTACT_ICON[kind] ?? IconLink;
  return <Icon size={16} style={{ opacity: 0.8 }} />;
}
