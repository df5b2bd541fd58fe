// The "Documents" tab: upload ID documents and other papers (the kind first, then the file), watch each upload
// and its analysis, the list of files with their retention, the viewer of the one selected, and the resume.
import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconEye, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../api/client.ts';
import type { DocumentFileView, SubjectDetail } from '../../../api/types.ts';
import { FileDropZone } from '../../../ui/FileDropZone.tsx';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import { useCan } from '../../auth/queries.ts';
import { isJobFailed, isJobFinished, jobPercent, useJob } from '../../jobs/queries.ts';
import { DOCUMENT_KINDS, formatBytes, KIND_LABELS, kindLabel, STATUS_LABELS } from '../model.ts';
import { uploadDocumentFile, useDocumentFiles, useRefreshDocuments } from '../queries.ts';
import { DocumentViewer } from './DocumentViewer.tsx';
import { ResumePanel } from './ResumePanel.tsx';

const ACCEPT =
  'image/jpeg,image/png,image/webp,image/heic,image/heif,image/tiff,application/pdf,.jpg,.jpeg,.png,.webp,.heic,.heif,.tif,.tiff,.pdf';

type Upload = {
  key: number;
  name: string;
  kind: string;
  phase: 'uploading' | 'analyzing' | 'done' | 'failed';
  sent: number;
  total: number;
  jobId: string | null;
  fileId: string | null;
  existing: boolean;
  error: string | null;
};

/** One upload: bytes sent, then the analysis job's progress until it finishes. */
function UploadRow({
  upload,
  onAnalyzed,
}: {
  upload: Upload;
  onAnalyzed: (u: Upload, failed: string | null) => void;
}) {
  const job = useJob(upload.phase === 'analyzing' ? upload.jobId : null);
  const finished = job.data ? isJobFinished(job.data) : false;
  const reported = useRef(false);
  useEffect(() => {
    if (!job.data || !finished || reported.current) return;
    reported.current = true;
    onAnalyzed(
      upload,
      isJobFailed(job.data) ? (job.data.error ?? job.data.message ?? 'the analysis failed') : null,
    );
  }, [job.data, finished, onAnalyzed, upload]);

  let value = 0;
  let label = '';
  if (upload.phase === 'uploading') {
    value = upload.total > 0 ? Math.round((upload.sent / upload.total) * 100) : 0;
    label = `Uploading ${formatBytes(upload.sent)} of ${formatBytes(upload.total)}`;
  } else if (upload.phase === 'analyzing') {
    value = job.data ? Math.max(5, jobPercent(job.data)) : 5;
    label = job.data?.message ?? 'Reading the machine-readable zone and checking the file…';
  }
  return (
    <Stack gap={4} data-testid="document-upload" data-phase={upload.phase} data-file-id={upload.fileId ?? ''}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          {upload.name}{' '}
          <Text span c="dimmed" size="sm" fw={400}>
            ({kindLabel(upload.kind)})
          </Text>
        </Text>
        {upload.phase === 'done' ? (
          <Badge color="green" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
            {upload.existing ? 'Already uploaded' : 'Analysed'}
          </Badge>
        ) : upload.phase === 'failed' ? (
          <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
            Failed
          </Badge>
        ) : (
          <Badge variant="light">{upload.phase === 'uploading' ? 'Uploading' : 'Analysing'}</Badge>
        )}
      </Group>
      {upload.phase === 'uploading' || upload.phase === 'analyzing' ? (
        <>
          <Progress value={value} animated aria-label={`${upload.name}: ${label}`} />
          <Text size="xs" c="dimmed" data-testid="document-upload-progress">
            {label}
          </Text>
        </>
      ) : null}
      {upload.existing && upload.phase === 'done' ? (
        <Text size="xs" c="dimmed">
          The same file was already stored for this person; showing that copy.
        </Text>
      ) : null}
      {upload.error ? (
        <Text size="sm" c="red.8" data-testid="document-upload-error">
          {upload.error}
        </Text>
      ) : null}
    </Stack>
  );
}

