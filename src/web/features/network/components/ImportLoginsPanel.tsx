// Import sign-in logs: pick the format (or let Gatecheck detect it), drop the export, watch the upload
// and then the server reading it, and see what came of it: imported, already there, records skipped because
// they are not sign-ins (grouped by reason), unreadable lines by number, and accounts that belong to nobody
// yet (with a way to link them).
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Collapse,
  Group,
  List,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FileDropZone } from '../../../ui/FileDropZone.tsx';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { formatDateTime, formatRelative } from '../../../ui/format.ts';
import {
  buildMapping,
  FORMAT_OPTIONS,
  importPercent,
  isImportFinished,
  type LoginImport,
  MAPPING_FIELDS,
} from '../model.ts';
import {
  uploadLoginFile,
  useLoginImport,
  useLoginImports,
  useRefreshNetwork,
  useUnmatchedAccounts,
} from '../queries.ts';
import { UnmatchedAccounts } from './UnmatchedAccounts.tsx';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; sent: number; total: number }
  | { kind: 'failed'; error: unknown };

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function formatLabel(format: string | null): string {
  return FORMAT_OPTIONS.find((f) => f.value === format)?.label ?? format ?? 'Unknown format';
}

const STATUS_COLORS: Record<LoginImport['status'], string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
};

const STATUS_LABELS: Record<LoginImport['status'], string> = {
  queued: 'Waiting',
  running: 'Reading',
  done: 'Done',
  failed: 'Failed',
};

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Records that were read fine but are other kinds of events: why, most frequent reason first. */
function SkippedRecords({ imp }: { imp: LoginImport }) {
  const c = imp.counts;
  const listed = imp.skippedReasons.reduce((sum, r) => sum + r.count, 0);
  return (
    <Stack gap={4} data-testid="login-import-skipped">
      <Text size="sm" fw={600}>
        {plural(c.skipped, 'record', 'records')} skipped (not sign-ins)
      </Text>
      <Text size="xs" c="dimmed">
        {c.skipped === 1 ? 'This record was' : 'These records were'} read without trouble but{' '}
        {c.skipped === 1 ? 'is' : 'are'} not someone signing in: other kinds of events in the same log
        (profile changes, admin actions, applications signing in, account warnings…). Only sign-ins are
        imported; nothing is wrong with the file.
      </Text>
      {imp.skippedReasons.length > 0 ? (
        <List size="sm" spacing={2} data-testid="login-import-skipped-reasons">
          {imp.skippedReasons.map((r) => (
            <List.Item key={r.reason} data-testid="login-import-skipped-reason" data-count={r.count}>
              {r.reason}: <b>{r.count.toLocaleString('en')}</b>
            </List.Item>
          ))}
        </List>
      ) : null}
      {listed > 0 && listed < c.skipped ? (
        <Text size="xs" c="dimmed">
          And {(c.skipped - listed).toLocaleString('en')} for other reasons.
        </Text>
      ) : null}
    </Stack>
  );
}

