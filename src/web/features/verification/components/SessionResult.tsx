// A completed session as the server judged it: whether the trace can be trusted, each challenge passed or
// failed with the plain detail and reaction time, the findings (strong or weak), the camera, the match with
// the ID photo, the session over time and the captured frames next to what they show.
import { Alert, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { errorMessage } from '../../../api/client.ts';
import type { VerificationResult, VerificationView } from '../../../api/types.ts';
import { PageLoader } from '../../../ui/feedback.tsx';
import {
  CHALLENGE_WORDS,
  challengeTitle,
  formatMs,
  keyframesForStep,
  keyframesNear,
  keyframesOf,
  momentsText,
} from '../model.ts';
import { useVerificationTrace } from '../queries.ts';
import { KeyframeStrip } from './Keyframes.tsx';
import { SessionChart } from './SessionChart.tsx';

const FINDING_KINDS: Record<string, string> = {
  occlusion: 'Hand in front of the face',
  profile: 'Turn to profile',
  identity: 'Same person throughout',
  spoof: 'Photo, replay or screen',
};

function Integrity({
  result,
  subjectId,
  sessionId,
}: {
  result: VerificationResult;
  subjectId: string;
  sessionId: string;
}) {
  if (result.integrity.ok)
    return (
      <Group gap="xs" data-testid="integrity" data-ok="true">
        <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" />
        <Text size="sm">
          The measurements can be trusted: right session and code, time runs forward, frame rate and challenge
          order as issued.
        </Text>
      </Group>
    );
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle size={18} />}
      title="The measurements cannot be fully trusted"
      data-testid="integrity"
      data-ok="false"
    >
      <List size="sm" spacing={4}>
        {result.integrity.problems.map((p) => (
          <List.Item key={`${p.code}-${p.message}`} data-testid="integrity-problem">
            {p.message}
            {p.moments.length > 0 ? (
              <Text span c="dimmed">
                {' '}
                ({momentsText(p.moments)})
              </Text>
            ) : null}
            <KeyframeStrip
              subjectId={subjectId}
              sessionId={sessionId}
              frames={keyframesNear(result, p.moments)}
            />
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function Challenges({
  result,
  subjectId,
  sessionId,
}: {
  result: VerificationResult;
  subjectId: string;
  sessionId: string;
}) {
  const passed = result.challenges.filter((c) => c.passed).length;
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        Challenges: {passed} of {result.challenges.length} passed
      </Title>
      {result.challenges.map((c) => (
        <Card
          key={c.stepId}
          withBorder
          padding="sm"
          data-testid="challenge"
          data-kind={c.kind}
          data-passed={String(c.passed)}
          style={c.passed ? undefined : { borderColor: 'var(--mantine-color-red-4)' }}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2} style={{ flex: 1 }}>
              <Group gap="xs">
                {c.passed ? (
                  <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" />
                ) : (
                  <IconCircleX size={18} color="var(--mantine-color-red-6)" />
                )}
                <Text fw={600} size="sm">
                  {challengeTitle(c.kind)}
                </Text>
                <Badge size="sm" color={c.passed ? 'teal' : 'red'} variant="light">
                  {c.passed ? 'Passed' : 'Failed'}
                </Badge>
              </Group>
              <Text size="sm" data-testid="challenge-detail">
                {c.detail}
              </Text>
              <Text size="xs" c="dimmed">
                {c.reactionMs === null
                  ? 'Not performed within the time allowed'
                  : `Reaction time ${formatMs(c.reactionMs)}`}
                {c.passed ? '' : ` · ${CHALLENGE_WORDS[c.kind]?.why ?? ''}`}
              </Text>
            </Stack>
          </Group>
          <KeyframeStrip
            subjectId={subjectId}
            sessionId={sessionId}
            frames={keyframesForStep(result, c.stepId)}
          />
        </Card>
      ))}
    </Stack>
  );
}

function Findings({
  result,
  subjectId,
  sessionId,
}: {
  result: VerificationResult;
  subjectId: string;
  sessionId: string;
}) {
  if (result.findings.length === 0)
    return (
      <Text size="sm" data-testid="findings-none">
        No findings: the face behaved like a real face in front of a real camera.
      </Text>
    );
  const sorted = [...result.findings].sort((a, b) => Number(a.weak) - Number(b.weak));
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        Findings
      </Title>
      {sorted.map((f) => (
        <Card
          key={`${f.kind}-${f.code}`}
          withBorder
          padding="sm"
          data-testid="finding"
          data-weak={String(f.weak)}
        >
          <Group gap="xs">
            <Badge color={f.weak ? 'yellow' : 'red'} variant={f.weak ? 'light' : 'filled'} size="sm">
              {f.weak ? 'Weak evidence' : 'Strong evidence'}
            </Badge>
            <Text fw={600} size="sm">
              {FINDING_KINDS[f.kind] ?? f.kind}: {f.code.replace(/_/g, ' ')}
            </Text>
          </Group>
          <Text size="sm" mt={4}>
            {f.detail}
          </Text>
          {f.moments.length > 0 ? (
            <Text size="xs" c="dimmed">
              {momentsText(f.moments)}
            </Text>
          ) : null}
          <KeyframeStrip
            subjectId={subjectId}
            sessionId={sessionId}
            frames={keyframesNear(result, f.moments)}
          />
        </Card>
      ))}
    </Stack>
  );
}

function Facts({ result }: { result: VerificationResult }) {
  const vc = result.virtualCamera;
  const fm = result.faceMatch;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Card withBorder padding="sm" data-testid="virtual-camera" data-flagged={String(vc.flagged)}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Camera
        </Text>
        <Text size="sm" fw={600} c={vc.flagged ? 'red' : undefined}>
          {vc.flagged
            ? `Virtual camera software: ${vc.match ?? 'known name'}`
            : 'A physical camera, as far as its name shows'}
        </Text>
        <Text size="xs" c="dimmed">
          Camera name: {vc.label || '(none given)'}
        </Text>
      </Card>
      <Card withBorder padding="sm" data-testid="face-match" data-matched={fm ? String(fm.matched) : 'none'}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Face and ID photo
        </Text>
        {fm ? (
          <>
            <Text size="sm" fw={600} c={fm.matched ? undefined : 'red'}>
              {fm.matched ? 'Same person as the ID photo' : 'Does not match the ID photo'}
            </Text>
            <Text size="xs" c="dimmed">
              Similarity {fm.similarity.toFixed(2)} (best {fm.best.toFixed(2)}, needed{' '}
              {fm.threshold.toFixed(2)}) over {fm.compared} live samples
            </Text>
          </>
        ) : (
          <Text size="sm">No ID photo with a face was on file to compare with.</Text>
        )}
      </Card>
      {result.pulse ? (
        <Card withBorder padding="sm" data-testid="pulse">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Pulse from skin colour (weak evidence)
          </Text>
          <Text size="sm">
            {result.pulse.usable && result.pulse.bpm !== null
              ? `${Math.round(result.pulse.bpm)} beats/min`
              : 'Not measurable'}
          </Text>
          <Text size="xs" c="dimmed">
            {result.pulse.detail}
          </Text>
        </Card>
      ) : null}
      <Card withBorder padding="sm">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Session
        </Text>
        <Text size="sm">
          {formatMs(result.summary.durationMs)}, {result.summary.frames} frames (
          {result.summary.averageFps.toFixed(1)} per second), face seen in {result.summary.faceFrames}
        </Text>
        <Text size="xs" c="dimmed">
          {keyframesOf(result).length} frames captured for checking
        </Text>
      </Card>
    </SimpleGrid>
  );
}

