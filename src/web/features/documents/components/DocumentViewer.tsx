// One uploaded document: the image turned upright with the MRZ box drawn over it (or a PDF's metadata and a
// download link), the MRZ lines with their fields and problems in plain words, the forensic findings (strong
// first, with what each means for a recruiter), the error-level image beside or instead of the original with
// how to read it, other subjects using the same image, and deletion with a confirmation.
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Code,
  Group,
  List,
  Loader,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconDownload,
  IconInfoCircle,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { DocumentFileView, DocumentMrzReading, MrzBox } from '../../../api/types.ts';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import {
  findingText,
  formatBytes,
  isPdf,
  isShowableImage,
  kindLabel,
  metadataRows,
  mrzFields,
  orderFindings,
  reuseText,
  rotationTransform,
  STATUS_LABELS,
  viewerFrame,
} from '../model.ts';
import { contentUrl, elaUrl, useDeleteDocument } from '../queries.ts';

type Frame = NonNullable<ReturnType<typeof viewerFrame>>;

/** The image drawn upright in an SVG whose units are upright-image pixels, so the MRZ box scales with it. */
function UprightImage({
  src,
  frame,
  box,
  label,
  testId,
}: {
  src: string;
  frame: Frame;
  box: MrzBox | null;
  label: string;
  testId: string;
}) {
  const { upright } = frame;
  const stroke = Math.max(2, Math.round(upright.width / 250));
  return (
    <svg
      viewBox={`0 0 ${upright.width} ${upright.height}`}
      style={{ display: 'block', width: '100%', height: 'auto', background: 'var(--mantine-color-gray-1)' }}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-rotation={frame.rotation}
      data-upright-width={upright.width}
      data-upright-height={upright.height}
    >
      <g transform={rotationTransform(frame.rotation, frame.width, frame.height)}>
        <image href={src} x={0} y={0} width={frame.width} height={frame.height} preserveAspectRatio="none" />
      </g>
      {box ? (
        <g data-testid="mrz-overlay">
          <rect
            data-testid="mrz-box"
            x={box.left}
            y={box.top}
            width={box.width}
            height={box.height}
            fill="rgba(34, 139, 230, 0.12)"
            stroke="var(--mantine-color-blue-6)"
            strokeWidth={stroke}
          />
          <text
            x={box.left}
            y={Math.max(stroke * 6, box.top - stroke * 2)}
            fill="var(--mantine-color-blue-8)"
            fontSize={Math.max(12, Math.round(upright.width / 45))}
            fontFamily="sans-serif"
            fontWeight={700}
          >
            Machine-readable zone
          </text>
        </g>
      ) : null}
    </svg>
  );
}

type Mode = 'original' | 'ela' | 'both';

const ELA_HELP =
  'How to read the error-level image: Gatecheck saved the picture once more as a JPEG and shows how much each spot changed — a genuine photo changes evenly, as a fine grain all over, while an area that was pasted in or retouched often stands out brighter or smoother than what surrounds it.';

