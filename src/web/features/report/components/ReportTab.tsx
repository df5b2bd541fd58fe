// Subject page → Report: preserve the evidence (a snapshot with a fingerprint of every part), check a snapshot
// has not been changed since, download the report (PDF or JSON) of the case now or of a snapshot, and export
// the case as JSON. Downloads and snapshots need the export permission (investigators and admins).
import { Alert, Button, Card, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconFileText, IconShieldCheck, IconShieldX, IconSnowflake } from '@tabler/icons-react';
import { useState } from 'react';
import { apiUrl } from '../../../api/client.ts';
import type { SubjectDetail } from '../../../api/types.ts';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useCan } from '../../auth/queries.ts';
import { type SnapshotVerification, useCreateSnapshot, useSnapshots, useVerifySnapshot } from '../queries.ts';

const enc = encodeURIComponent;

function VerifyResult({ result }: { result: SnapshotVerification }) {
  if (result.ok)
    return (
      <Group gap={4} wrap="nowrap" data-testid="snapshot-verified">
        <IconShieldCheck size={16} color="var(--mantine-color-green-7)" />
        <Text size="sm" fw={600} c="green.7">
          Unchanged
        </Text>
      </Group>
    );
  return (
    <Stack gap={2} data-testid="snapshot-tampered">
      <Group gap={4} wrap="nowrap">
        <IconShieldX size={16} color="var(--mantine-color-red-7)" />
        <Text size="sm" fw={600} c="red.7">
          Changed
        </Text>
      </Group>
      {result.problems.map((p) => (
        <Text key={p} size="xs" c="red">
          {p}
        </Text>
      ))}
    </Stack>
  );
}

function DownloadCard({ id }: { id: string }) {
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          <Group gap={6}>
            <IconFileText size={16} /> Report
          </Group>
        </Title>
        <Text size="sm" c="dimmed">
          A report for your lawyer or the authorities: the risk band and why, every signal with the evidence
          it rests on, identifiers (emails, phones, addresses, accounts, wallets, internet addresses),
          sanctions screening, the checklist, and what the Canadian, US and UK reporting forms ask for, filled
          in where known. Downloading the case as it is now first preserves the evidence (a new snapshot
          below).
        </Text>
        <Group>
          <Button
            component="a"
            href={apiUrl(`/subjects/${enc(id)}/report.pdf`)}
            leftSection={<IconDownload size={16} />}
            data-testid="report-pdf"
          >
            Report (PDF)
          </Button>
          <Button
            component="a"
            variant="default"
            href={apiUrl(`/subjects/${enc(id)}/report.json`)}
            leftSection={<IconDownload size={16} />}
          >
            Report (JSON)
          </Button>
          <Button
            component="a"
            variant="default"
            href={apiUrl(`/subjects/${enc(id)}/export.json`)}
            leftSection={<IconDownload size={16} />}
            data-testid="case-export"
          >
            Export case (JSON)
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          The case export is the evidence file (case bundle) with the case status, assignee, notes and
          checklist. Importing it into another Gatecheck brings the case across too (marked as imported). If
          that Gatecheck already has this person, it keeps its own case and says so.
        </Text>
      </Stack>
    </Card>
  );
}

function SnapshotsCard({ id }: { id: string }) {
  const snapshots = useSnapshots(id);
  const create = useCreateSnapshot(id);
  const verify = useVerifySnapshot();
  const canExport = useCan('export');
  const [reason, setReason] = useState('');
  const [results, setResults] = useState<Record<string, SnapshotVerification>>({});

  const check = (snapshotId: string) =>
    verify.mutate(snapshotId, { onSuccess: (r) => setResults((old) => ({ ...old, [snapshotId]: r })) });

  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          <Group gap={6}>
            <IconSnowflake size={16} /> Preserved evidence (snapshots)
          </Group>
        </Title>
        <Text size="sm" c="dimmed">
          A snapshot freezes the evidence, the assessment, the screening, the case notes and checklist, the
          timeline and the list of stored files. Each part gets a fingerprint (a SHA-256 hash: any change to
          the content gives a different one), and the list of fingerprints gets one too — the manifest hash.
          Later changes never alter a snapshot; “Check” recomputes the fingerprints to prove it.
        </Text>
        {canExport ? (
          <Group align="flex-end">
            <TextInput
              label="Why preserve it now?"
              placeholder="e.g. before calling our lawyer"
              value={reason}
              maxLength={1000}
              onChange={(e) => setReason(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-testid="snapshot-reason"
            />
            <Button
              onClick={() => create.mutate(reason, { onSuccess: () => setReason('') })}
              loading={create.isPending}
              data-testid="snapshot-create"
            >
              Preserve evidence
            </Button>
          </Group>
        ) : null}
        {create.error ? <ErrorAlert error={create.error} /> : null}
        {verify.error ? <ErrorAlert error={verify.error} /> : null}
        {snapshots.isPending ? <PageLoader /> : null}
        {snapshots.error ? <ErrorAlert error={snapshots.error} /> : null}
        {snapshots.data && snapshots.data.items.length === 0 ? (
          <Alert color="gray">No snapshot yet.</Alert>
        ) : null}
        {snapshots.data && snapshots.data.items.length > 0 ? (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="snapshot-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Why, by whom</Table.Th>
                  <Table.Th>Band</Table.Th>
                  <Table.Th>Manifest hash</Table.Th>
                  <Table.Th>Check</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {snapshots.data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.reason}</Text>
                      <Text size="xs" c="dimmed">
                        {s.createdBy.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{s.band ? `${s.band} (${s.score})` : '—'}</Table.Td>
                    <Table.Td>
                      <Code title={s.manifestHash}>{s.manifestHash.slice(0, 12)}…</Code>
                    </Table.Td>
                    <Table.Td>
                      {results[s.id] ? (
                        <VerifyResult result={results[s.id] as SnapshotVerification} />
                      ) : (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => check(s.id)}
                          loading={verify.isPending}
                        >
                          Check
                        </Button>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {canExport ? (
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            component="a"
                            href={apiUrl(`/subjects/${enc(id)}/report.pdf?snapshot=${enc(s.id)}`)}
                          >
                            PDF
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            component="a"
                            href={apiUrl(`/subjects/${enc(id)}/report.json?snapshot=${enc(s.id)}`)}
                          >
                            JSON
                          </Button>
                        </Group>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Card>
  );
}

export default function ReportTab({ detail }: { detail: SubjectDetail }) {
  const canExport = useCan('export');
  return (
    <Stack data-testid="report-tab">
      {canExport ? (
        <DownloadCard id={detail.id} />
      ) : (
        <Alert color="gray">Reports and exports are for investigators and admins.</Alert>
      )}
      <SnapshotsCard id={detail.id} />
    </Stack>
  );
}
