// ID photo: the candidate holds the document up to the camera and takes a picture (or chooses a photo file);
// it is uploaded as it is and analysed by the server (machine-readable zone, the face on it). Always
// skippable: the organisation may not have asked for it, and a failed upload must not block the check.
import { Alert, Button, FileButton, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCamera, IconCheck, IconId, IconUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../../api/client.ts';
import {
  type CandidateDocument,
  DOCUMENT_KINDS,
  type DocumentKind,
  documentStatus,
  uploadDocument,
} from '../candidate-api.ts';
import { CameraView } from './CameraView.tsx';

const KIND_LABELS: Record<DocumentKind, string> = {
  passport: 'Passport',
  id_card: 'National ID card',
  drivers_license: "Driver's licence",
  work_permit: 'Work or residence permit',
};

const POLL_MS = 2000;
const POLL_LIMIT_MS = 120_000;

/** What went wrong with an upload, in plain words. */
export function uploadProblem(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 404 || error.status === 405)
      return 'We could not upload your ID photo: this service does not accept ID photos from this page. You can continue without it; your recruiter may ask for it another way.';
    if (error.status === 413)
      return 'The photo is too large. Take it again with the camera, or choose a smaller file.';
    if (error.status === 415) return 'This file is not a photo we can read. Use a JPEG, PNG or WebP picture.';
    if (error.status === 409 || error.status === 410)
      return 'This step is closed for this link, so the photo was not added. You can continue.';
  }
  return `We could not upload your ID photo (${errorMessage(error)}). Try again, or continue without it.`;
}

/** Resolves once the video has a frame to draw (at most `ms` later): a click right after the step opens may come first. */
function firstFrame(video: HTMLVideoElement, ms = 5000): Promise<void> {
  if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0)
    return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      video.removeEventListener('loadeddata', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    video.addEventListener('loadeddata', done);
  });
}

async function grabPhoto(video: HTMLVideoElement): Promise<Blob | null> {
  await firstFrame(video);
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0) return null;
  ctx.drawImage(video, 0, 0);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/jpeg', 0.92));
}

export function DocumentStep({
  token,
  stream,
  onContinue,
}: {
  token: string;
  stream: MediaStream;
  onContinue: () => void;
}) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [kind, setKind] = useState<DocumentKind>('passport');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<{ fileId: string; at: number } | null>(null);
  const [doc, setDoc] = useState<CandidateDocument | null>(null);

  const send = async (file: Blob, name: string) => {
    setBusy(true);
    setProblem(null);
    setDoc(null);
    try {
      const res = await uploadDocument(token, kind, file, name);
      setUploaded({ fileId: res.fileId, at: Date.now() });
    } catch (error) {
      setProblem(uploadProblem(error));
    } finally {
      setBusy(false);
    }
  };

  // Follows the analysis until it is done, failed, or two minutes passed.
  useEffect(() => {
    if (!uploaded) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { documents } = await documentStatus(token);
        const mine = documents.find((d) => d.fileId === uploaded.fileId) ?? null;
        if (stopped) return;
        setDoc(mine);
        if (mine && mine.status !== 'analyzing') return;
      } catch {
        // A failed status check is not the candidate's problem; keep trying until the limit.
      }
      if (!stopped && Date.now() - uploaded.at < POLL_LIMIT_MS)
        timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [uploaded, token]);

  const analyzing = uploaded !== null && (doc === null || doc.status === 'analyzing');
  return (
    <Paper p={{ base: 'md', sm: 'xl' }} radius="md" withBorder data-testid="document-step">
      <Stack gap="md">
        <Title order={2} size="h3">
          Photo of your ID
        </Title>
        <Text>
          Hold your passport or ID card up to the camera, with the page that has your photo facing the camera,
          and take a picture. Make sure the text is sharp and nothing is covered. You can also choose a photo
          you already have.
        </Text>
        <Select
          label="Document"
          data={DOCUMENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          value={kind}
          onChange={(v) => v && setKind(v as DocumentKind)}
          allowDeselect={false}
          maw={320}
          data-testid="document-kind"
        />
        <CameraView stream={stream} videoRef={videoRef} mirrored={false} maxWidth={480} />
        <Group gap="sm">
          <Button
            leftSection={<IconCamera size={16} />}
            loading={busy}
            onClick={async () => {
              const video = videoRef.current;
              const photo = video ? await grabPhoto(video) : null;
              if (photo) await send(photo, `${kind}-camera.jpg`);
              else setProblem('The camera has no picture yet. Wait a moment and try again.');
            }}
            data-testid="document-capture"
          >
            Take the photo
          </Button>
          <FileButton onChange={(f) => f && void send(f, f.name)} accept="image/jpeg,image/png,image/webp">
            {(props) => (
              <Button
                {...props}
                variant="default"
                leftSection={<IconUpload size={16} />}
                disabled={busy}
                data-testid="document-file"
              >
                Choose a photo
              </Button>
            )}
          </FileButton>
        </Group>
        {problem ? (
          <Alert
            color="orange"
            icon={<IconAlertTriangle size={18} />}
            title="Could not upload"
            data-testid="document-problem"
            role="alert"
          >
            {problem}
          </Alert>
        ) : null}
        {uploaded ? (
          <Alert
            color={
              doc?.status === 'failed'
                ? 'orange'
                : analyzing
                  ? 'blue'
                  : doc?.mrzFound === false || doc?.faceFound === false
                    ? 'yellow'
                    : 'green'
            }
            icon={
              analyzing ? (
                <Loader size={16} />
              ) : doc?.status === 'failed' ? (
                <IconAlertTriangle size={18} />
              ) : (
                <IconCheck size={18} />
              )
            }
            title={
              analyzing
                ? 'Reading your ID…'
                : doc?.status === 'failed'
                  ? 'We could not read your ID'
                  : 'ID photo received'
            }
            data-testid="document-status"
            aria-live="polite"
          >
            <Text size="sm">
              {doc?.message ??
                (analyzing
                  ? 'This takes a few seconds. You can already continue.'
                  : 'Thank you. You can take it again if it was blurry.')}
            </Text>
          </Alert>
        ) : null}
        <Group justify="space-between" gap="sm">
          <Stack gap={2} maw={420}>
            <Button variant="subtle" onClick={onContinue} data-testid="document-skip" px={0} w="fit-content">
              Skip this step
            </Button>
            <Text size="xs" c="dimmed">
              Skip it if your recruiter did not ask for an ID. If they did, they may ask you for it again
              later.
            </Text>
          </Stack>
          <Button
            size="md"
            leftSection={<IconId size={18} />}
            disabled={!uploaded}
            onClick={onContinue}
            data-testid="document-continue"
          >
            Continue
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