function ImageSection({ subjectId, file }: { subjectId: string; file: DocumentFileView }) {
  const [mode, setMode] = useState<Mode>('original');
  const mrz = file.analysis?.mrz ?? null;
  const frame = viewerFrame(file, mrz);
  const hasEla = Boolean(file.hasEla ?? file.analysis?.forensics.ela);
  const box = mrz?.source === 'ocr' ? mrz.box : null;
  if (!isShowableImage(file.mediaType)) {
    return (
      <Alert icon={<IconInfoCircle size={18} />} data-testid="document-not-shown">
        Browsers cannot show {file.mediaType} images, so only the analysis is shown.{' '}
        <Anchor href={contentUrl(subjectId, file.id)} download={file.name}>
          Download the file
        </Anchor>{' '}
        to look at it.
      </Alert>
    );
  }
  if (!frame) return <Text size="sm">The image size is not known yet.</Text>;
  const original = (
    <UprightImage
      src={contentUrl(subjectId, file.id)}
      frame={frame}
      box={box}
      label={`${kindLabel(file.kind)}: ${file.name}${box ? ', machine-readable zone outlined' : ''}`}
      testId="document-image"
    />
  );
  const ela = (
    <UprightImage
      src={elaUrl(subjectId, file.id)}
      frame={frame}
      box={box}
      label={`Error-level image of ${file.name}`}
      testId="document-ela"
    />
  );
  return (
    <Stack gap="xs">
      {hasEla ? (
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as Mode)}
          data={[
            { value: 'original', label: 'Original' },
            { value: 'ela', label: 'Error levels' },
            { value: 'both', label: 'Side by side' },
          ]}
          aria-label="Which image to show"
          data-testid="view-mode"
          w="fit-content"
        />
      ) : null}
      {mode === 'both' ? (
        <SimpleGrid cols={2} spacing="xs" maw={1240}>
          {original}
          {ela}
        </SimpleGrid>
      ) : (
        <Box maw={frame.upright.height > frame.upright.width ? 520 : 760}>
          {mode === 'ela' ? ela : original}
        </Box>
      )}
      {frame.rotation !== 0 ? (
        <Text size="xs" c="dimmed" data-testid="document-turned">
          Shown turned {frame.rotation}° clockwise: that is how the MRZ reader found it upright.
        </Text>
      ) : null}
      {hasEla ? (
        <Text size="xs" c="dimmed" data-testid="ela-help">
          {ELA_HELP}
        </Text>
      ) : null}
    </Stack>
  );
}

