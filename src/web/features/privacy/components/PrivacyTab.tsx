// Subject page → Privacy: the case's legal hold (a switch, admins), the person's data export (investigators
// and admins), deleting everything about the person (admins, after typing the id), and who looked at the record.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconDownload, IconLock, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { apiUrl } from '../../../api/client.ts';
import type { SubjectDetail } from '../../../api/types.ts';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { actorName, formatDateTime } from '../../../ui/format.ts';
import { useCan, useMe } from '../../auth/queries.ts';
import { useAccessLog, useDeletePersonalData, useLegalHold, useSetLegalHold } from '../queries.ts';

const ACTION_WORDS: Record<string, string> = {
  'subject.viewed': 'Opened the record',
  'document.viewed': 'Viewed a document',
  'verification.trace-viewed': 'Viewed a verification',
  'verification.keyframe-viewed': 'Viewed a verification picture',
  'subject.exported': 'Downloaded all data',
  'snapshot.viewed': 'Opened an evidence snapshot',
  'report.pdf-generated': 'Downloaded the case report (PDF)',
  'report.json-generated': 'Downloaded the case report (data file)',
  'case.exported': 'Exported the case',
};

function LegalHoldCard({ id }: { id: string }) {
  const hold = useLegalHold(id);
  const setHold = useSetLegalHold(id);
  const isAdmin = useMe().data?.user.role === 'admin';
  const [asking, setAsking] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  if (hold.isPending) return <PageLoader />;
  if (hold.error) return <ErrorAlert error={hold.error} />;
  const on = hold.data.on;
  const submit = () => {
    if (asking === null) return;
    setHold.mutate(
      { on: asking, reason },
      {
        onSuccess: () => {
          setAsking(null);
          setReason('');
        },
      },
    );
  };
  return (
    <Card withBorder padding="md" data-testid="legal-hold">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            <Group gap={6}>
              <IconLock size={16} /> Legal hold
            </Group>
          </Title>
          <Switch
            checked={on}
            disabled={!isAdmin}
            label={on ? 'On' : 'Off'}
            aria-label="Legal hold"
            data-testid="legal-hold-switch"
            onChange={(e) => setAsking(e.currentTarget.checked)}
          />
        </Group>
        <Text size="sm" c="dimmed">
          A legal hold keeps everything about this person — documents, recordings, verification pictures,
          sign-in and payroll records — even after their retention period, and blocks deleting the person. Use
          it when the case may go to court, to the police or to a regulator. Only admins can change it.
        </Text>
        {hold.data.setBy ? (
          <Text size="sm">
            {on ? 'Set' : 'Released'} by {hold.data.setBy.name} on {formatDateTime(hold.data.setAt)}
            {hold.data.reason ? `: “${hold.data.reason}”` : ''}
          </Text>
        ) : null}
      </Stack>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? 'Put this case on legal hold' : 'Release the legal hold'}
      >
        <Stack>
          <Textarea
            label={asking ? 'Why is the hold needed?' : 'Why can it be released?'}
            description="Kept with the hold, for whoever looks at this case later."
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="legal-hold-reason"
            autosize
            minRows={2}
          />
          {setHold.error ? <ErrorAlert error={setHold.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              Cancel
            </Button>
            <Button onClick={submit} loading={setHold.isPending} disabled={reason.trim() === ''}>
              {asking ? 'Set the hold' : 'Release the hold'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function DataCard({ id, name }: { id: string; name: string }) {
  const canExport = useCan('export');
  const isAdmin = useMe().data?.user.role === 'admin';
  const remove = useDeletePersonalData(id);
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  if (!canExport && !isAdmin) return null;
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          The person's data
        </Title>
        <Text size="sm" c="dimmed">
          When someone asks for a copy of what you hold about them, download it here: one ZIP with every
          record and the original files. When they ask you to delete it, or you no longer need it, delete it
          here. The audit log keeps that it happened, without the personal details.
        </Text>
        <Group>
          {canExport ? (
            <Button
              component="a"
              href={apiUrl(`/subjects/${encodeURIComponent(id)}/data-export`)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="data-export"
            >
              Download all data (ZIP)
            </Button>
          ) : null}
          {isAdmin ? (
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash size={16} />}
              onClick={() => setConfirming(true)}
              data-testid="delete-personal-data"
            >
              Delete everything about this person
            </Button>
          ) : null}
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Delete everything about this person"
      >
        <Stack>
          <Alert color="red">
            This deletes {name}'s record, assessments, case notes, documents, recordings, verification results
            and sign-in records for good. It cannot be undone. Download the data first if you need a copy.
          </Alert>
          <TextInput
            label={`Type ${id} to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            data-testid="delete-confirm"
          />
          {remove.error ? <ErrorAlert error={remove.error} title="Nothing was deleted" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              disabled={typed !== id}
              loading={remove.isPending}
              onClick={() => remove.mutate(undefined, { onSuccess: () => navigate('/') })}
              data-testid="delete-confirm-button"
            >
              Delete for good
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function AccessLogCard({ id }: { id: string }) {
  const canRead = useCan('audit:read');
  const log = useAccessLog(id, canRead);
  if (!canRead) return null;
  return (
    <Card withBorder padding="md" data-testid="access-log">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Who looked at this person's data
        </Title>
        <Text size="sm" c="dimmed">
          Every opening of the record, of a document or of a verification, and every download. Repeated
          openings by the same person within ten minutes count once.
        </Text>
        {log.isPending ? <PageLoader /> : null}
        {log.error ? <ErrorAlert error={log.error} /> : null}
        {log.data && log.data.length === 0 ? <Text size="sm">Nobody yet.</Text> : null}
        {log.data && log.data.length > 0 ? (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.map((e) => (
                <Table.Tr key={`${e.at}-${e.actor.id}-${e.action}-${e.itemId}`}>
                  <Table.Td>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>{actorName(e.actor)}</Table.Td>
                  <Table.Td>
                    {ACTION_WORDS[e.action] ?? e.action}
                    {e.itemId ? (
                      <Badge ml="xs" variant="light" size="sm">
                        {e.itemId}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Card>
  );
}

export default function PrivacyTab({ detail }: { detail: SubjectDetail }) {
  return (
    <Stack data-testid="privacy-tab">
      <LegalHoldCard id={detail.id} />
      <DataCard id={detail.id} name={detail.bundle.subject.name || detail.id} />
      <AccessLogCard id={detail.id} />
    </Stack>
  );
}