function Chart({ view, result }: { view: VerificationView; result: VerificationResult }) {
  const trace = useVerificationTrace(view.subjectId, view.id, view.hasTrace);
  if (!view.hasTrace)
    return (
      <Text size="sm" c="dimmed" data-testid="chart-unavailable">
        The measurements behind this result were deleted at the end of the retention period; the verdict above
        remains.
      </Text>
    );
  if (trace.isPending) return <PageLoader label="Loading the session…" />;
  if (trace.error)
    return (
      <Text size="sm" c="dimmed" data-testid="chart-unavailable">
        The session chart cannot be shown: {errorMessage(trace.error)}
      </Text>
    );
  return <SessionChart series={trace.data} result={result} />;
}

export function SessionResult({ view, result }: { view: VerificationView; result: VerificationResult }) {
  return (
    <Stack gap="md" data-testid="session-result">
      <Integrity result={result} subjectId={view.subjectId} sessionId={view.id} />
      <Stack gap={4}>
        <Title order={4} size="h5">
          The session over time
        </Title>
        <Chart view={view} result={result} />
      </Stack>
      <Challenges result={result} subjectId={view.subjectId} sessionId={view.id} />
      <Findings result={result} subjectId={view.subjectId} sessionId={view.id} />
      <Facts result={result} />
    </Stack>
  );
}
