// For the interviewer on a live call (Zoom, Teams, Meet): the checks that unmask a real-time deepfake or a
// hidden location, in plain words with why and how, one click per result and an optional note; "Save to
// interview" appends one interview item (evidence API) and shows the interview signals it raised.
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  List,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { SubjectDetail } from '../../../api/types.ts';
import { BandBadge } from '../../../ui/badges.tsx';
import { countryName } from '../../../ui/countries.ts';
import { ErrorAlert, ErrorPage, PageLoader } from '../../../ui/feedback.tsx';
import { datetimeLocalToIso } from '../../../ui/format.ts';
import { SEVERITY_ORDER } from '../../../ui/labels.ts';
import { useCan, useMe } from '../../auth/queries.ts';
import { signalById, useCatalog } from '../../signals/queries.ts';
import { SignalCard } from '../../subject/components/SignalCard.tsx';
import { useAddEvidence, useSubject } from '../../subject/queries.ts';
import {
  ASSIST_CHECKS,
  type AssistAnswers,
  type AssistCheck,
  emptyAnswers,
  INTERVIEW_SIGNAL_PREFIX,
  OUTCOMES,
  type Outcome,
  toInterviewItem,
} from '../interview-assist.ts';

const OUTCOME_STYLE: Record<Outcome, { label: string; color: string }> = {
  passed: { label: 'Passed', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  refused: { label: 'Refused', color: 'orange' },
  not_done: { label: 'Not done', color: 'gray' },
};

function nowLocal(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function CheckCard({
  check,
  index,
  value,
  note,
  onResult,
  onNote,
  place,
}: {
  check: AssistCheck;
  index: number;
  value: Outcome;
  note: string;
  onResult: (o: Outcome) => void;
  onNote: (text: string) => void;
  place: string;
}) {
  return (
    <Card withBorder padding="md" data-testid={`check-${check.id}`} data-result={value}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" align="flex-start">
          <Title order={3} size="h5">
            {index + 1}. {check.title}
            {check.id === 'smallTalk' && place ? ` (${place})` : ''}
          </Title>
          <Badge color={OUTCOME_STYLE[value].color} variant="light" data-testid={`check-${check.id}-badge`}>
            {OUTCOME_STYLE[value].label}
          </Badge>
        </Group>
        <List size="sm" spacing={2}>
          {check.how.map((h) => (
            <List.Item key={h}>{h}</List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed">
          Why: {check.why}
        </Text>
        <Group gap="xs" wrap="wrap" role="radiogroup" aria-label={`Result of: ${check.title}`}>
          {OUTCOMES.map((o) => (
            <Button
              key={o}
              size="xs"
              role="radio"
              aria-checked={value === o}
              variant={value === o ? 'filled' : 'light'}
              color={OUTCOME_STYLE[o].color}
              onClick={() => onResult(o)}
              data-testid={`result-${check.id}-${o}`}
              title={check.outcomes[o]}
            >
              {OUTCOME_STYLE[o].label}
              {o === 'failed' && check.id !== 'smallTalk' ? ' (artefact)' : ''}
            </Button>
          ))}
        </Group>
        {value !== 'not_done' ? (
          <Text size="xs" c="dimmed">
            Will be recorded as: {check.outcomes[value]}
          </Text>
        ) : null}
        <TextInput
          size="xs"
          placeholder="Optional note: what you saw or heard"
          aria-label={`Note on: ${check.title}`}
          value={note}
          onChange={(e) => onNote(e.currentTarget.value)}
          data-testid={`note-${check.id}`}
        />
      </Stack>
    </Card>
  );
}

function SavedSignals({ detail }: { detail: SubjectDetail }) {
  const catalog = useCatalog();
  const defs = signalById(catalog.data);
  const a = detail.assessment;
  // The item just saved is the last interview; a signal raised by it cites it as evidence.
  const saved = `interviews[${(detail.bundle.interviews?.length ?? 1) - 1}]`;
  const all = (a?.signals ?? [])
    .filter((s) => s.id.startsWith(INTERVIEW_SIGNAL_PREFIX))
    .sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]);
  const cites = (e: string) => e === saved || e.startsWith(`${saved}.`);
  const signals = all.filter((s) => s.evidence.some(cites));
  const earlier = all.filter((s) => !s.evidence.some(cites));
  return (
    <Card withBorder padding="lg" data-testid="assist-saved">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            Saved to the record
          </Title>
          <Group gap="xs">
            <Text size="sm">Risk now:</Text>
            <BandBadge band={a?.band ?? null} />
          </Group>
        </Group>
        {signals.length === 0 ? (
          <Text size="sm" data-testid="assist-no-signals">
            No interview warning signs from this call.
          </Text>
        ) : (
          <Stack gap="sm" data-testid="assist-signals">
            <Text size="sm">Raised by this call:</Text>
            {signals.map((s) => (
              <SignalCard
                key={s.id}
                signal={s}
                definition={defs.get(s.id)}
                bundle={detail.bundle}
                catalog={catalog.data}
              />
            ))}
          </Stack>
        )}
        {earlier.length > 0 ? (
          <Text size="sm" c="dimmed" data-testid="assist-earlier">
            Also on record from earlier interviews:{' '}
            {earlier.map((s) => defs.get(s.id)?.title ?? s.id).join(', ')}.
          </Text>
        ) : null}
        <Anchor component={Link} to={`/subjects/${encodeURIComponent(detail.id)}`}>
          Back to the full assessment
        </Anchor>
      </Stack>
    </Card>
  );
}

export default function InterviewAssistPage() {
  const { id = '' } = useParams();
  const subject = useSubject(id);
  const me = useMe();
  const canWrite = useCan('subjects:write');
  const save = useAddEvidence(id);
  const [answers, setAnswers] = useState<AssistAnswers>(() => emptyAnswers('', ''));
  const [when, setWhen] = useState(nowLocal);
  const [saved, setSaved] = useState<SubjectDetail | null>(null);

  if (subject.isPending) return <PageLoader />;
  if (subject.error) return <ErrorPage error={subject.error} onRetry={() => void subject.refetch()} />;
  const detail = subject.data;
  const s = detail.bundle.subject;
  const loc = s.claimedLocation;
  const place = [loc?.city, loc?.region, loc?.country ? countryName(loc.country) : '']
    .filter(Boolean)
    .join(', ');
  const interviewer = answers.interviewer || me.data?.user.name || '';
  const done = Object.values(answers.results).filter((r) => r !== 'not_done').length;
  const set = (patch: Partial<AssistAnswers>) => setAnswers((a) => ({ ...a, ...patch }));

  const submit = () => {
    const at = datetimeLocalToIso(when);
    if (!at) return;
    const item = toInterviewItem({ ...answers, interviewer, at });
    save.mutate(
      { kind: 'interviews', item },
      {
        onSuccess: (d) => {
          setSaved(d);
        },
      },
    );
  };

  return (
    <Stack maw={1000} mx="auto" data-testid="interview-assist">
      <Breadcrumbs>
        <Anchor component={Link} to="/">
          Subjects
        </Anchor>
        <Anchor component={Link} to={`/subjects/${encodeURIComponent(id)}`}>
          {s.name || id}
        </Anchor>
        <Text>Interview assist</Text>
      </Breadcrumbs>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={1} size="h2">
            Interview assist: {s.name || id}
          </Title>
          <Text size="sm">
            For a live video call on Zoom, Teams or Meet. Real-time deepfakes and people hiding where they
            work from fail a few simple, friendly requests. Ask them in any order, click what happened, and
            save: the results join this person's record and the assessment is updated.
            {place ? ` They say they live in ${place}.` : ''}
          </Text>
          <Group gap="md" wrap="wrap" align="flex-end">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Call on
              </Text>
              <SegmentedControl
                value={answers.platform}
                onChange={(v) => set({ platform: v as AssistAnswers['platform'] })}
                data={[
                  { value: 'zoom', label: 'Zoom' },
                  { value: 'teams', label: 'Teams' },
                  { value: 'meet', label: 'Meet' },
                  { value: 'other', label: 'Other' },
                ]}
                aria-label="Call platform"
              />
            </Stack>
          </Group>
        </Stack>
      </Card>

      {ASSIST_CHECKS.map((check, i) => (
        <CheckCard
          key={check.id}
          check={check}
          index={i}
          place={place}
          value={answers.results[check.id]}
          note={answers.notes[check.id] ?? ''}
          onResult={(o) => setAnswers((a) => ({ ...a, results: { ...a.results, [check.id]: o } }))}
          onNote={(text) => setAnswers((a) => ({ ...a, notes: { ...a.notes, [check.id]: text } }))}
        />
      ))}

      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={3} size="h5">
            The call
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                How the call ran
              </Text>
              <SegmentedControl
                value={answers.actualMode}
                onChange={(v) => set({ actualMode: v as AssistAnswers['actualMode'] })}
                data={[
                  { value: 'video', label: 'Video' },
                  { value: 'phone', label: 'Moved to phone' },
                  { value: 'chat', label: 'Moved to chat' },
                ]}
                aria-label="How the call ran"
                data-testid="assist-mode"
              />
            </Stack>
            <Switch
              mt="lg"
              label="The candidate's camera stayed on for the whole call"
              checked={answers.actualMode === 'video' && answers.cameraOn}
              disabled={answers.actualMode !== 'video'}
              onChange={(e) => set({ cameraOn: e.currentTarget.checked })}
              data-testid="assist-camera-on"
            />
            {answers.actualMode !== 'video' || !answers.cameraOn ? (
              <TextInput
                label="The reason they gave"
                placeholder="e.g. webcam broken, bandwidth"
                value={answers.excuse}
                onChange={(e) => set({ excuse: e.currentTarget.value })}
              />
            ) : null}
            <TextInput
              label="Interviewer"
              value={interviewer}
              onChange={(e) => set({ interviewer: e.currentTarget.value })}
              data-testid="assist-interviewer"
            />
            <TextInput
              label="When"
              type="datetime-local"
              value={when}
              onChange={(e) => setWhen(e.currentTarget.value)}
              error={datetimeLocalToIso(when) ? undefined : 'Give the date and time of the call'}
              data-testid="assist-at"
            />
          </SimpleGrid>
          <Textarea
            label="Anything else you noticed (optional)"
            autosize
            minRows={2}
            value={answers.note}
            onChange={(e) => set({ note: e.currentTarget.value })}
            data-testid="assist-note"
          />
          {save.error ? <ErrorAlert error={save.error} title="Not saved" /> : null}
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {done} of {ASSIST_CHECKS.length} checks done
            </Text>
            {canWrite ? (
              <Group gap="xs">
                {saved ? (
                  <Button
                    variant="default"
                    leftSection={<IconRefresh size={16} />}
                    onClick={() => {
                      setAnswers(emptyAnswers('', ''));
                      setSaved(null);
                      setWhen(nowLocal());
                      save.reset();
                    }}
                    data-testid="assist-new"
                  >
                    Record another call
                  </Button>
                ) : null}
                <Button
                  leftSection={<IconDeviceFloppy size={16} />}
                  onClick={submit}
                  loading={save.isPending}
                  disabled={saved !== null || !datetimeLocalToIso(when)}
                  data-testid="save-interview"
                >
                  {saved ? 'Saved' : 'Save to interview'}
                </Button>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                Your role can read this script but not save results.
              </Text>
            )}
          </Group>
        </Stack>
      </Card>
      {saved ? <SavedSignals detail={saved} /> : null}
    </Stack>
  );
}
