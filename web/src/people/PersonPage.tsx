// One person: profile, contact methods and (admins) deactivation. /people/me is "My profile",
// which adds the signed-in user's API tokens.
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { useUpdateUser, useUser } from '../api/hooks.ts';
import type { User } from '../api/types.ts';
import type { PageProps } from '../app/page-props.ts';
import { Link } from '../app/router.tsx';
import { RoleBadge } from '../ui/badges.tsx';
import { Empty, LoadingRows, QueryError } from '../ui/states.tsx';
import { IconArrowLeft, IconUser } from '../ui/icons.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ContactMethodsEditor } from './ContactMethodsEditor.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { TokensSection } from './TokensSection.tsx';
import { BrowserNotify } from '../notify/BrowserNotify.tsx';

const Back = () => (
  <Anchor component={Link} to="/people" size="sm" fw={600} mb="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
    <IconArrowLeft size={16} /> All people
  </Anchor>
);

export function MyProfilePage({ me }: PageProps) {
  return <PersonView id={me.id} me={me} own />;
}

export function PersonPage({ me, params }: PageProps) {
  return <PersonView id={params.id ?? ''} me={me} own={params.id === me.id} />;
}

function PersonView({ id, me, own }: { id: string; me: User; own: boolean }) {
  const user = useUser(id);
  if (user.isPending) return <><Back /><LoadingRows /></>;
  if (user.isError) {
    if (user.error instanceof ApiError && user.error.status === 404) {
      return <><Back /><Empty icon={<IconUser size={40} />} title="Person not found" description="They may have been removed, or the link is wrong." /></>;
    }
    return <><Back /><QueryError what="this person" error={user.error} onRetry={() => void user.refetch()} /></>;
  }
  const u = user.data;
  const canEdit = own || me.role === 'admin';
  return (
    <Stack gap="lg">
      <div>
        <Back />
        <Group gap="sm" align="center">
          <Title order={1} fz={28}>{own ? 'My profile' : u.name}</Title>
          <RoleBadge role={u.role} />
          {!u.active && <Badge color="gray" variant="filled" tt="none" size="lg">Deactivated</Badge>}
        </Group>
        <Text c="dimmed">{own ? `${u.name} · ` : ''}{u.email}{u.teams.length ? ` · ${u.teams.join(', ')}` : ''}</Text>
      </div>
      {!canEdit && <Alert color="gray" variant="light">Only an admin or {u.name} can change this profile.</Alert>}
      {canEdit && (
        <Section title="Profile">
          <ProfileForm key={u.id} user={u} me={me} />
        </Section>
      )}
      <Section title="Contact methods" description="Where Hotline pages and notifies this person.">
        {canEdit ? <ContactMethodsEditor user={u} /> : <Text c="dimmed">{u.contactMethods.map((m) => m.address).join(', ') || 'None'}</Text>}
        {own && u.role !== 'customer' && <Divider my="md" />}
        {own && u.role !== 'customer' && <BrowserNotify user={u} />}
      </Section>
      {own && <Section title="API tokens"><TokensSection /></Section>}
      {me.role === 'admin' && !own && <Section title="Account"><ActiveControl user={u} /></Section>}
    </Stack>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" shadow="xs" padding="lg">
      <Title order={2} fz={18} mb={description ? 2 : 'sm'}>{title}</Title>
      {description && <Text size="sm" c="dimmed" mb="sm">{description}</Text>}
      {children}
    </Card>
  );
}

function ActiveControl({ user: u }: { user: User }) {
  const update = useUpdateUser(u.id);
  const [confirming, setConfirming] = useState(false);
  if (!u.active) {
    return (
      <Group justify="space-between">
        <Text>{u.name} is deactivated: cannot sign in and is not paged.</Text>
        <Button color="green" variant="light" loading={update.isPending} onClick={() => update.mutate({ active: true })}>Reactivate</Button>
        {update.error && <Text c="red" size="sm" role="alert">{update.error.message}</Text>}
      </Group>
    );
  }
  return (
    <Group justify="space-between">
      <Text>Deactivating signs {u.name} out everywhere and stops them signing in. You can reactivate later.</Text>
      <Button color="red" variant="light" onClick={() => setConfirming(true)}>Deactivate…</Button>
      {confirming && (
        <ConfirmDialog title={`Deactivate ${u.name}?`} confirmLabel="Deactivate" pending={update.isPending} error={update.error}
          onCancel={() => { update.reset(); setConfirming(false); }}
          onConfirm={() => update.mutate({ active: false }, { onSuccess: () => setConfirming(false) })}>
          {u.name} is signed out now and can no longer sign in. Check that they are not on call or the only member of an
          escalation step first.
        </ConfirmDialog>
      )}
    </Group>
  );
}
