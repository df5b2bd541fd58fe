// The candidate's identity check, opened from a single-use link: consent → camera → ID photo → challenge →
// done. Public (no account); every call carries only the link's token. No verdict is ever shown here.
import { Box, Container, Group, Stepper, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { TraceDevice } from '../../../../core/liveness/types.ts';
import { PageLoader } from '../../../ui/feedback.tsx';
import { stopCamera } from '../camera.ts';
import { type CandidateView, openLink } from '../candidate-api.ts';
import { CameraStep } from './CameraStep.tsx';
import { ChallengeStep } from './ChallengeStep.tsx';
import { ConsentStep } from './ConsentStep.tsx';
import { DocumentStep } from './DocumentStep.tsx';
import { DoneScreen } from './DoneScreen.tsx';
import { LinkProblem } from './LinkProblem.tsx';

type Stage = 'consent' | 'camera' | 'document' | 'challenge' | 'done' | 'declined';
const STAGE_INDEX: Record<Stage, number> = {
  consent: 0,
  camera: 1,
  document: 2,
  challenge: 3,
  done: 4,
  declined: 4,
};

export default function VerifyPage() {
  const { token = '' } = useParams();
  const phone = useMediaQuery('(max-width: 48em)');
  const link = useQuery({
    queryKey: ['verify', token],
    queryFn: () => openLink(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [stage, setStage] = useState<Stage | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [device, setDevice] = useState<TraceDevice | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  streamRef.current = stream;

  // Where to start: a link already consented to (a reload) resumes at the camera.
  useEffect(() => {
    if (stage !== null || !link.data) return;
    setStage(link.data.consented ? 'camera' : 'consent');
  }, [link.data, stage]);

  // The camera is released when the page goes away or the check ends.
  useEffect(() => () => stopCamera(streamRef.current), []);
  useEffect(() => {
    if (stage === 'done' || stage === 'declined') {
      stopCamera(streamRef.current);
      setStream(null);
    }
  }, [stage]);

  const view: CandidateView | undefined = link.data;
  return (
    <Box mih="100vh" bg="gray.0" pb="xl">
      <Box bg="white" py="sm" px="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" px={0}>
          <Group gap="xs" wrap="nowrap">
            <IconShieldCheck size={24} color="var(--mantine-color-blue-6)" aria-hidden />
            <Title order={1} size="h4">
              Identity check{view ? ` for ${view.consent.organization}` : ''}
            </Title>
          </Group>
        </Container>
      </Box>
      <Container size="md" pt="md" px={phone ? 'xs' : 'md'}>
        {link.isPending ? <PageLoader label="Opening your link…" /> : null}
        {link.isError ? <LinkProblem error={link.error} /> : null}
        {view && stage ? (
          <>
            <Stepper
              active={STAGE_INDEX[stage]}
              size={phone ? 'xs' : 'sm'}
              mb="lg"
              allowNextStepsSelect={false}
              data-testid="verify-stepper"
              orientation="horizontal"
            >
              <Stepper.Step
                label={phone ? undefined : 'Consent'}
                description={phone ? undefined : 'Read and agree'}
              />
              <Stepper.Step
                label={phone ? undefined : 'Camera'}
                description={phone ? undefined : 'Check your camera'}
              />
              <Stepper.Step
                label={phone ? undefined : 'ID photo'}
                description={phone ? undefined : 'Optional'}
              />
              <Stepper.Step
                label={phone ? undefined : 'Challenge'}
                description={phone ? undefined : 'About a minute'}
              />
            </Stepper>
            {stage === 'consent' ? (
              <ConsentStep
                token={token}
                view={view}
                onAgreed={() => setStage('camera')}
                onDeclined={() => setStage('declined')}
              />
            ) : null}
            {stage === 'camera' ? (
              <CameraStep
                stream={stream}
                device={device}
                onStream={(s, d) => {
                  setStream(s);
                  setDevice(d);
                }}
                onContinue={() => setStage('document')}
              />
            ) : null}
            {stage === 'document' && stream ? (
              <DocumentStep token={token} stream={stream} onContinue={() => setStage('challenge')} />
            ) : null}
            {stage === 'challenge' && stream && device ? (
              <ChallengeStep token={token} stream={stream} device={device} onDone={() => setStage('done')} />
            ) : null}
            {stage === 'done' || stage === 'declined' ? (
              <DoneScreen declined={stage === 'declined'} organization={view.consent.organization} />
            ) : null}
          </>
        ) : null}
      </Container>
    </Box>
  );
}
