// The challenge: gets the server's plan, loads the face models from Gatecheck (never a CDN), then runs each
// step with a big instruction, an icon and a countdown, tells the candidate when their face cannot be seen,
// and sends the trace. Keyframes are uploaded on the side; their failures never block the candidate.
import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  Progress,
  RingProgress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBigLeft,
  IconArrowBigRight,
  IconArrowBigUp,
  IconBulb,
  IconEye,
  IconFaceId,
  IconHandStop,
  IconMoodSmile,
  IconPencil,
  IconUserScan,
} from '@tabler/icons-react';
import type { Human } from '@vladmandic/human';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type {
  ChallengeKind,
  ChallengePlan,
  LivenessTrace,
  Rgb,
  TraceDevice,
} from '../../../../core/liveness/types.ts';
import { errorMessage, isApiError } from '../../../api/client.ts';
import { fetchPlan, submitTrace, uploadKeyframe } from '../candidate-api.ts';
import { type RunnerState, runChallenge, warmUp } from '../challenge-runner.ts';
import { humanBrowserConfig } from '../human-config.ts';
import { CameraView, TechnicalDetails } from './CameraView.tsx';
import { LinkProblem } from './LinkProblem.tsx';

const INSTRUCTIONS: Record<ChallengeKind, { text: string; hint: string; icon: ReactNode }> = {
  turn_left: {
    text: 'Turn your head to your left',
    hint: 'Turn slowly until you see your ear, then come back.',
    icon: <IconArrowBigLeft size={56} />,
  },
  turn_right: {
    text: 'Turn your head to your right',
    hint: 'Turn slowly until you see your ear, then come back.',
    icon: <IconArrowBigRight size={56} />,
  },
  look_up: {
    text: 'Look up',
    hint: 'Tilt your head back towards the ceiling, then come back.',
    icon: <IconArrowBigUp size={56} />,
  },
  blink: {
    text: 'Blink slowly',
    hint: 'Close your eyes for a moment, then open them.',
    icon: <IconEye size={56} />,
  },
  smile: {
    text: 'Smile',
    hint: 'A big smile, showing your teeth if you like.',
    icon: <IconMoodSmile size={56} />,
  },
  cover_half: {
    text: 'Cover half of your face with your hand',
    hint: 'Hold your open hand over one side of your face for a second.',
    icon: <IconHandStop size={56} />,
  },
  pass_object: {
    text: 'Pass a finger or a pen across your face',
    hint: 'Move it slowly from one side of your face to the other, close to your face.',
    icon: <IconPencil size={56} />,
  },
  flash: {
    text: 'Keep looking at the screen',
    hint: 'The screen will change colour for a moment.',
    icon: <IconBulb size={56} />,
  },
};

type Phase = 'loading' | 'ready' | 'running' | 'sending' | 'failed';

/** Picks black or white text for a background colour. */
const textOn = (c: Rgb) => (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] > 150 ? '#000' : '#fff');

