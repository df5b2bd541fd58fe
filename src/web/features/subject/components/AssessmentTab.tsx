import { Alert, Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleDashed, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { getChecklistItem } from '../../../../core/checklist/catalogue.ts';
import { CHECKLIST_GAP_PREFIX } from '../../../../core/checklist/checklist.ts';
import type { SubjectDetail } from '../../../api/types.ts';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { SEVERITY_ORDER } from '../../../ui/labels.ts';
import { useCan } from '../../auth/queries.ts';
import { DismissedMatches } from '../../sanctions/components/SanctionsSignalDetails.tsx';
import { signalById, useCatalog } from '../../signals/queries.ts';
import { useAssessments, useReassess } from '../queries.ts';
import { ScoreBreakdown, ScoreHistory } from './charts.tsx';
import { SignalCard } from './SignalCard.tsx';

/** A gap from an open checklist step (`checklist.<item id>`) is titled after the step. */
function checklistTitle(check: string): string | undefined {
  if (!check.startsWith(CHECKLIST_GAP_PREFIX)) return undefined;
  const item = getChecklistItem(check.slice(CHECKLIST_GAP_PREFIX.length));
  return item ? `Checklist: ${item.title}` : undefined;
}

export function AssessmentTab({ detail }: { detail: SubjectDetail }) {
  const catalog = useCatalog();
  const history = useAssessments(detail.id);
  const reassess = useReassess(detail.id);
  const canWrite = useCan('subjects:write');
  const a = detail.assessment;
  const defs = signalById(catalog.data);
  const checks = new Map((catalog.data?.checks ?? []).map((c) => [c.id, c]));

  if (!a) {
    return (
      <Alert icon={<IconInfoCircle size={18} />} title="Not assessed yet">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">Gatecheck has not scored this person yet.</Text>
          {canWrite ? (
            <Button size="xs" onClick={() => reassess.mutate()} loading={reassess.isPending}>
              Assess now
            </Button>
          ) : null}
        </Stack>
      </Alert>
    );
  }

  const signals = [...a.signals].sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Assessed {formatDateTime(a.assessedAt)}. The score adds up warning signs found in the data; it is a
          reason to check, not a verdict.
        </Text>
        {canWrite ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={() => reassess.mutate()}
            loading={reassess.isPending}
            data-testid="reassess"
          >
            Re-assess now
          </Button>
        ) : null}
      </Group>
      {reassess.error ? <ErrorAlert error={reassess.error} /> : null}

      <Stack gap="sm">
        <Title order={2} size="h4">
          Warning signs found ({signals.length})
        </Title>
        {signals.length === 0 ? (
          <Card withBorder padding="md" data-testid="no-signals">
            <Text size="sm">
              No warning signs in the data so far. Check the list below: some checks could not run because
              data is missing.
            </Text>
          </Card>
        ) : (
          <Stack gap="sm" data-testid="signal-list">
            {signals.map((s) => (
              <SignalCard
                key={`${s.id}:${s.evidence.join(',')}`}
                signal={s}
                definition={defs.get(s.id)}
                bundle={detail.bundle}
                catalog={catalog.data}
                subjectId={detail.id}
              />
            ))}
          </Stack>
        )}
      </Stack>

      <DismissedMatches subjectId={detail.id} />

      <Group grow align="flex-start" wrap="wrap">
        <Card withBorder padding="md" miw={280}>
          <Stack gap="sm">
            <Title order={3} size="h5">
              Where the score comes from
            </Title>
            <ScoreBreakdown breakdown={a.breakdown} />
          </Stack>
        </Card>
        <Card withBorder padding="md" miw={280}>
          <Stack gap="sm">
            <Title order={3} size="h5">
              Score over time
            </Title>
            {history.data ? (
              <ScoreHistory items={history.data} />
            ) : (
              <Text size="sm" c="dimmed">
                Loading…
              </Text>
            )}
          </Stack>
        </Card>
      </Group>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Not checked yet ({a.gaps.length})
        </Title>
        <Text size="sm" c="dimmed">
          These checks had no data to work with, or their checklist step is still open. Each step below would
          fill the gap.
        </Text>
        <Card withBorder padding="md">
          {a.gaps.length === 0 ? (
            <Text size="sm">Every check had data.</Text>
          ) : (
            <List
              spacing="sm"
              data-testid="not-evaluated"
              icon={
                <ThemeIcon color="gray" variant="light" size={22} radius="xl">
                  <IconCircleDashed size={14} />
                </ThemeIcon>
              }
            >
              {a.gaps.map((g) => (
                <List.Item key={g.check} data-testid="gap" data-check={g.check}>
                  <Text size="sm" fw={600}>
                    {checks.get(g.check)?.title ?? checklistTitle(g.check) ?? g.check}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {g.reason}
                  </Text>
                  <Text size="sm">
                    <Text span fw={500}>
                      Next step:{' '}
                    </Text>
                    {g.step}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      </Stack>
    </Stack>
  );
}
