import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useMe } from '../api/hooks.ts';
import { LoginPage } from '../pages/LoginPage.tsx';
import { Shell } from './Shell.tsx';

export function App() {
  const me = useMe();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading Hotline" />
      </Center>
    );
  }
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
  if (!me.data) return <LoginPage />;
  return <Shell session={me.data} />;
}
