import { useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title,
} from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { useLogin, useMeta } from '../api/hooks.ts';
import { databaseLabel } from '../app/header.tsx';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const meta = useMeta();

  const [missing, setMissing] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setMissing(!email.trim() ? 'Enter your e-mail address.' : 'Enter your password.');
      return;
    }
    setMissing(null);
    login.mutate({ email: email.trim(), password });
  };

  const error = missing ?? (login.error ? loginErrorText(login.error) : null);

  return (
    <Center mih="100vh" p="md" className="hl-canvas">
      <Box w="100%" maw={420}>
        <Group gap={12} justify="center" mb="lg">
          <span className="hl-logo" aria-hidden style={{ width: 40, height: 40, fontSize: 22 }}>H</span>
          <Title order={1} fz={30}>Hotline</Title>
        </Group>
        <Paper withBorder shadow="md" radius="lg" p="xl">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <div>
                <Title order={2} fz={22}>Sign in</Title>
                <Text c="dimmed" size="sm" mt={2}>Pager, emergency helpdesk and thread for your support team.</Text>
              </div>
              {error && (
                <Alert color="red" variant="filled" title="Sign-in failed" role="alert" data-testid="login-error">
                  {error}
                </Alert>
              )}
              <TextInput
                label="E-mail"
                type="email"
                autoComplete="username"
                placeholder="you@example.com"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                autoFocus
                size="md"
              />
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                size="md"
              />
              <Button type="submit" size="md" fullWidth loading={login.isPending}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text ta="center" size="sm" c="dimmed" mt="md" data-testid="workspace-meta">
          {meta.data
            ? <>{meta.data.name} {meta.data.version} on <b>{databaseLabel(meta.data.database)}</b></>
            : meta.isError ? 'Server unreachable: workspace details unavailable.' : '\u00a0'}
        </Text>
      </Box>
    </Center>
  );
}

function loginErrorText(err: Error): string {
  if (err instanceof ApiError && err.code === 'auth.invalid_credentials' && !err.message) {
    return 'Wrong e-mail or password.';
  }
  return err.message;
}