/** What one import did. */
export function ImportResult({ imp, canLink }: { imp: LoginImport; canLink: boolean }) {
  const unmatched = useUnmatchedAccounts();
  const still = unmatched.data ? new Set(unmatched.data.map((a) => a.account)) : undefined;
  const c = imp.counts;
  const signIns = c.read - c.malformed - c.skipped;
  return (
    <Card
      withBorder
      padding="md"
      data-testid="login-import-result"
      data-status={imp.status}
      data-import-id={imp.id}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            {imp.status === 'failed' ? (
              <IconAlertTriangle size={18} color="var(--mantine-color-red-7)" />
            ) : (
              <IconCheck size={18} color="var(--mantine-color-green-7)" />
            )}
            <Text fw={600} style={{ wordBreak: 'break-all' }}>
              {imp.fileName ?? 'Uploaded file'}
            </Text>
            <Text size="sm" c="dimmed">
              {formatLabel(imp.format)}
            </Text>
          </Group>
          <Badge color={STATUS_COLORS[imp.status]} variant="light">
            {STATUS_LABELS[imp.status]}
          </Badge>
        </Group>
        {imp.status === 'failed' ? (
          <Alert color="red" title="Nothing from this file was imported" data-testid="login-import-error">
            {imp.error ?? 'The server could not read the file.'}
          </Alert>
        ) : null}
        {imp.status === 'done' && signIns === 0 && c.skipped > 0 ? (
          <Alert
            color="yellow"
            title="Nothing in this file was a sign-in"
            data-testid="login-import-no-signins"
          >
            Every record that could be read is another kind of event, so nothing was imported. Export the
            sign-in events: in Okta <Code>user.session.start</Code> and <Code>user.authentication.*</Code>, in
            Entra ID the user sign-ins (not service principals or managed identities), in Google Workspace the
            login activities.
          </Alert>
        ) : null}
        <Group gap="xs" data-testid="login-import-counts">
          <Badge color="green" variant="light" data-testid="count-imported" data-value={c.imported}>
            {c.imported.toLocaleString('en')} imported
          </Badge>
          <Badge color="gray" variant="light" data-testid="count-duplicates" data-value={c.duplicates}>
            {c.duplicates.toLocaleString('en')} already there
          </Badge>
          <Badge color="gray" variant="light" data-testid="count-skipped" data-value={c.skipped}>
            {c.skipped.toLocaleString('en')} not sign-ins
          </Badge>
          <Badge
            color={c.malformed > 0 ? 'orange' : 'gray'}
            variant="light"
            data-testid="count-malformed"
            data-value={c.malformed}
          >
            {c.malformed.toLocaleString('en')} unreadable
          </Badge>
          <Badge color="blue" variant="light" data-testid="count-matched" data-value={c.matched}>
            {c.matched.toLocaleString('en')} matched to people
          </Badge>
          <Badge
            color={c.unmatched > 0 ? 'yellow' : 'gray'}
            variant="light"
            data-testid="count-unmatched"
            data-value={c.unmatched}
          >
            {c.unmatched.toLocaleString('en')} not matched
          </Badge>
        </Group>
        {c.duplicates > 0 ? (
          <Text size="xs" c="dimmed">
            “Already there” sign-ins were imported before (same event id): importing a file twice adds
            nothing.
          </Text>
        ) : null}
        {c.skipped > 0 ? <SkippedRecords imp={imp} /> : null}
        {imp.problems.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Lines that could not be read (left out; the rest was read)
            </Text>
            <List size="sm" spacing={2} data-testid="login-import-problems">
              {imp.problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems arrive in file order and never change
                <List.Item key={i} data-testid="login-import-problem" data-line={p.line ?? ''}>
                  {p.line !== null ? <b>Line {p.line}: </b> : null}
                  {p.message}
                </List.Item>
              ))}
            </List>
            {c.malformed > imp.problems.length ? (
              <Text size="xs" c="dimmed">
                Showing the first {imp.problems.length} of {c.malformed.toLocaleString('en')}.
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {imp.unmatchedAccounts.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Accounts that belong to nobody here yet
            </Text>
            <Text size="xs" c="dimmed">
              Sign-ins are matched to people by login or email. If one of these is someone you know under
              another address, link it: their sign-ins move to them and they are assessed again.
            </Text>
            <UnmatchedAccounts
              accounts={imp.unmatchedAccounts}
              canLink={canLink}
              stillUnmatched={still}
              testId="import-unmatched-accounts"
            />
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function ImportProgress({ importId }: { importId: string }) {
  const imp = useLoginImport(importId);
  if (imp.error) return <ErrorAlert error={imp.error} title="Could not follow the import" />;
  const data = imp.data;
  const percent = data ? importPercent(data) : null;
  return (
    <Stack gap={4} role="status" aria-live="polite" data-testid="login-import-progress">
      <Text size="sm">
        {data?.status === 'queued'
          ? 'Waiting for the server to start reading…'
          : `Reading and checking sign-ins… ${
              data?.progress.totalBytes
                ? `${formatBytes(data.progress.bytesRead)} of ${formatBytes(data.progress.totalBytes)}`
                : ''
            }${data && data.counts.read > 0 ? ` · ${data.counts.read.toLocaleString('en')} records so far` : ''}`}
      </Text>
      <Progress value={percent ?? 5} animated aria-label="Import progress" />
    </Stack>
  );
}

function RecentImports({
  imports,
  selected,
  onSelect,
}: {
  imports: LoginImport[];
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  if (imports.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={4} highlightOnHover data-testid="recent-imports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Imported</Table.Th>
            <Table.Th>Not sign-ins</Table.Th>
            <Table.Th>Unreadable</Table.Th>
            <Table.Th>Not matched</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.map((imp) => (
            <Table.Tr key={imp.id} data-testid="recent-import" data-import-id={imp.id}>
              <Table.Td>
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {imp.fileName ?? '—'}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatLabel(imp.format)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" title={imp.createdAt ? formatDateTime(imp.createdAt) : undefined}>
                  {formatRelative(imp.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLORS[imp.status]} variant="light" size="sm">
                  {STATUS_LABELS[imp.status]}
                </Badge>
              </Table.Td>
              <Table.Td>{imp.counts.imported.toLocaleString('en')}</Table.Td>
              <Table.Td>{imp.counts.skipped.toLocaleString('en')}</Table.Td>
              <Table.Td>{imp.counts.malformed.toLocaleString('en')}</Table.Td>
              <Table.Td>{imp.counts.unmatched.toLocaleString('en')}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant={selected === imp.id ? 'light' : 'subtle'}
                  onClick={() => onSelect(selected === imp.id ? null : imp.id)}
                >
                  {selected === imp.id ? 'Hide' : 'Details'}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ImportLoginsPanel({ canImport }: { canImport: boolean }) {
  const [format, setFormat] = useState('auto');
  const [mappingOpen, setMappingOpen] = useState(false);
  const [mappingValues, setMappingValues] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [current, setCurrent] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const imports = useLoginImports();
  const followed = useLoginImport(current);
  const refresh = useRefreshNetwork();
  const qc = useQueryClient();
  const help = FORMAT_OPTIONS.find((f) => f.value === format)?.help ?? '';
  const generic = format === 'csv' || format === 'ndjson' || format === 'auto';
  const mapping = buildMapping(mappingValues);
  const finished = followed.data ? isImportFinished(followed.data) : false;

  // When the followed import finishes, everything built from sign-ins is stale (refresh once per import).
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!finished || !current || refreshedFor.current === current) return;
    refreshedFor.current = current;
    void refresh();
  }, [finished, current, refresh]);

  const run = async (files: File[]) => {
    const file = files[0];
    if (!file || phase.kind === 'uploading') return;
    if (mapping.error) {
      setPhase({ kind: 'failed', error: new Error(mapping.error) });
      return;
    }
    setCurrent(null);
    setSelected(null);
    setPhase({ kind: 'uploading', fileName: file.name, sent: 0, total: file.size });
    try {
      const started = await uploadLoginFile(
        file,
        { format, ...(mapping.mapping ? { mapping: mapping.mapping } : {}) },
        (sent, total) => setPhase({ kind: 'uploading', fileName: file.name, sent, total }),
      );
      if (started.import) qc.setQueryData(['logins', 'imports', started.importId], started.import);
      setCurrent(started.importId);
      setPhase({ kind: 'idle' });
      await qc.invalidateQueries({ queryKey: ['logins', 'imports'], exact: true });
    } catch (error) {
      setPhase({ kind: 'failed', error });
    }
  };

  const shown = selected ?? (current && followed.data && finished ? current : null);
  const shownImport =
    shown === current && followed.data ? followed.data : (imports.data ?? []).find((i) => i.id === shown);

  return (
    <Stack gap="md" data-testid="login-import-panel">
      {canImport ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Format of the file"
              data={FORMAT_OPTIONS.map((f) => ({ value: f.value, label: f.label }))}
              value={format}
              onChange={(v) => setFormat(v ?? 'auto')}
              allowDeselect={false}
              data-testid="login-format"
            />
            <Text size="sm" c="dimmed" mt={{ base: 0, sm: 26 }} data-testid="login-format-help">
              {help}
            </Text>
          </SimpleGrid>
          {generic ? (
            <Stack gap={6}>
              <Button
                variant="subtle"
                size="xs"
                w="fit-content"
                leftSection={mappingOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                onClick={() => setMappingOpen((o) => !o)}
              >
                Column names for a generic CSV or NDJSON file (optional)
              </Button>
              <Collapse expanded={mappingOpen}>
                <Stack gap="xs">
                  <Text size="xs" c="dimmed">
                    Only needed when Gatecheck does not recognise your columns. Type the header of the column
                    that holds each value; time and account are required once you fill in any.
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
                    {MAPPING_FIELDS.map((f) => (
                      <TextInput
                        key={f.key}
                        size="xs"
                        label={f.label}
                        withAsterisk={f.required ?? false}
                        value={mappingValues[f.key] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setMappingValues((m) => ({ ...m, [f.key]: value }));
                        }}
                        data-testid={`mapping-${f.key}`}
                      />
                    ))}
                  </SimpleGrid>
                  {mapping.error ? (
                    <Text size="xs" c="red">
                      {mapping.error}
                    </Text>
                  ) : null}
                </Stack>
              </Collapse>
            </Stack>
          ) : null}
          <FileDropZone
            onFiles={(files) => void run(files)}
            accept=".json,.ndjson,.jsonl,.csv,.txt,.log,application/json,text/csv"
            zoneLabel="Drop a sign-in log file here"
            inputLabel="Choose a sign-in log file"
            title="Drag and drop a sign-in log export here"
            hint="One file at a time (JSON, NDJSON or CSV). Large files are fine: they are read as they arrive."
            disabled={phase.kind === 'uploading' || (current !== null && !finished && !followed.error)}
            compact
            testIds={{ zone: 'login-dropzone', input: 'login-file-input', choose: 'login-choose' }}
          />
        </>
      ) : (
        <Alert color="yellow" title="Your role cannot import sign-in logs">
          Importing needs the investigator role or higher. Ask an admin to change your role.
        </Alert>
      )}

      {phase.kind === 'uploading' ? (
        <Stack gap={4} role="status" aria-live="polite" data-testid="login-upload-progress">
          <Text size="sm">
            Uploading {phase.fileName}… {formatBytes(phase.sent)} of {formatBytes(phase.total)}
          </Text>
          <Progress
            value={phase.total > 0 ? Math.max(2, (phase.sent / phase.total) * 100) : 2}
            aria-label="Upload progress"
          />
        </Stack>
      ) : null}
      {phase.kind === 'failed' ? <ErrorAlert error={phase.error} title="The file was not accepted" /> : null}
      {current && !finished ? <ImportProgress importId={current} /> : null}
      {shownImport ? <ImportResult imp={shownImport} canLink={canImport} /> : null}

      {(imports.data ?? []).length > 0 ? (
        <Stack gap={4}>
          <Title order={3} size="h6">
            Recent imports
          </Title>
          <RecentImports imports={imports.data ?? []} selected={selected} onSelect={setSelected} />
        </Stack>
      ) : null}
    </Stack>
  );
}
