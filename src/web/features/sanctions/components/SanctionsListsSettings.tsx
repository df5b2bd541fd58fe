// Settings → Sanctions lists: which official lists are loaded (version, date, file, checksum, entry counts),
// what changed since the previous snapshot, earlier snapshots, and (admins) importing newer list files.
import {
  Accordion,
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { JobView } from '../../../api/types.ts';
import { FileDropZone } from '../../../ui/FileDropZone.tsx';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import { useMe } from '../../auth/queries.ts';
import { isJobFailed, isJobFinished, jobPercent, useJob } from '../../jobs/queries.ts';
import type { ListDiff, ListFile, ListInfo, SnapshotView } from '../model.ts';
import { sanctionsListsKey, useImportLists, useSanctionsLists } from '../queries.ts';

const ACCEPT = '.xml,.csv,.json,.txt,.del,.ff,text/xml,application/xml,text/csv,application/json,text/plain';

const STATUS_COLORS: Record<string, string> = { active: 'green', superseded: 'gray', failed: 'red' };
const STATUS_TEXT: Record<string, string> = {
  active: 'In use',
  superseded: 'Replaced',
  failed: 'Failed',
};

function count(n: number | undefined): string {
  return n === undefined ? '—' : n.toLocaleString('en');
}

function Sha({ sha }: { sha: string }) {
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={sha} withArrow>
        <Code data-testid="list-sha">{sha.slice(0, 12)}…</Code>
      </Tooltip>
      <CopyButton value={sha}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy the full SHA-256'} withArrow>
            <ActionIcon
              variant="subtle"
              size="sm"
              color={copied ? 'green' : 'gray'}
              onClick={copy}
              aria-label="Copy the full SHA-256"
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function FileList({ files, listPublishedOn }: { files: ListFile[]; listPublishedOn: string | undefined }) {
  const [all, setAll] = useState(false);
  const shown = all || files.length <= 4 ? files : files.slice(0, 3);
  return (
    <>
      {shown.map((f) => (
        <Stack key={f.name} gap={0}>
          <Text size="xs" style={{ wordBreak: 'break-all' }} title={f.name}>
            {f.name.split('/').pop()}
            {f.name.startsWith('carried/') ? ' (kept from the previous snapshot)' : ''}
            {f.publishedOn && f.publishedOn !== listPublishedOn ? ` (${formatDay(f.publishedOn)})` : ''}
          </Text>
          {f.sha256 ? <Sha sha={f.sha256} /> : null}
        </Stack>
      ))}
      {shown.length < files.length ? (
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => setAll(true)}
          style={{ alignSelf: 'flex-start' }}
        >
          and {files.length - shown.length} more files
        </Button>
      ) : null}
    </>
  );
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

function ListsTable({ lists }: { lists: ListInfo[] }) {
  // People and organisations are shown apart only when the server counts them apart.
  const split = lists.some((l) => l.counts.individuals !== undefined || l.counts.entities !== undefined);
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table withTableBorder striped fz="sm" data-testid="lists-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>List</Table.Th>
            <Table.Th>Published</Table.Th>
            <Table.Th>Source file</Table.Th>
            <Table.Th ta="right">Entries</Table.Th>
            {split ? (
              <>
                <Table.Th ta="right">People</Table.Th>
                <Table.Th ta="right">Organisations</Table.Th>
              </>
            ) : null}
            <Table.Th ta="right">Wallets</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lists.map((l) => (
            <Table.Tr key={l.id} data-testid="list-row" data-list={l.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {l.title}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {l.id}
                </Text>
              </Table.Td>
              <Table.Td>{l.publishedOn ? formatDay(l.publishedOn) : '—'}</Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  {l.files.length === 0 && !l.sha256 ? '—' : null}
                  <FileList files={l.files} listPublishedOn={l.publishedOn} />
                  {l.sha256 && !l.files.some((f) => f.sha256 === l.sha256) ? (
                    <Stack gap={0}>
                      {l.files.length > 1 ? (
                        <Text size="xs" c="dimmed">
                          Checksum of the set
                        </Text>
                      ) : null}
                      <Sha sha={l.sha256} />
                    </Stack>
                  ) : null}
                  {l.source ? (
                    <Text size="xs" c="dimmed" lineClamp={2} title={l.source}>
                      {l.source}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td ta="right">
                {count(l.counts.total ?? sum(l.counts.individuals, l.counts.entities))}
              </Table.Td>
              {split ? (
                <>
                  <Table.Td ta="right">{count(l.counts.individuals)}</Table.Td>
                  <Table.Td ta="right">{count(l.counts.entities)}</Table.Td>
                </>
              ) : null}
              <Table.Td ta="right">{count(l.counts.wallets)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function IdList({ label, ids, total }: { label: string; ids: string[]; total: number }) {
  if (total === 0) return null;
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600}>
        {label} ({total.toLocaleString('en')})
      </Text>
      {ids.length > 0 ? (
        <Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>
          {ids.slice(0, 500).join(', ')}
          {ids.length > 500 ? ` … and ${ids.length - 500} more` : ''}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          The ids were not recorded.
        </Text>
      )}
    </Stack>
  );
}

function DiffView({ diff, titles }: { diff: ListDiff[]; titles: Map<string, string> }) {
  if (diff.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="lists-diff-none">
        No previous snapshot to compare with: this is the first set of lists.
      </Text>
    );
  }
  return (
    <Accordion variant="contained" chevronPosition="left" data-testid="lists-diff">
      {diff.map((d) => (
        <Accordion.Item key={d.list} value={d.list} data-testid="list-diff" data-list={d.list}>
          <Accordion.Control>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {titles.get(d.list) ?? d.list}
              </Text>
              <Badge color="green" variant="light" style={{ textTransform: 'none' }}>
                {d.addedCount} added
              </Badge>
              <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
                {d.removedCount} removed
              </Badge>
              <Badge color="blue" variant="light" style={{ textTransform: 'none' }}>
                {d.changedCount} changed
              </Badge>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              {d.addedCount + d.removedCount + d.changedCount === 0 ? (
                <Text size="xs" c="dimmed">
                  No entries changed.
                </Text>
              ) : null}
              <IdList label="Added" ids={d.added} total={d.addedCount} />
              <IdList label="Removed" ids={d.removed} total={d.removedCount} />
              <IdList label="Changed" ids={d.changed} total={d.changedCount} />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function snapshotOrigin(s: SnapshotView): string {
  const by = s.createdBy ? ` by ${s.createdBy}` : '';
  if (s.source === 'default') return 'Shipped with Gatecheck';
  return `Imported${by}`;
}

function SnapshotsTable({ snapshots }: { snapshots: SnapshotView[] }) {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table withTableBorder fz="sm" data-testid="snapshots-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Snapshot</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Origin</Table.Th>
            <Table.Th>Lists</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {snapshots.map((s) => (
            <Table.Tr key={s.id} data-testid="snapshot-row" data-status={s.status}>
              <Table.Td>
                <Code>{s.id}</Code>
              </Table.Td>
              <Table.Td>{s.createdAt ? formatDateTime(s.createdAt) : '—'}</Table.Td>
              <Table.Td>{snapshotOrigin(s)}</Table.Td>
              <Table.Td>{s.lists.map((l) => l.title).join(', ') || s.files.join(', ') || '—'}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLORS[s.status] ?? 'gray'} variant="light">
                  {STATUS_TEXT[s.status] ?? s.status}
                </Badge>
                {s.error ? (
                  <Text size="xs" c="red" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {s.error}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Error lines a failed import job reports: `result.errors[]` ({file, line, message}) or the job's error. */
function jobErrors(job: JobView): string[] {
  const out: string[] = [];
  const result = job.result;
  if (result && typeof result === 'object' && 'errors' in result && Array.isArray(result.errors)) {
    for (const e of result.errors) {
      if (typeof e === 'string') out.push(e);
      else if (e && typeof e === 'object') {
        const r = e as Record<string, unknown>;
        const where = [r.file, r.line !== undefined ? `line ${String(r.line)}` : undefined]
          .filter((x) => x !== undefined && x !== '')
          .map(String)
          .join(', ');
        const message = typeof r.message === 'string' ? r.message : JSON.stringify(e);
        out.push(where ? `${where}: ${message}` : message);
      }
    }
  }
  if (out.length === 0 && job.error) out.push(job.error);
  return out;
}

function ImportProgress({ jobId, onFinished }: { jobId: string; onFinished: (job: JobView) => void }) {
  const job = useJob(jobId);
  const data = job.data;
  const finished = data ? isJobFinished(data) : false;
  // biome-ignore lint/correctness/useExhaustiveDependencies: report once, when the job first finishes
  useEffect(() => {
    if (data && finished) onFinished(data);
  }, [finished]);
  if (job.error) return <ErrorAlert error={job.error} title="Could not follow the import" />;
  if (!data) return <PageLoader label="Starting the import…" />;
  const failed = isJobFailed(data);
  const errors = finished && failed ? jobErrors(data) : [];
  return (
    <Stack
      gap={4}
      role="status"
      aria-live="polite"
      data-testid="lists-import-progress"
      data-status={finished ? (failed ? 'failed' : 'succeeded') : 'running'}
    >
      <Text size="sm">
        {finished
          ? failed
            ? 'The import failed. The lists in use did not change.'
            : 'Imported. Screening now uses the new lists; everyone is being re-assessed.'
          : data.message || 'Reading and checking the files…'}
      </Text>
      <Progress
        value={finished ? 100 : Math.max(5, jobPercent(data))}
        color={finished ? (failed ? 'red' : 'green') : 'blue'}
        animated={!finished}
        aria-label="List import progress"
      />
      {errors.length > 0 ? (
        <Alert color="red" title="What went wrong" data-testid="lists-import-errors">
          <Stack gap={2}>
            {errors.map((e) => (
              <Text key={e} size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>
                {e}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}

function ImportLists() {
  const qc = useQueryClient();
  const upload = useImportLists();
  const [jobId, setJobId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const run = (files: File[]) => {
    if (files.length === 0 || running) return;
    setJobId(null);
    setRunning(true);
    upload.mutate(files, {
      onSuccess: (job) => setJobId(job.id),
      onError: () => setRunning(false),
    });
  };

  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        Import list files
      </Title>
      <Text size="sm" c="dimmed">
        Download the current files from the publishers (OFAC SDN and consolidated lists, the UN Security
        Council Consolidated List, Canada’s Consolidated Autonomous Sanctions List, or a sanctioned-wallet
        list) and drop them here. The files that belong together (for example OFAC’s sdn, add, alt and
        comments CSV files) must be imported in one go. If anything is wrong with a file, nothing changes.
      </Text>
      <FileDropZone
        onFiles={run}
        accept={ACCEPT}
        zoneLabel="Drop sanctions list files here"
        inputLabel="Choose sanctions list files"
        title="Drag and drop XML, CSV, JSON or TXT list files here"
        loading={upload.isPending}
        disabled={running && !upload.isPending}
        compact
        testIds={{
          zone: 'lists-import-dropzone',
          input: 'lists-import-input',
          choose: 'lists-import-choose',
        }}
      />
      {upload.error ? <ErrorAlert error={upload.error} title="The files were not accepted" /> : null}
      {jobId ? (
        <ImportProgress
          key={jobId}
          jobId={jobId}
          onFinished={() => {
            setRunning(false);
            void qc.invalidateQueries({ queryKey: sanctionsListsKey });
            void qc.invalidateQueries({ queryKey: ['jobs'] });
          }}
        />
      ) : null}
    </Stack>
  );
}

export function SanctionsListsSettings() {
  const lists = useSanctionsLists();
  const isAdmin = useMe().data?.user.role === 'admin';
  if (lists.isPending) return <PageLoader label="Loading the sanctions lists…" />;
  if (lists.error) return <ErrorAlert error={lists.error} title="Could not load the sanctions lists" />;
  const { snapshots } = lists.data;
  const active = snapshots.find((s) => s.status === 'active') ?? snapshots[0];
  const titles = new Map((active?.lists ?? []).map((l) => [l.id, l.title]));
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        Sanctions lists are the official government lists of people, companies and cryptocurrency wallets that
        nobody may employ or pay. Gatecheck keeps a local copy (a “snapshot”) so screening works offline; the
        checksum (SHA-256) lets you prove which exact file was used.
      </Text>
      {active ? (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Stack gap={0}>
                <Title order={3} size="h5">
                  Lists in use
                </Title>
                <Text size="xs" c="dimmed">
                  Snapshot <Code data-testid="lists-active-id">{active.id}</Code> · {snapshotOrigin(active)}
                  {active.createdAt ? ` · ${formatDateTime(active.createdAt)}` : ''}
                </Text>
              </Stack>
              <Badge color={STATUS_COLORS[active.status] ?? 'gray'} variant="light">
                {STATUS_TEXT[active.status] ?? active.status}
              </Badge>
            </Group>
            <ListsTable lists={active.lists} />
            <Title order={4} size="h6">
              What changed since the previous snapshot
            </Title>
            <DiffView diff={active.diff} titles={titles} />
          </Stack>
        </Card>
      ) : (
        <Alert color="yellow" title="No sanctions lists loaded" data-testid="lists-empty">
          Screening cannot run until lists are imported.
        </Alert>
      )}
      {snapshots.length > 1 ? (
        <Stack gap="xs">
          <Title order={3} size="h5">
            All snapshots
          </Title>
          <SnapshotsTable snapshots={snapshots} />
        </Stack>
      ) : null}
      {isAdmin ? (
        <Card withBorder padding="md">
          <ImportLists />
        </Card>
      ) : (
        <Text size="sm" c="dimmed">
          Only admins can import newer list files.
        </Text>
      )}
    </Stack>
  );
}
