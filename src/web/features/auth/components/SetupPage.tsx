import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../api/client.ts';
import { ErrorPage, PageLoader, ProblemList } from '../../../ui/feedback.tsx';
import { useSetup, useSetupStatus } from '../queries.ts';
import { AuthLayout } from './AuthLayout.tsx';

const MIN_PASSWORD = 12;

export default function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useSetupStatus();
  const setup = useSetup();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);

  if (status.isPending) return <PageLoader />;
  if (status.error) return <ErrorPage error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.needsSetup) return <Navigate to="/login" replace />;

  const tooShort = password.length > 0 && password.length < MIN_PASSWORD;
  const mismatch = confirm.length > 0 && confirm !== password;
  const valid =
    name.trim() !== '' && email.trim() !== '' && password.length >= MIN_PASSWORD && confirm === password;
  const problems = isApiError(setup.error) ? setup.error.problems : [];
  const fieldError = (field: string) =>
    problems.find((p) => p.path === field || p.path.endsWith(`.${field}`))?.message;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    setup.mutate(
      { token, name: name.trim(), email: email.trim(), password },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  return (
    <AuthLayout
      title="Create the admin account"
      subtitle="This is the first account. It can invite the rest of your team later."
    >
      {!token ? (
        <Alert color="yellow" title="The setup link is incomplete" data-testid="setup-missing-token">
          Open the full link the server printed when it started; it ends with <code>?token=…</code>.
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} aria-label="Create admin account" data-testid="setup-form" noValidate>
        <Stack>
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name') ?? (touched && !name.trim() ? 'Enter your name' : undefined)}
            data-testid="setup-name"
          />
          <TextInput
            label="Email"
            type="email"
            required
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError('email') ?? (touched && !email.trim() ? 'Enter your email' : undefined)}
            data-testid="setup-email"
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what you typed' }}
            label="Password"
            description={`At least ${MIN_PASSWORD} characters. A short sentence is easy to remember and hard to guess.`}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={
              fieldError('password') ??
              (tooShort || (touched && password.length < MIN_PASSWORD)
                ? `Use at least ${MIN_PASSWORD} characters (${password.length} so far)`
                : undefined)
            }
            data-testid="setup-password"
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what you typed' }}
            label="Password again"
            required
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? 'The two passwords are not the same' : undefined}
            data-testid="setup-password-confirm"
          />
          {setup.error ? (
            <Alert color="red" role="alert" data-testid="setup-error">
              <Text size="sm">{errorMessage(setup.error)}</Text>
              <ProblemList problems={problems} />
            </Alert>
          ) : null}
          <Button type="submit" loading={setup.isPending} disabled={!token} data-testid="setup-submit">
            Create admin account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
