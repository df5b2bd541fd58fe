// Frames the candidate's browser captured during the challenge, checked by the server against the trace.
// Each read is audited; a frame that cannot be shown (deleted by retention, not stored) says so instead.
import { Badge, Group, Image, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { CaseBundle, KeyframeVerdict } from '../../../api/types.ts';
import { quotedFrames } from '../model.ts';
import { keyframeUrl } from '../queries.ts';

function Thumbnail({
  subjectId,
  sessionId,
  frame,
}: {
  subjectId: string;
  sessionId: string;
  frame: Pick<KeyframeVerdict, 'index' | 't' | 'agrees' | 'detail'>;
}) {
  const [failed, setFailed] = useState(false);
  return (
    <Tooltip label={frame.detail} multiline w={280} withArrow>
      <Paper withBorder p={4} w={124} data-testid="keyframe" data-index={frame.index}>
        <Stack gap={2}>
          {failed ? (
            <Text size="xs" c="dimmed" h={90} ta="center" pt="md" data-testid="keyframe-missing">
              Frame not available
            </Text>
          ) : (
            <Image
              src={keyframeUrl(subjectId, sessionId, frame.index)}
              alt={`Frame at ${(frame.t / 1000).toFixed(1)} s: ${frame.detail}`}
              h={90}
              fit="cover"
              radius="xs"
              loading="lazy"
              onError={() => setFailed(true)}
            />
          )}
          <Group gap={4} justify="space-between" wrap="nowrap">
            <Text size="xs">{(frame.t / 1000).toFixed(1)} s</Text>
            <Badge size="xs" color={frame.agrees ? 'teal' : 'red'} variant="light">
              {frame.agrees ? 'matches' : 'mismatch'}
            </Badge>
          </Group>
        </Stack>
      </Paper>
    </Tooltip>
  );
}

export function KeyframeStrip({
  subjectId,
  sessionId,
  frames,
}: {
  subjectId: string;
  sessionId: string;
  frames: KeyframeVerdict[];
}) {
  if (frames.length === 0) return null;
  return (
    <Group gap="xs" wrap="wrap" data-testid="keyframe-strip">
      {frames.map((f) => (
        <Thumbnail key={f.index} subjectId={subjectId} sessionId={sessionId} frame={f} />
      ))}
    </Group>
  );
}

/** The captured frames a liveness signal quotes, under its explanation (Assessment tab signal cards). */
export function SignalFrames({
  data,
  bundle,
}: {
  data: Record<string, unknown> | undefined;
  bundle: CaseBundle;
}) {
  const frames = quotedFrames(data, bundle).slice(0, 6);
  if (frames.length === 0) return null;
  return (
    <Stack gap={4} data-testid="signal-frames">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        Captured frames
      </Text>
      <Group gap="xs" wrap="wrap">
        {frames.map((f) => (
          <Thumbnail
            key={`${f.sessionId}-${f.index}`}
            subjectId={bundle.subject.id}
            sessionId={f.sessionId}
            frame={f}
          />
        ))}
      </Group>
    </Stack>
  );
}
