import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError, rateLimitMessage } from '../../../api/client.ts';
import { PageLoader } from '../../../ui/feedback.tsx';
import { useLogin, useMe, useSetupStatus } from '../queries.ts';
import { AuthLayout } from './AuthLayout.tsx';

function loginErrorText(error: unknown): string {
  if (!isApiError(error)) return errorMessage(error);
  if (error.status === 429) return rateLimitMessage(error);
  if (error.status === 401 || error.status === 400) {
    return error.detail || 'That email and password do not match. Check both and try again.';
  }
  return errorMessage(error);
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
  const me = useMe();
  const setup = useSetupStatus();
  const login = useLogin();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (me.isPending) return <PageLoader />;
  if (me.data) return <Navigate to={target} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(target, { replace: true }) });
  };

  return (
    <AuthLayout title="Sign in" subtitle="Check remote hires before they get access.">
      {setup.data?.needsSetup ? (
        <Alert color="blue" title="Gatecheck is not set up yet" data-testid="needs-setup">
          Open the setup link printed by the server when it started (it ends with <code>/setup?token=…</code>)
          to create the first admin account.
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} aria-label="Sign in" data-testid="login-form" noValidate>
        <Stack>
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="login-email"
            autoFocus
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what you typed' }}
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
          {login.error ? (
            <Alert color="red" role="alert" data-testid="login-error">
              {loginErrorText(login.error)}
            </Alert>
          ) : null}
          <Button
            type="submit"
            loading={login.isPending}
            disabled={!email || !password}
            data-testid="login-submit"
          >
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