function MrzSection({ mrz, kind }: { mrz: DocumentMrzReading | null; kind: string }) {
  if (!mrz?.found) {
    return (
      <Stack gap={4} data-testid="mrz-section" data-found="false">
        <Title order={4} size="h5">
          Machine-readable zone
        </Title>
        <Text size="sm" c="dimmed">
          {kind === 'passport' || kind === 'national_id' || kind === 'work_permit'
            ? 'No machine-readable zone could be read. Passports, most ID cards and visas have one: ask for a sharper, straight photo of the whole page, or type the two or three lines in the document evidence.'
            : 'No machine-readable zone on this document.'}
        </Text>
      </Stack>
    );
  }
  const fields = mrzFields(mrz.fields);
  return (
    <Stack gap="xs" data-testid="mrz-section" data-found="true" data-valid={String(mrz.valid)}>
      <Group gap="sm">
        <Title order={4} size="h5">
          Machine-readable zone
        </Title>
        {mrz.valid ? (
          <Badge
            color="green"
            variant="light"
            leftSection={<IconCircleCheck size={12} aria-hidden />}
            data-testid="mrz-valid"
          >
            Valid
          </Badge>
        ) : (
          <Badge
            color="red"
            variant="light"
            leftSection={<IconCircleX size={12} aria-hidden />}
            data-testid="mrz-valid"
          >
            Not valid
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {[
          mrz.format ? `Format ${mrz.format}` : null,
          mrz.source === 'ocr'
            ? `read from the image with ${Math.round(mrz.confidence)}% confidence`
            : 'read from the PDF text',
        ]
          .filter(Boolean)
          .join(', ')}
      </Text>
      <Code
        block
        data-testid="mrz-lines"
        style={{ fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: 1 }}
      >
        {mrz.lines.join('\n')}
      </Code>
      {fields.length > 0 ? (
        <Table fz="sm" withRowBorders={false} verticalSpacing={2} data-testid="mrz-fields">
          <Table.Tbody>
            {fields.map((f) => (
              <Table.Tr key={f.key} data-testid="mrz-field" data-field={f.key}>
                <Table.Th w={160} fw={400} c="dimmed">
                  {f.label}
                </Table.Th>
                <Table.Td ff="monospace">{f.value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {mrz.problems.length > 0 ? (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title="What is wrong with it"
          data-testid="mrz-problems"
        >
          <List size="sm" spacing={2}>
            {mrz.problems.map((p) => (
              <List.Item key={p} data-testid="mrz-problem">
                {p}
              </List.Item>
            ))}
          </List>
          <Text size="xs" mt={6}>
            A misread character can also break a check digit: compare the lines above with the document before
            concluding it was altered.
          </Text>
        </Alert>
      ) : mrz.valid ? (
        <Text size="sm">The check digits add up and the country codes exist.</Text>
      ) : null}
    </Stack>
  );
}

function FindingsSection({ file }: { file: DocumentFileView }) {
  const findings = orderFindings(file.analysis?.forensics.findings ?? []);
  const ela = file.analysis?.forensics.ela ?? null;
  return (
    <Stack gap="xs" data-testid="findings-section">
      <Title order={4} size="h5">
        What the file itself shows
      </Title>
      {findings.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-findings">
          Nothing unusual in the file&apos;s data: no editing software, and capture data where expected. This
          does not prove the document is genuine; look at it as you would a paper one.
        </Text>
      ) : (
        findings.map((f) => {
          const text = findingText(f.kind);
          const strong = f.strength === 'strong';
          return (
            <Card
              key={`${f.kind}:${f.detail}`}
              withBorder
              padding="sm"
              data-testid="finding"
              data-kind={f.kind}
              data-strength={f.strength}
              style={{ borderLeft: `4px solid var(--mantine-color-${strong ? 'red' : 'yellow'}-6)` }}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <IconAlertTriangle
                  size={18}
                  color={`var(--mantine-color-${strong ? 'red' : 'yellow'}-7)`}
                  style={{ flexShrink: 0, marginTop: 2 }}
                  aria-hidden
                />
                <Stack gap={2}>
                  <Group gap={6}>
                    <Text size="sm" fw={600} data-testid="finding-title">
                      {text.title}
                    </Text>
                    <Badge size="sm" variant="light" color={strong ? 'red' : 'yellow'}>
                      {strong ? 'Strong sign' : 'Weak sign'}
                    </Badge>
                  </Group>
                  <Text size="sm" data-testid="finding-detail">
                    {f.detail}
                  </Text>
                  <Text size="xs" c="dimmed" data-testid="finding-meaning">
                    What it means for you: {text.meaning}
                  </Text>
                </Stack>
              </Group>
            </Card>
          );
        })
      )}
      {ela ? (
        <Text size="xs" c="dimmed" data-testid="ela-stats">
          Error levels: average {ela.meanDiff.toFixed(1)}, highest {ela.maxDiff.toFixed(0)} —{' '}
          {ela.suspicious ? 'one area stands out from the rest.' : 'even across the image.'}
        </Text>
      ) : null}
    </Stack>
  );
}

function ReuseSection({ file }: { file: DocumentFileView }) {
  const reuse = file.analysis?.reuse ?? [];
  if (reuse.length === 0) return null;
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle size={18} />}
      title="The same image is used by another subject"
      data-testid="reuse"
    >
      <List size="sm" spacing={2}>
        {reuse.map((r) => (
          <List.Item
            key={`${r.subjectId}:${r.fileId ?? ''}`}
            data-testid="reuse-item"
            data-subject-id={r.subjectId}
          >
            <Anchor component={Link} to={`/subjects/${encodeURIComponent(r.subjectId)}?tab=documents`}>
              {r.subjectName ?? r.subjectId}
            </Anchor>{' '}
            uploaded {reuseText(r.distance)}.
          </List.Item>
        ))}
      </List>
      <Text size="xs" mt={6}>
        Two people cannot share one identity document: compare both cases before going further.
      </Text>
    </Alert>
  );
}

function MetadataTable({ file }: { file: DocumentFileView }) {
  const rows = metadataRows(file.analysis?.forensics.metadata ?? {});
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The file carries no metadata.
      </Text>
    );
  return (
    <Table fz="sm" verticalSpacing={2} data-testid="document-metadata">
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th w={220} fw={400} c="dimmed">
              {r.label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DeleteButton({ subjectId, file }: { subjectId: string; file: DocumentFileView }) {
  const [asking, setAsking] = useState(false);
  const remove = useDeleteDocument(subjectId);
  return (
    <>
      <Button
        size="xs"
        color="red"
        variant="light"
        leftSection={<IconTrash size={14} />}
        onClick={() => setAsking(true)}
        data-testid="document-delete"
      >
        Delete file now
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={`Delete ${file.name}?`}>
        <Stack gap="sm" data-testid="document-delete-confirm">
          <Text size="sm">
            The file and its error-level image are erased now, before their retention date. The analysis and
            the entry in the evidence stay, and the deletion is written to the audit log. This cannot be
            undone.
          </Text>
          {remove.error ? <ErrorAlert error={remove.error} title="The file was not deleted" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate(file.id, { onSuccess: () => setAsking(false) })}
              data-testid="document-delete-yes"
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function DocumentViewer({
  subjectId,
  file,
  canWrite,
}: {
  subjectId: string;
  file: DocumentFileView;
  canWrite: boolean;
}) {
  const status = STATUS_LABELS[file.status];
  const deleted = file.status === 'deleted';
  return (
    <Card
      withBorder
      padding="md"
      data-testid="document-viewer"
      data-file-id={file.id}
      data-status={file.status}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3} size="h4" data-testid="document-title">
                {kindLabel(file.kind)}
              </Title>
              <Badge color={status.color} variant="light" data-testid="document-status">
                {status.label}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {file.name} · {file.mediaType} · {formatBytes(file.bytes)}
              {file.width && file.height ? ` · ${file.width} × ${file.height} pixels` : ''}
              {file.pages ? ` · ${file.pages} page${file.pages === 1 ? '' : 's'}` : ''}
            </Text>
            <Text size="xs" c="dimmed">
              Uploaded by {file.uploadedBy} on {formatDateTime(file.uploadedAt)} ·{' '}
              {deleted
                ? `deleted ${formatDateTime(file.deletedAt)}${file.deletedReason === 'retention' ? ' at the end of its retention' : ''}`
                : `kept until ${formatDay(file.retainUntil)}, then deleted automatically`}
            </Text>
          </Stack>
          <Group gap="xs">
            {!deleted ? (
              <Button
                size="xs"
                variant="default"
                component="a"
                href={contentUrl(subjectId, file.id)}
                download={file.name}
                leftSection={<IconDownload size={14} />}
                data-testid="document-download"
              >
                Download
              </Button>
            ) : null}
            {canWrite && !deleted ? <DeleteButton subjectId={subjectId} file={file} /> : null}
          </Group>
        </Group>

        {file.status === 'analyzing' ? (
          <Group gap="xs" data-testid="document-analyzing">
            <Loader size="sm" />
            <Text size="sm">
              Reading the machine-readable zone and checking the file… this takes a few seconds.
            </Text>
          </Group>
        ) : null}
        {file.status === 'failed' ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The analysis failed">
            {file.error ?? 'No reason was given.'}
          </Alert>
        ) : null}
        {deleted ? (
          <Alert icon={<IconInfoCircle size={18} />} data-testid="document-deleted">
            The file itself is gone; what the analysis found is kept below.
          </Alert>
        ) : null}

        <ReuseSection file={file} />

        {isPdf(file.mediaType) ? (
          <Stack gap="xs" data-testid="document-pdf">
            <Title order={4} size="h5">
              PDF details
            </Title>
            <MetadataTable file={file} />
            {!deleted ? (
              <Anchor
                href={contentUrl(subjectId, file.id)}
                download={file.name}
                size="sm"
                data-testid="pdf-download"
              >
                Download the PDF to read it
              </Anchor>
            ) : null}
          </Stack>
        ) : !deleted ? (
          <ImageSection subjectId={subjectId} file={file} />
        ) : null}

        {file.analysis ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <MrzSection mrz={file.analysis.mrz} kind={file.kind} />
            <FindingsSection file={file} />
          </SimpleGrid>
        ) : null}

        {file.analysis && !isPdf(file.mediaType) ? (
          <Stack gap={4}>
            <Title order={4} size="h5">
              File details
            </Title>
            <MetadataTable file={file} />
          </Stack>
        ) : null}
        {(file.analysis?.notes ?? []).length > 0 ? (
          <List size="xs" c="dimmed" data-testid="analysis-notes">
            {(file.analysis?.notes ?? []).map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
    </Card>
  );
}
