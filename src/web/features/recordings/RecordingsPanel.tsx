// "Upload recording" for the interviews area: choose the interview (or a call not listed yet), upload the
// video, follow the analysis job, then read the results: face presence, occlusion events, whether two people
// appear, the ID-photo match, and whether interview.person-changed fired across interviews.
import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconMovie, IconUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import type { SubjectDetail } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useCan } from '../auth/queries.ts';
import { jobPercent, useJob } from '../jobs/queries.ts';
import { type RecordingView, uploadRecording, useRecordings, useRefreshRecordings } from './queries.ts';

const NEW = 'new';
/** The similarity at which a face matches the ID photo (interview.person-changed and liveness.face-mismatch use it too). */
const ID_MATCH_MIN = 0.55;
const ACCEPT = 'video/mp4,video/webm,video/quicktime,.mp4,.webm,.mov,.m4v';

function clock(sec: number): string {
  const s = Math.round(sec);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function JobProgress({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  const value = job.data ? Math.max(3, jobPercent(job.data)) : 3;
  const label = job.data?.total
    ? `${job.data.progress} of ${job.data.total} frames analysed`
    : 'Waiting for the analysis to start…';
  return (
    <Stack gap={2}>
      <Progress value={value} animated aria-label={label} />
      <Text size="xs" c="dimmed" data-testid="recording-progress">
        {label}
      </Text>
    </Stack>
  );
}

function RecordingResult({ rec }: { rec: RecordingView }) {
  const a = rec.analysis;
  return (
    <Card withBorder padding="sm" data-testid="recording" data-status={rec.status}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600} truncate>
            Interview {rec.interviewIndex + 1}: {rec.name}
          </Text>
          <Badge
            variant="light"
            color={rec.status === 'failed' ? 'red' : rec.status === 'analyzed' ? 'green' : 'blue'}
          >
            {rec.status === 'analyzing'
              ? 'Analysing'
              : rec.status === 'analyzed'
                ? 'Analysed'
                : rec.status === 'failed'
                  ? 'Failed'
                  : 'Video deleted'}
          </Badge>
        </Group>
        {rec.status === 'analyzing' && rec.jobId ? <JobProgress jobId={rec.jobId} /> : null}
        {rec.error ? (
          <Text size="sm" c="red.8">
            {rec.error}
          </Text>
        ) : null}
        {a ? (
          <Stack gap={2} data-testid="recording-results">
            <Text size="sm">
              Face seen in <b>{Math.round(a.facePresence * 100)} %</b> of {a.framesAnalysed} frames
              {a.durationSec !== null ? ` (${clock(a.durationSec)} of video, ${a.fps} per second)` : ''}.
            </Text>
            <Text size="sm">
              Occlusion events: {a.occlusionEvents.length === 0 ? 'none' : a.occlusionEvents.length}
              {a.occlusionEvents.slice(0, 5).map((e) => (
                <Text span size="xs" c="dimmed" key={`${e.kind}${e.start}`}>
                  {' '}
                  · {clock(e.start)}{' '}
                  {e.kind === 'hand-over-face' ? 'hand over the face' : 'face lost briefly'}
                </Text>
              ))}
            </Text>
            {a.identityChanged ? (
              <Text size="sm" c="red.8" fw={600} data-testid="recording-two-people">
                Two different people appear in this recording (around {clock(a.mostDifferent?.a ?? 0)} and{' '}
                {clock(a.mostDifferent?.b ?? 0)}).
              </Text>
            ) : a.faceFrames > 0 ? (
              <Text size="sm">One person throughout.</Text>
            ) : null}
            {a.idMatch !== null ? (
              <Text size="sm" c={a.idMatch >= ID_MATCH_MIN ? undefined : 'red.8'}>
                ID photo: {a.idMatch >= ID_MATCH_MIN ? 'matches' : 'does not match'} (similarity{' '}
                {a.idMatch.toFixed(2)}).
              </Text>
            ) : null}
          </Stack>
        ) : null}
        <Text size="xs" c="dimmed">
          Uploaded {formatDateTime(rec.uploadedAt)}
        </Text>
      </Stack>
    </Card>
  );
}

export function RecordingsPanel({ detail }: { detail: SubjectDetail }) {
  const canWrite = useCan('subjects:write');
  const recordings = useRecordings(detail.id);
  const refresh = useRefreshRecordings(detail.id);
  const interviews = detail.bundle.interviews ?? [];
  const [target, setTarget] = useState<string>(interviews.length > 0 ? '0' : NEW);
  const [at, setAt] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = (detail.assessment?.signals ?? []).find((s) => s.id === 'interview.person-changed');
  const list = recordings.data ?? [];
  // When an analysis finishes, the bundle and the assessment changed too: reload the subject.
  const analysing = list.filter((r) => r.status === 'analyzing').length;
  const wasAnalysing = useRef(analysing);
  useEffect(() => {
    if (analysing < wasAnalysing.current) void refresh();
    wasAnalysing.current = analysing;
  }, [analysing, refresh]);

  const send = async (file: File | null) => {
    if (!file) return;
    setError(null);
    if (target === NEW && Number.isNaN(Date.parse(at))) {
      setError('Say when the call was held first.');
      return;
    }
    setSent(0);
    try {
      await uploadRecording(
        detail.id,
        file,
        target === NEW ? { at: new Date(at).toISOString() } : Number(target),
        (done, total) => setSent(total > 0 ? Math.round((done / total) * 100) : 0),
      );
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSent(null);
    }
  };

  if (!canWrite && list.length === 0) return null;
  return (
    <Card withBorder padding="md" mt="sm" data-testid="recordings-panel">
      <Stack gap="sm">
        <Group gap="xs">
          <IconMovie size={18} aria-hidden />
          <Text fw={600}>Interview recordings</Text>
        </Group>
        {list.length > 1 ? (
          <Text
            size="sm"
            c={changed ? 'red.8' : undefined}
            fw={changed ? 600 : undefined}
            data-testid="recordings-person-changed"
          >
            {changed
              ? `Person changed between interviews: ${changed.explanation}`
              : 'Same person in every analysed interview.'}
          </Text>
        ) : null}
        {list.map((rec) => (
          <RecordingResult key={rec.id} rec={rec} />
        ))}
        {canWrite ? (
          <Stack gap="xs">
            <Group align="end" gap="sm">
              <Select
                label="Which interview?"
                data={[
                  ...interviews.map((iv, i) => ({
                    value: String(i),
                    label: `Interview ${i + 1}${iv.at ? ` — ${formatDateTime(iv.at)}` : ''}`,
                  })),
                  { value: NEW, label: 'A call not listed yet' },
                ]}
                value={target}
                onChange={(v) => setTarget(v ?? NEW)}
                allowDeselect={false}
                w={280}
                data-testid="recording-interview"
              />
              {target === NEW ? (
                <TextInput
                  type="datetime-local"
                  label="When was it held?"
                  value={at}
                  onChange={(e) => setAt(e.currentTarget.value)}
                  data-testid="recording-at"
                />
              ) : null}
              <FileButton onChange={(f) => void send(f)} accept={ACCEPT}>
                {(props) => (
                  <Button
                    {...props}
                    leftSection={<IconUpload size={16} />}
                    loading={sent !== null}
                    data-testid="recording-upload"
                  >
                    Upload recording
                  </Button>
                )}
              </FileButton>
            </Group>
            {sent !== null ? <Progress value={sent} animated aria-label="Uploading the recording" /> : null}
            <Text size="xs" c="dimmed">
              MP4, WebM or MOV (500 MB at most unless the server says otherwise). Stored encrypted and deleted
              with the documents; the server samples one frame per second and looks for the face, hands over
              it, and a change of person.
            </Text>
            {error ? (
              <Alert color="red" data-testid="recording-error">
                {error}
              </Alert>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

export default RecordingsPanel;
