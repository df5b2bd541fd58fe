// The due-diligence checklist of a subject: the response playbook on top for high and critical cases,
// then one card per hiring stage. Each step says why and what to do, and who marked it and when.
import { Alert, Badge, Button, Card, Group, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { SOURCES } from '../../../../core/catalog/sources.ts';
import type { ChecklistItemStatus, ChecklistItemView } from '../../../../core/checklist/checklist.ts';
import { errorMessage } from '../../../api/client.ts';
import type { SubjectDetail } from '../../../api/types.ts';
import { ErrorPage, PageLoader } from '../../../ui/feedback.tsx';
import { actorName, formatDateTime } from '../../../ui/format.ts';
import { useCan } from '../../auth/queries.ts';
import { type SubjectChecklist, useChecklist, useSetChecklistItem } from '../queries.ts';

const STATUS_LABELS: Record<ChecklistItemStatus, string> = {
  open: 'To do',
  done: 'Done',
  not_applicable: 'Not applicable',
};
const STATUS_COLORS: Record<ChecklistItemStatus, string> = {
  open: 'gray',
  done: 'green',
  not_applicable: 'blue',
};

function sourceNames(item: ChecklistItemView): string {
  return item.sources.map((s) => `${SOURCES[s].publisher} (${SOURCES[s].year})`).join('; ');
}

function StateLine({ item }: { item: ChecklistItemView }) {
  const { state } = item;
  if (!state.by || !state.at) return null;
  const what =
    state.status === 'done'
      ? 'Done'
      : state.status === 'not_applicable'
        ? 'Marked not applicable'
        : 'Reopened';
  return (
    <Text size="sm" data-testid="checklist-who">
      {what} by {actorName(state.by)} on {formatDateTime(state.at)}
      {state.note ? (
        <Text span c="dimmed">
          {' '}
          — {state.status === 'not_applicable' ? 'reason: ' : ''}
          {state.note}
        </Text>
      ) : null}
    </Text>
  );
}

function ItemRow({
  subjectId,
  item,
  canEdit,
}: {
  subjectId: string;
  item: ChecklistItemView;
  canEdit: boolean;
}) {
  const set = useSetChecklistItem(subjectId);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const status = item.state.status;
  const send = (state: ChecklistItemStatus, note?: string) =>
    set.mutate(note ? { itemId: item.id, state, note } : { itemId: item.id, state }, {
      onSuccess: () => {
        setAsking(false);
        setReason('');
        notifications.show({
          color: 'green',
          message: `“${item.title}”: ${STATUS_LABELS[state].toLowerCase()}.`,
        });
      },
    });
  return (
    <Card withBorder padding="sm" data-testid="checklist-item" data-item-id={item.id} data-status={status}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={600} size="sm" td={status === 'not_applicable' ? 'line-through' : undefined}>
            {item.title}
          </Text>
          <Badge color={STATUS_COLORS[status]} variant="light" style={{ flexShrink: 0 }}>
            {STATUS_LABELS[status]}
          </Badge>
        </Group>
        <Text size="sm">
          <Text span fw={500}>
            Why:{' '}
          </Text>
          {item.why}
        </Text>
        <Text size="sm">
          <Text span fw={500}>
            What to do:{' '}
          </Text>
          {item.whatToDo}
        </Text>
        <Text size="xs" c="dimmed">
          Source: {sourceNames(item)}
        </Text>
        <StateLine item={item} />
        {canEdit ? (
          asking ? (
            <Stack gap="xs">
              <Textarea
                label="Why does this step not apply?"
                description="For example: “No UK connection” or “Hired through an internal transfer”."
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
                data-testid="checklist-reason"
              />
              <Group gap="xs">
                <Button
                  size="xs"
                  onClick={() => send('not_applicable', reason.trim())}
                  disabled={reason.trim() === ''}
                  loading={set.isPending}
                  data-testid="checklist-na-save"
                >
                  Save reason
                </Button>
                <Button size="xs" variant="default" onClick={() => setAsking(false)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          ) : (
            <Group gap="xs">
              {status === 'open' ? (
                <>
                  <Button
                    size="xs"
                    onClick={() => send('done')}
                    loading={set.isPending}
                    data-testid="checklist-done"
                  >
                    Mark done
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setAsking(true)}
                    data-testid="checklist-na"
                  >
                    Not applicable…
                  </Button>
                </>
              ) : (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => send('open')}
                  loading={set.isPending}
                  data-testid="checklist-reopen"
                >
                  Reopen
                </Button>
              )}
            </Group>
          )
        ) : null}
        {set.error ? (
          <Text size="sm" c="red" role="alert">
            {errorMessage(set.error)}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function StepGroup({
  title,
  closed,
  total,
  children,
  testId,
}: {
  title: string;
  closed: number;
  total: number;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {closed} of {total} done or not applicable
        </Text>
      </Group>
      <Progress
        value={total ? (closed / total) * 100 : 0}
        size="sm"
        aria-label={`${title}: ${closed} of ${total}`}
      />
      {children}
    </Stack>
  );
}

function Playbook({ data, canWork }: { data: SubjectChecklist; canWork: boolean }) {
  const playbook = data.playbook;
  if (!playbook) return null;
  return (
    <Card
      withBorder
      padding="md"
      bg="red.0"
      style={{ borderColor: 'var(--mantine-color-red-5)' }}
      data-testid="playbook"
    >
      <Stack gap="md">
        <Group gap="xs">
          <IconAlertTriangle size={20} color="var(--mantine-color-red-7)" />
          <Title order={2} size="h4">
            Response playbook
          </Title>
        </Group>
        <Text size="sm">
          This applies because {playbook.reason}. Work through it in order, and do not tell the person before
          their access is removed: people in this scheme have copied data or threatened to leak it once they
          knew.
          {canWork ? '' : ' An investigator or administrator marks these steps.'}
        </Text>
        {playbook.phases.map((p) => (
          <StepGroup
            key={p.phase}
            title={p.title}
            closed={p.closed}
            total={p.total}
            testId={`phase-${p.phase}`}
          >
            {p.items.map((item) => (
              <ItemRow key={item.id} subjectId={data.subjectId} item={item} canEdit={canWork} />
            ))}
          </StepGroup>
        ))}
      </Stack>
    </Card>
  );
}

export function ChecklistTab({ detail }: { detail: SubjectDetail }) {
  const checklist = useChecklist(detail.id);
  const canNote = useCan('cases:note');
  const canWork = useCan('cases:work');
  if (checklist.isPending) return <PageLoader label="Loading the checklist…" />;
  if (checklist.error) return <ErrorPage error={checklist.error} onRetry={() => void checklist.refetch()} />;
  const data = checklist.data;
  const open = data.stages.reduce((n, s) => n + s.total - s.closed, 0);
  return (
    <Stack data-testid="checklist">
      <Playbook data={data} canWork={canWork} />
      <Alert color="gray" variant="light">
        <Text size="sm">
          The checks the government advisories on North Korean IT workers recommend, stage by stage. Mark each
          step done, or not applicable with a reason. Until then it shows in the assessment as “not checked
          yet”: an open step is a gap in what you know, not a risk in itself. {open} step
          {open === 1 ? '' : 's'} still to do.
        </Text>
      </Alert>
      {data.stages.map((s) => (
        <Card key={s.stage} withBorder padding="md">
          <StepGroup title={s.title} closed={s.closed} total={s.total} testId={`stage-${s.stage}`}>
            {s.items.map((item) => (
              <ItemRow key={item.id} subjectId={data.subjectId} item={item} canEdit={canNote} />
            ))}
          </StepGroup>
        </Card>
      ))}
    </Stack>
  );
}