function UploadPanel({ subjectId, onUploaded }: { subjectId: string; onUploaded: (fileId: string) => void }) {
  const [kind, setKind] = useState<string>('passport');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const counter = useRef(0);
  const refresh = useRefreshDocuments(subjectId);
  const busy = uploads.some((u) => u.phase === 'uploading');

  const update = (key: number, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  const send = async (files: File[]) => {
    for (const file of files) {
      counter.current += 1;
      const key = counter.current;
      const upload: Upload = {
        key,
        name: file.name,
        kind,
        phase: 'uploading',
        sent: 0,
        total: file.size,
        jobId: null,
        fileId: null,
        existing: false,
        error: null,
      };
      setUploads((list) => [upload, ...list].slice(0, 8));
      try {
        const result = await uploadDocumentFile(subjectId, file, kind, (sent, total) =>
          update(key, { sent, total }),
        );
        const analyzing = result.file.status === 'analyzing' && result.jobId !== null;
        update(key, {
          phase: analyzing ? 'analyzing' : 'done',
          jobId: result.jobId,
          fileId: result.file.id,
          existing: result.existing === true,
        });
        await refresh();
        onUploaded(result.file.id);
      } catch (e) {
        update(key, { phase: 'failed', error: errorMessage(e) });
      }
    }
  };

  const analyzed = async (u: Upload, failed: string | null) => {
    update(u.key, failed ? { phase: 'failed', error: `The analysis failed: ${failed}` } : { phase: 'done' });
    await refresh();
  };

  return (
    <Card withBorder padding="md" data-testid="document-upload-panel">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Upload a document
        </Title>
        <Select
          label="What is it?"
          description="Choose before dropping the file: the kind decides which checks apply."
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k }))}
          value={kind}
          onChange={(v) => setKind(v ?? 'passport')}
          allowDeselect={false}
          data-testid="document-kind"
          w={260}
        />
        <FileDropZone
          compact
          onFiles={(files) => void send(files)}
          accept={ACCEPT}
          zoneLabel="Drop ID documents or other papers here"
          inputLabel="Choose document files"
          title={`Drop the ${kindLabel(kind).replace(/^./, (c) => c.toLowerCase())} here`}
          hint="A photo or scan: JPEG, PNG, WebP, HEIC, TIFF or PDF, up to 25 MB. Stored encrypted; the type is read from the file itself."
          loading={busy}
          testIds={{ zone: 'document-drop', input: 'document-file-input', choose: 'document-choose' }}
        />
        {uploads.length > 0 ? (
          <Stack gap="sm">
            {uploads.map((u) => (
              <UploadRow key={u.key} upload={u} onAnalyzed={(x, f) => void analyzed(x, f)} />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

function FilesTable({
  files,
  selected,
  onSelect,
}: {
  files: DocumentFileView[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="xs" fz="sm" data-testid="document-files">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Kept until</Table.Th>
            <Table.Th>Uploaded by</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((f) => {
            const status = STATUS_LABELS[f.status];
            const strong = (f.analysis?.forensics.findings ?? []).filter(
              (x) => x.strength === 'strong',
            ).length;
            return (
              <Table.Tr
                key={f.id}
                data-testid="document-file"
                data-file-id={f.id}
                data-status={f.status}
                bg={f.id === selected ? 'var(--mantine-color-blue-0)' : undefined}
              >
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm" fw={f.id === selected ? 600 : 400}>
                    {f.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(f.bytes)}
                    {strong > 0 ? ` · ${strong} strong finding${strong === 1 ? '' : 's'}` : ''}
                    {f.analysis?.reuse.length ? ' · image used by another subject' : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{kindLabel(f.kind)}</Table.Td>
                <Table.Td>
                  <Badge color={status.color} variant="light" data-testid="document-file-status">
                    {status.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {f.deletedAt ? `deleted ${formatDay(f.deletedAt)}` : formatDay(f.retainUntil)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{f.uploadedBy}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(f.uploadedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant={f.id === selected ? 'filled' : 'default'}
                    leftSection={<IconEye size={14} />}
                    onClick={() => onSelect(f.id)}
                    data-testid="document-open"
                    aria-pressed={f.id === selected}
                  >
                    View
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function DocumentsTab({ detail }: { detail: SubjectDetail }) {
  const canWrite = useCan('subjects:write');
  const files = useDocumentFiles(detail.id);
  const [params, setParams] = useSearchParams();
  const chosen = params.get('file');
  const select = (id: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('tab', 'documents');
        next.set('file', id);
        return next;
      },
      { replace: true },
    );

  const list = files.data ?? [];
  const current = list.find((f) => f.id === chosen) ?? list[0] ?? null;

  return (
    <Stack gap="md" data-testid="documents-tab">
      <Stack gap={4}>
        <Title order={2} size="h4">
          Documents
        </Title>
        <Text size="sm" c="dimmed">
          ID documents and other papers, stored encrypted and deleted automatically on their retention date.
          Each upload is checked: the machine-readable zone is read from the image and validated, and the file
          is examined for editing software, missing camera data, re-saving and reuse by other people.
        </Text>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          {canWrite ? (
            <UploadPanel subjectId={detail.id} onUploaded={select} />
          ) : (
            <Alert icon={<IconInfoCircle size={18} />}>
              Your role can look at documents but not upload them.
            </Alert>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ResumePanel detail={detail} canWrite={canWrite} />
        </Grid.Col>
      </Grid>
      {files.isPending ? (
        <PageLoader label="Loading documents…" />
      ) : files.error ? (
        <ErrorAlert error={files.error} title="The documents could not be loaded" />
      ) : list.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="documents-empty">
          No document uploaded yet.
        </Text>
      ) : (
        <>
          <FilesTable files={list} selected={current?.id ?? null} onSelect={select} />
          {current ? <DocumentViewer subjectId={detail.id} file={current} canWrite={canWrite} /> : null}
        </>
      )}
    </Stack>
  );
}

export default DocumentsTab;
