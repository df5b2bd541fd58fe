// First screen: what is captured, why, how long it is kept and who sees it — the server's consent text —
// with Agree and Decline. Agreeing records the text version the candidate read.
import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconLock, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { type CandidateView, declineLink, giveConsent } from '../candidate-api.ts';

export function ConsentStep({
  token,
  view,
  onAgreed,
  onDeclined,
}: {
  token: string;
  view: CandidateView;
  onAgreed: () => void;
  onDeclined: () => void;
}) {
  const { consent } = view;
  const [confirmDecline, setConfirmDecline] = useState(false);
  const agree = useMutation({ mutationFn: () => giveConsent(token, consent.version), onSuccess: onAgreed });
  const decline = useMutation({ mutationFn: () => declineLink(token), onSuccess: onDeclined });
  const expires = new Date(view.expiresAt);
  return (
    <Paper p={{ base: 'md', sm: 'xl' }} radius="md" withBorder data-testid="consent-screen">
      <Stack gap="md">
        <Title order={2} size="h3">
          Before you start
        </Title>
        <Text>
          It takes about two minutes: we check your camera, you may add a photo of your ID, then you follow a
          few short instructions on screen (turn your head, blink, smile, cover part of your face with your
          hand).
        </Text>
        <div>
          <Title order={3} size="h5" mb={4}>
            Why
          </Title>
          <Text size="sm" data-testid="consent-purpose">
            {consent.purpose}
          </Text>
        </div>
        <div>
          <Title order={3} size="h5" mb={4}>
            What is captured
          </Title>
          <List size="sm" spacing={4} data-testid="consent-captured">
            {consent.captured.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        </div>
        {consent.notCaptured.length > 0 ? (
          <div>
            <Title order={3} size="h5" mb={4}>
              What is not captured
            </Title>
            <List size="sm" spacing={4}>
              {consent.notCaptured.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          </div>
        ) : null}
        <div>
          <Title order={3} size="h5" mb={4}>
            How long it is kept
          </Title>
          <Text size="sm" data-testid="consent-retention">
            {consent.retentionDays} days, then it is deleted automatically.
          </Text>
        </div>
        <div>
          <Title order={3} size="h5" mb={4}>
            Who sees it
          </Title>
          <Text size="sm">{consent.whoSees}</Text>
        </div>
        <Alert color="blue" variant="light" icon={<IconLock size={18} />}>
          <Text size="sm">
            The face analysis runs in this browser: no video or sound is sent, only the measurements and one
            still picture per instruction, so the results can be checked. This link works once and until{' '}
            {Number.isNaN(expires.getTime()) ? 'it expires' : expires.toLocaleString()}.
          </Text>
        </Alert>
        {agree.isError ? (
          isApiError(agree.error) && agree.error.status === 409 ? (
            <Alert color="orange" role="alert" title="The text changed">
              The consent text was updated while you were reading. Please reload the page and read it again.
            </Alert>
          ) : (
            <ErrorAlert error={agree.error} title="Your answer was not saved" />
          )
        ) : null}
        {decline.isError ? <ErrorAlert error={decline.error} title="Your answer was not saved" /> : null}
        {confirmDecline ? (
          <Alert color="gray" title="Decline the identity check?" data-testid="decline-confirm">
            <Stack gap="sm">
              <Text size="sm">
                Nothing is captured. {consent.organization} will see that you declined, and this link stops
                working.
              </Text>
              <Group>
                <Button
                  color="red"
                  variant="filled"
                  loading={decline.isPending}
                  onClick={() => decline.mutate()}
                  data-testid="decline-confirm-button"
                >
                  Yes, decline
                </Button>
                <Button variant="default" onClick={() => setConfirmDecline(false)}>
                  Go back
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Group justify="space-between" gap="sm">
            <Button
              variant="default"
              leftSection={<IconX size={16} />}
              onClick={() => setConfirmDecline(true)}
              data-testid="consent-decline"
            >
              Decline
            </Button>
            <Button
              size="md"
              leftSection={<IconCheck size={18} />}
              loading={agree.isPending}
              onClick={() => agree.mutate()}
              data-testid="consent-agree"
            >
              I agree, continue
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
