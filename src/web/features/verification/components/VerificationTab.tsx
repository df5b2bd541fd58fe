// The subject's live verification: send a single-use link (shown once, with a Copy button and its expiry),
// what the candidate will be asked to do and why, and every session with its status, times and address; a
// completed session opens onto the server's verdict, a chart of the session and the captured frames.
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  List,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconLink, IconMessages, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { SubjectDetail, VerificationCreated, VerificationView } from '../../../api/types.ts';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime, formatRelative } from '../../../ui/format.ts';
import { useCan } from '../../auth/queries.ts';
import { subjectKey } from '../../subject/queries.ts';
import { CANDIDATE_STEPS, resultFor, STATUS_INFO, sessionsNewestFirst, WHY_THESE_MOVES } from '../model.ts';
import { useSendVerification, useVerifications } from '../queries.ts';
import { SessionResult } from './SessionResult.tsx';

function NewLink({ created }: { created: VerificationCreated }) {
  return (
    <Alert
      color="teal"
      icon={<IconLink size={18} />}
      title="Link created — copy it now"
      data-testid="new-link"
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="center">
          <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="verification-link">
            {created.link}
          </Code>
          <CopyButton value={created.link}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'teal' : 'blue'}
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                onClick={copy}
                data-testid="copy-link"
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" data-testid="link-expiry">
          Works once, until {formatDateTime(created.verification.expiresAt)} (
          {formatRelative(created.verification.expiresAt)}). It is shown only now: Gatecheck keeps only a
          fingerprint of it. Send it to the candidate by email or chat.
        </Text>
      </Stack>
    </Alert>
  );
}

