// Camera permission and device check: asks for the camera, explains in plain words what to do when the
// browser blocked it (per browser) or found none, then shows the camera's name, resolution and frame rate.
import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCamera, IconCameraOff, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { TraceDevice } from '../../../../core/liveness/types.ts';
import {
  browserFamily,
  CameraError,
  type CameraProblem,
  describeCamera,
  openCamera,
  stopCamera,
  UNBLOCK_STEPS,
} from '../camera.ts';
import { CameraView, TechnicalDetails } from './CameraView.tsx';

function CameraHelp({
  problem,
  onRetry,
  busy,
}: {
  problem: CameraProblem;
  onRetry: () => void;
  busy: boolean;
}) {
  const family = browserFamily(navigator.userAgent);
  const retry = (
    <Button
      leftSection={<IconRefresh size={16} />}
      onClick={onRetry}
      loading={busy}
      data-testid="camera-retry"
    >
      Try again
    </Button>
  );
  if (problem === 'blocked')
    return (
      <Alert
        color="orange"
        icon={<IconCameraOff size={20} />}
        title="Your browser blocked the camera"
        data-testid="camera-blocked"
        role="alert"
      >
        <Stack gap="sm">
          <Text size="sm">The check needs your camera. To allow it:</Text>
          <List type="ordered" size="sm" spacing={4}>
            {UNBLOCK_STEPS[family].map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed">
            On a company laptop, the camera may be switched off in the system settings (Windows: Settings →
            Privacy → Camera; macOS: System Settings → Privacy &amp; Security → Camera).
          </Text>
          <Group>{retry}</Group>
        </Stack>
      </Alert>
    );
  const text: Record<Exclude<CameraProblem, 'blocked'>, [string, string]> = {
    not_found: [
      'No camera found',
      'We could not find a camera on this device. Plug in a webcam (or open this link on a phone), then try again.',
    ],
    in_use: [
      'The camera is busy',
      'Another app (a video call, for example) may be using the camera. Close it, then try again.',
    ],
    insecure: [
      'This page is not secure',
      'Cameras only work on https pages. Ask your recruiter for a correct link.',
    ],
    unsupported: [
      'This browser cannot use a camera',
      'Open the link in a recent Chrome, Edge, Firefox or Safari, on a computer or a phone.',
    ],
    other: [
      'The camera did not start',
      'Something went wrong starting the camera. Try again, or use another browser.',
    ],
  };
  const [title, body] = text[problem];
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={20} />}
      title={title}
      data-testid={`camera-${problem}`}
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm">{body}</Text>
        <Group>{retry}</Group>
      </Stack>
    </Alert>
  );
}

export function CameraStep({
  stream,
  device,
  onStream,
  onContinue,
}: {
  stream: MediaStream | null;
  device: TraceDevice | null;
  onStream: (stream: MediaStream, device: TraceDevice) => void;
  onContinue: () => void;
}) {
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const s = await openCamera();
      try {
        onStream(s, await describeCamera(s));
      } catch (error) {
        stopCamera(s);
        throw error;
      }
    } catch (error) {
      setProblem(error instanceof CameraError ? error.problem : 'other');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p={{ base: 'md', sm: 'xl' }} radius="md" withBorder data-testid="camera-step">
      <Stack gap="md">
        <Title order={2} size="h3">
          Check your camera
        </Title>
        {!stream ? (
          <>
            <Text>
              Your browser will ask to use the camera. Choose <b>Allow</b>. Sit facing a window or a lamp, so
              your face is well lit.
            </Text>
            {problem ? (
              <CameraHelp problem={problem} onRetry={() => void start()} busy={busy} />
            ) : (
              <Group>
                <Button
                  size="md"
                  leftSection={<IconCamera size={18} />}
                  onClick={() => void start()}
                  loading={busy}
                  data-testid="camera-start"
                >
                  Turn on my camera
                </Button>
              </Group>
            )}
          </>
        ) : (
          <>
            <Text>
              Can you see yourself? Make sure your whole face is in the picture and nothing covers it.
            </Text>
            <CameraView stream={stream} maxWidth={480} />
            {device ? (
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" data-testid="device-check">
                <Text size="sm">
                  <Text span c="dimmed">
                    Camera:{' '}
                  </Text>
                  <span data-testid="device-label">{device.label || 'unnamed camera'}</span>
                </Text>
                <Text size="sm">
                  <Text span c="dimmed">
                    Picture:{' '}
                  </Text>
                  <span data-testid="device-resolution">
                    {device.width} × {device.height}
                  </span>
                </Text>
                <Text size="sm">
                  <Text span c="dimmed">
                    Frames per second:{' '}
                  </Text>
                  <span data-testid="device-fps">{device.frameRate ?? 'unknown'}</span>
                </Text>
              </SimpleGrid>
            ) : null}
            {device && (device.width < 320 || device.height < 240) ? (
              <Alert color="yellow" title="The picture is very small">
                Your camera sends a very small picture. If you have another camera, use that one.
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button size="md" onClick={onContinue} data-testid="camera-continue">
                It works, continue
              </Button>
            </Group>
            {device ? (
              <TechnicalDetails
                rows={[
                  ['Camera label', device.label],
                  ['Resolution', `${device.width}×${device.height}`],
                  ['Frame rate', device.frameRate],
                  ['Browser', device.userAgent],
                ]}
              />
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  );
}
