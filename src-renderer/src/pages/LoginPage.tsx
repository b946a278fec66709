import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, toApiError } from '../api';
import type { StaffSession } from '../types';

export function LoginPage({ onLoggedIn, notice }: { onLoggedIn: (session: StaffSession) => void; notice?: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (email.trim() === '' || password === '') {
      setError('Saisissez votre adresse e-mail et votre mot de passe.');
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const session = await api.login({ email: email.trim(), password });
      onLoggedIn(session);
    } catch (caught) {
      setError(toApiError(caught).message);
      setSubmitting(false);
    }
  }

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={420} component="main">
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="login-title">
            <Stack gap="md">
              <Stack gap={2}>
                <Text fw={700} c="indigo.7" size="lg">
                  Marelle
                </Text>
                <Title order={1} size="h3" id="login-title">
                  Connexion au back-office
                </Title>
              </Stack>
              {notice && !error && (
                <Alert color="blue" variant="light" role="status">
                  {notice}
                </Alert>
              )}
              {error && (
                <Alert color="red" variant="light" role="alert">
                  {error}
                </Alert>
              )}
              <TextInput
                label="Adresse e-mail"
                type="email"
                name="email"
                autoComplete="username"
                inputMode="email"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                autoFocus
              />
              <PasswordInput
                label="Mot de passe"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                visibilityToggleButtonProps={{ 'aria-label': 'Afficher les caractères saisis' }}
              />
              <Button type="submit" loading={submitting} fullWidth>
                Se connecter
              </Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