function Explainer() {
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        What the candidate will be asked to do
      </Text>
      <List size="sm" spacing={4} type="ordered">
        {CANDIDATE_STEPS.map((s) => (
          <List.Item key={s}>{s}</List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed">
        Why: {WHY_THESE_MOVES}
      </Text>
    </Stack>
  );
}

function Times({ v }: { v: VerificationView }) {
  const rows: [string, string | null][] = [
    ['Sent', v.createdAt],
    ['Opened', v.openedAt],
    ['Consented', v.consentedAt],
    ['Challenge started', v.challengedAt],
    [v.status === 'completed' ? 'Finished' : v.status === 'declined' ? 'Declined' : 'Ended', v.finishedAt],
  ];
  return (
    <Group gap="lg" wrap="wrap">
      {rows
        .filter(([, at]) => at)
        .map(([label, at]) => (
          <Stack key={label} gap={0}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text size="sm">{formatDateTime(at)}</Text>
          </Stack>
        ))}
      {v.finishedAt ? null : (
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Expires
          </Text>
          <Text size="sm">{formatDateTime(v.expiresAt)}</Text>
        </Stack>
      )}
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          Connected from
        </Text>
        <Text size="sm" ff="monospace" data-testid="session-ip">
          {v.ip ?? '—'}
        </Text>
      </Stack>
    </Group>
  );
}

function SessionSummary({ v, detail }: { v: VerificationView; detail: SubjectDetail }) {
  const info = STATUS_INFO[v.status] ?? { label: v.status, color: 'gray', help: '' };
  const result = v.status === 'completed' ? resultFor(v, detail.bundle) : null;
  const failed = result ? result.challenges.filter((c) => !c.passed).length : 0;
  const strong = result ? result.findings.filter((f) => !f.weak).length : 0;
  const verdict = !result
    ? null
    : !result.integrity.ok || failed > 0 || strong > 0 || result.virtualCamera.flagged
      ? { color: 'red', text: 'Problems found' }
      : { color: 'teal', text: 'No problems found' };
  return (
    <Group gap="sm" wrap="wrap">
      <Tooltip label={info.help}>
        <Badge color={info.color} variant="light" data-testid="session-status" data-status={v.status}>
          {info.label}
        </Badge>
      </Tooltip>
      <Text size="sm">Sent by {v.createdBy}</Text>
      <Text size="sm" c="dimmed">
        {formatRelative(v.createdAt)}
      </Text>
      {verdict ? (
        <Badge color={verdict.color} variant="filled" data-testid="session-verdict">
          {verdict.text}
        </Badge>
      ) : null}
    </Group>
  );
}

export function VerificationTab({ detail }: { detail: SubjectDetail }) {
  const canSend = useCan('subjects:write');
  const sessions = useVerifications(detail.id);
  const send = useSendVerification(detail.id);
  const [created, setCreated] = useState<VerificationCreated | null>(null);
  const list = sessionsNewestFirst(sessions.data ?? []);
  const firstCompleted = list.find((v) => v.status === 'completed')?.id;

  // A session finished while the page was open: its result is in the subject's record, which this page
  // loaded before. Fetch the record again, once per such session.
  const qc = useQueryClient();
  const refreshed = useRef(new Set<string>());
  const missing = list
    .filter((v) => v.status === 'completed' && !resultFor(v, detail.bundle) && !refreshed.current.has(v.id))
    .map((v) => v.id);
  const missingKey = missing.join(',');
  useEffect(() => {
    if (missingKey === '') return;
    for (const id of missingKey.split(',')) refreshed.current.add(id);
    void qc.invalidateQueries({ queryKey: subjectKey(detail.id) });
  }, [missingKey, qc, detail.id]);

  return (
    <Stack gap="md" data-testid="verification-tab">
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={3} size="h4">
              Live verification
            </Title>
            <Group gap="xs">
              <Button
                component={Link}
                to={`/subjects/${encodeURIComponent(detail.id)}/interview-assist`}
                variant="default"
                leftSection={<IconMessages size={16} />}
                data-testid="open-interview-assist"
              >
                Interview assist
              </Button>
              {canSend ? (
                <Button
                  leftSection={<IconSend size={16} />}
                  loading={send.isPending}
                  onClick={() => send.mutate(undefined, { onSuccess: setCreated })}
                  data-testid="send-verification"
                >
                  Send verification link
                </Button>
              ) : null}
            </Group>
          </Group>
          <Text size="sm">
            A single-use link the candidate opens in a desktop or phone browser. It checks, with their camera,
            that a real person is there and is the person on their ID — in about two minutes.
          </Text>
          {send.error ? <ErrorAlert error={send.error} title="The link was not created" /> : null}
          {created ? <NewLink created={created} /> : null}
          <Explainer />
        </Stack>
      </Card>

      {sessions.isPending ? <PageLoader label="Loading sessions…" /> : null}
      {sessions.error ? <ErrorAlert error={sessions.error} title="The sessions could not be loaded" /> : null}
      {sessions.data && list.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="no-sessions">
          No verification link has been sent to this person yet.
        </Text>
      ) : null}
      {list.length > 0 ? (
        <Accordion
          variant="separated"
          defaultValue={firstCompleted ?? null}
          data-testid="sessions"
          key={firstCompleted ?? 'none'}
        >
          {list.map((v) => {
            const result = v.status === 'completed' ? resultFor(v, detail.bundle) : null;
            return (
              <Accordion.Item key={v.id} value={v.id} data-testid="session" data-session-id={v.id}>
                <Accordion.Control>
                  <SessionSummary v={v} detail={detail} />
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="md">
                    <Times v={v} />
                    {v.userAgent ? (
                      <Text size="xs" c="dimmed">
                        Browser: {v.userAgent}
                      </Text>
                    ) : null}
                    {result ? <SessionResult view={v} result={result} /> : null}
                    {v.status === 'completed' && !result ? (
                      <Text size="sm" c="dimmed">
                        The result is not in this person's record (it may have been replaced by an import).
                      </Text>
                    ) : null}
                    {v.status === 'declined' ? (
                      <Text size="sm">
                        The candidate chose not to take part. Ask why; offer the{' '}
                        <Anchor
                          component={Link}
                          to={`/subjects/${encodeURIComponent(detail.id)}/interview-assist`}
                        >
                          same checks on a video call
                        </Anchor>
                        .
                      </Text>
                    ) : null}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      ) : null}
    </Stack>
  );
}

export default VerificationTab;
