// Opting in to browser notifications (a contact method of its own): the browser asks for
// permission, and the person gets a 'browser' contact method so pages reach their open tabs with a
// notification, a tone and a badge on the tab.
import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useAddContact } from '../api/hooks.ts';
import type { User } from '../api/types.ts';
import { notificationsSupported, playTone } from './attention.ts';

export const BROWSER_ADDRESS = 'signed-in browsers';

export function BrowserNotify({ user }: { user: User }) {
  const add = useAddContact(user.id);
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(notificationsSupported() ? Notification.permission : 'unsupported');
  const has = user.contactMethods.some((m) => m.kind === 'browser');
  if (permission === 'unsupported') {
    return <Text size="sm" c="dimmed">This browser cannot show notifications; pages still reach you by your other contact methods.</Text>;
  }
  const enable = async () => {
    const p = await Notification.requestPermission();
    setPermission(p);
    playTone(); // a click is a gesture: the browser lets later tones play
    if (p === 'granted' && !has) add.mutate({ kind: 'browser', address: BROWSER_ADDRESS, label: null });
  };
  const on = has && permission === 'granted';
  return (
    <Group justify="space-between" align="center" gap="sm" data-testid="browser-notify">
      <div>
        <Text fw={600} size="sm">Browser notifications</Text>
        <Text size="sm" c="dimmed">
          {on ? 'On: a page for you shows a notification here, plays a tone and marks the tab.'
            : has ? 'Pages reach your signed-in tabs, but this browser has not been allowed to show notifications.'
            : 'A page for you shows a notification in this browser, plays a tone and marks the tab while Hotline is open.'}
        </Text>
        {permission === 'denied' && (
          <Alert color="orange" variant="light" mt="xs">This browser blocks notifications from Hotline: allow them in the site settings (the icon left of the address), then try again.</Alert>
        )}
        {add.error && <Text c="red" size="sm" role="alert">{add.error.message}</Text>}
      </div>
      {!on && (
        <Button variant="light" onClick={() => void enable()} loading={add.isPending} disabled={permission === 'denied'}>
          Notify me in this browser
        </Button>
      )}
    </Group>
  );
}
