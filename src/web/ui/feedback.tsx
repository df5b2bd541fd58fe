// Loading, error and problem displays shared by every page.
import { Alert, Button, Center, Code, Container, List, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import { type ApiError, errorMessage, isApiError, type Problem } from '../api/client.ts';

export function PageLoader({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

/** A list of `path: message` problems, as the server reports them for a rejected bundle or form. */
export function ProblemList({ problems, testId = 'problem-list' }: { problems: Problem[]; testId?: string }) {
  if (problems.length === 0) return null;
  return (
    <List size="sm" spacing={4} data-testid={testId}>
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder
        <List.Item key={i} data-testid="problem">
          {p.path ? (
            <>
              <Code data-testid="problem-path">{p.path}</Code>{' '}
            </>
          ) : null}
          <span data-testid="problem-message">{p.message}</span>
        </List.Item>
      ))}
    </List>
  );
}

/** An inline error box for a failed request. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const problems = isApiError(error) ? error.problems : [];
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? 'Something went wrong'}
      role="alert"
    >
      <Stack gap="xs">
        <Text size="sm">{errorMessage(error)}</Text>
        <ProblemList problems={problems} />
      </Stack>
    </Alert>
  );
}

/** Full-page friendly error for network or server failures. */
export function ErrorPage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const api: ApiError | null = isApiError(error) ? error : null;
  const network = api?.isNetwork ?? false;
  const notFound = api?.status === 404;
  return (
    <Container size="sm" py={60} data-testid="error-page">
      <Stack align="center" gap="md" ta="center">
        {network ? <IconPlugConnectedX size={48} /> : <IconAlertTriangle size={48} />}
        <Title order={2}>
          {network ? 'Cannot reach Gatecheck' : notFound ? 'We could not find that' : 'Something went wrong'}
        </Title>
        <Text c="dimmed">
          {network
            ? 'Your browser could not talk to the Gatecheck server. Check your connection, or ask whoever runs Gatecheck whether it is up.'
            : notFound
              ? 'It may have been removed, or the link is wrong.'
              : 'The server could not complete the request. Trying again often helps; if it keeps happening, tell whoever runs Gatecheck.'}
        </Text>
        {api && !network ? (
          <Text size="sm" c="dimmed">
            {errorMessage(api)}
          </Text>
        ) : null}
        {onRetry ? <Button onClick={onRetry}>Try again</Button> : null}
        <Button component="a" href="/" variant="subtle">
          Back to subjects
        </Button>
      </Stack>
    </Container>
  );
}