export function ChallengeStep({
  token,
  stream,
  device,
  onDone,
}: {
  token: string;
  stream: MediaStream;
  device: TraceDevice;
  onDone: () => void;
}) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const flashRef = useRef<HTMLDivElement | null>(null);
  const humanRef = useRef<Human | null>(null);
  const traceRef = useRef<LivenessTrace | null>(null);
  const [phase, setPhase] = useState<Phase>('loading');
  const [plan, setPlan] = useState<ChallengePlan | null>(null);
  const [loaded, setLoaded] = useState(0);
  const [backend, setBackend] = useState<string>('');
  const [state, setState] = useState<RunnerState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [keyframes, setKeyframes] = useState({ sent: 0, failed: 0 });

  // Plan and models, once.
  useEffect(() => {
    let cancelled = false;
    let poll: ReturnType<typeof setInterval> | undefined;
    void (async () => {
      try {
        const issued = await fetchPlan(token);
        if (cancelled) return;
        setPlan(issued.plan);
        const { Human } = await import('@vladmandic/human');
        const human = new Human(humanBrowserConfig());
        poll = setInterval(() => {
          const pct = human.models.stats().percentageLoaded;
          if (Number.isFinite(pct)) setLoaded(Math.min(1, pct));
        }, 200);
        await human.load();
        clearInterval(poll);
        if (cancelled) return;
        setLoaded(1);
        setBackend(String(human.tf.getBackend()));
        humanRef.current = human;
        setPhase('ready');
      } catch (e) {
        if (poll) clearInterval(poll);
        if (!cancelled) {
          setError(e);
          setPhase('failed');
        }
      }
    })();
    return () => {
      cancelled = true;
      if (poll) clearInterval(poll);
    };
  }, [token]);

  const setFlash = useCallback((color: Rgb | null) => {
    const el = flashRef.current;
    if (!el) return;
    el.style.display = color ? 'flex' : 'none';
    if (color) {
      el.style.background = `rgb(${color[0]}, ${color[1]}, ${color[2]})`;
      el.style.color = textOn(color);
    }
  }, []);

  const send = useCallback(
    async (trace: LivenessTrace) => {
      setPhase('sending');
      setError(null);
      try {
        await submitTrace(token, trace);
        onDone();
      } catch (e) {
        setError(e);
        setPhase('failed');
      }
    },
    [token, onDone],
  );

  const start = async () => {
    const human = humanRef.current;
    const video = videoRef.current;
    if (!human || !video || !plan) return;
    setPhase('running');
    try {
      await warmUp(human, video);
      const trace = await runChallenge({
        human,
        video,
        plan,
        device,
        setFlash,
        onState: setState,
        onKeyframe: (t, stepId, jpeg) => {
          uploadKeyframe(token, t, stepId, jpeg).then(
            () => setKeyframes((k) => ({ ...k, sent: k.sent + 1 })),
            () => setKeyframes((k) => ({ ...k, failed: k.failed + 1 })),
          );
        },
      });
      traceRef.current = trace;
      await send(trace);
    } catch (e) {
      setFlash(null);
      setError(e);
      setPhase('failed');
    }
  };

  const step = state?.step ?? null;
  const instruction = step ? INSTRUCTIONS[step.kind] : null;
  const total = plan?.steps.length ?? 0;
  const running = phase === 'running' && state !== null;
  const waiting = state?.phase === 'gap';
  const secondsLeft = state ? Math.ceil(state.remainingMs / 1000) : 0;

  return (
    <Paper p={{ base: 'sm', sm: 'xl' }} radius="md" withBorder data-testid="challenge-step">
      <Stack gap="md">
        {phase === 'loading' || phase === 'ready' ? (
          <>
            <Title order={2} size="h3">
              Follow the instructions
            </Title>
            <Text>
              You will see {total > 0 ? `${total} short instructions` : 'a few short instructions'}, one at a
              time, each for a few seconds: turn your head, blink, smile, cover part of your face with your
              hand, and so on. Keep your face in the picture and do each one when it appears. It takes about a
              minute.
            </Text>
          </>
        ) : null}
        {phase === 'loading' ? (
          <Stack gap={4} data-testid="models-loading" aria-live="polite">
            <Text size="sm">
              {plan ? 'Loading the face analysis (runs in your browser)…' : 'Preparing your challenge…'}
            </Text>
            <Progress value={Math.round(loaded * 100)} animated />
          </Stack>
        ) : null}
        {phase === 'running' && !state ? (
          <Text size="sm" c="dimmed" aria-live="polite">
            Starting…
          </Text>
        ) : null}
        {running && state ? (
          <Stack gap="xs" data-testid="challenge-running" aria-live="polite">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" c="dimmed" data-testid="challenge-progress">
                {state.phase === 'baseline'
                  ? 'Get ready'
                  : `Step ${Math.min(total, state.stepIndex + (waiting ? 2 : 1))} of ${total}`}
              </Text>
              <Text size="sm" c="dimmed">
                {state.phase === 'step' ? `${secondsLeft} s` : ''}
              </Text>
            </Group>
            <Progress
              value={
                total > 0
                  ? ((state.stepIndex + (state.phase === 'step' && !state.stepDone ? 0 : 1)) / total) * 100
                  : 0
              }
              size="sm"
            />
            <Group
              gap="md"
              wrap="nowrap"
              mih={80}
              data-testid="challenge-instruction"
              data-kind={state.phase === 'step' ? step?.kind : ''}
            >
              <Box c={state.stepDone ? 'green.7' : 'blue.7'}>
                {state.phase === 'baseline' ? (
                  <IconUserScan size={56} />
                ) : state.stepDone ? (
                  <IconFaceId size={56} />
                ) : (
                  instruction?.icon
                )}
              </Box>
              <Stack gap={0} style={{ flex: 1 }}>
                <Text fw={700} fz={{ base: 22, sm: 30 }} lh={1.2}>
                  {state.phase === 'baseline'
                    ? 'Look straight at the camera'
                    : waiting
                      ? `Next: ${instruction?.text ?? ''}`
                      : state.stepDone
                        ? 'Well done'
                        : (instruction?.text ?? '')}
                </Text>
                <Text size="sm" c="dimmed">
                  {state.phase === 'baseline' ? 'Keep still for a moment.' : (instruction?.hint ?? '')}
                </Text>
              </Stack>
              {state.phase === 'step' && !state.stepDone ? (
                <RingProgress
                  size={64}
                  thickness={6}
                  roundCaps
                  sections={[
                    { value: (state.remainingMs / Math.max(1, state.windowMs)) * 100, color: 'blue' },
                  ]}
                  label={
                    <Text ta="center" fw={700} size="sm">
                      {secondsLeft}
                    </Text>
                  }
                />
              ) : null}
            </Group>
          </Stack>
        ) : null}
        {running &&
        state?.faceMissing &&
        !(state.phase === 'step' && (step?.kind === 'cover_half' || step?.kind === 'pass_object')) ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={20} />}
            title="We can't see your face"
            data-testid="face-missing"
            role="alert"
          >
            Move so your whole face is in the picture, with light in front of you, and take off anything
            covering it.
          </Alert>
        ) : null}
        <CameraView stream={stream} videoRef={videoRef} maxWidth={560} />
        {phase === 'ready' ? (
          <Center>
            <Button size="lg" onClick={() => void start()} data-testid="challenge-start">
              Start
            </Button>
          </Center>
        ) : null}
        {phase === 'sending' ? (
          <Text aria-live="polite" data-testid="challenge-sending">
            Sending…
          </Text>
        ) : null}
        {phase === 'failed' ? (
          isApiError(error) && (error.status === 404 || error.status === 410) ? (
            <LinkProblem error={error} />
          ) : (
            <Alert
              color="red"
              icon={<IconAlertTriangle size={20} />}
              title="Something went wrong"
              role="alert"
              data-testid="challenge-error"
            >
              <Stack gap="sm">
                <Text size="sm">{errorMessage(error)}</Text>
                {traceRef.current ? (
                  <Group>
                    <Button onClick={() => traceRef.current && void send(traceRef.current)}>
                      Send again
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm">Reload the page to try again; your link still works.</Text>
                )}
              </Stack>
            </Alert>
          )
        ) : null}
        <TechnicalDetails
          rows={[
            ['Analysis backend', backend],
            ['Models loaded', `${Math.round(loaded * 100)} %`],
            ['Frames analysed', state?.frames ?? 0],
            ['Frames per second', state?.fps ?? null],
            [
              'Keyframes sent',
              `${keyframes.sent}${keyframes.failed ? ` (${keyframes.failed} not accepted)` : ''}`,
            ],
            ['Camera', device.label],
          ]}
        />
      </Stack>
      <div
        ref={flashRef}
        data-testid="flash-overlay"
        style={{
          display: 'none',
          position: 'fixed',
          inset: 0,
          zIndex: 1000,
          alignItems: 'center',
          justifyContent: 'center',
          textAlign: 'center',
          padding: 24,
          fontSize: 28,
          fontWeight: 700,
        }}
      >
        Keep looking at the screen
      </div>
    </Paper>
  );
}
