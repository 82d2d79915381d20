import { lazy, Suspense } from 'react';
import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useMe } from '../api/hooks.ts';

// Three frames, each its own chunk: signed-in people never load the login form, and customers
// never load the staff layout (nor staff the portal's frame).
const Shell = lazy(() => import('./Shell.tsx').then((m) => ({ default: m.Shell })));
const PortalShell = lazy(() => import('./PortalShell.tsx').then((m) => ({ default: m.PortalShell })));
const LoginPage = lazy(() => import('../pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const loading = (
  <Center h="100vh">
    <Loader aria-label="Loading Hotline" />
  </Center>
);

export function App() {
  const me = useMe();
  if (me.isPending) return loading;
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <Stack align="center" maw={460} ta="center">
          <Title order={2}>Hotline is unreachable</Title>
          <Text>{me.error.message}</Text>
          <Button onClick={() => void me.refetch()} loading={me.isFetching}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!me.data) return <Suspense fallback={loading}><LoginPage /></Suspense>;
  const Frame = me.data.user.role === 'customer' ? PortalShell : Shell;
  return <Suspense fallback={loading}><Frame session={me.data} /></Suspense>;
}
