import { Alert, Anchor, Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FileDropZone } from '../../../ui/FileDropZone.tsx';
import { ProblemList } from '../../../ui/feedback.tsx';
import { useCan } from '../../auth/queries.ts';
import { type ImportOutcome, importEntries, readFiles } from '../queries.ts';

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'done' };

function OutcomeCard({ outcome }: { outcome: ImportOutcome }) {
  const ok = outcome.status !== 'rejected';
  return (
    <Card
      withBorder
      padding="md"
      data-testid="import-result"
      data-status={outcome.status}
      data-file={outcome.label}
      aria-label={`${outcome.label}: ${outcome.status}`}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            {ok ? (
              <IconCheck size={18} color="var(--mantine-color-green-7)" />
            ) : (
              <IconX size={18} color="var(--mantine-color-red-7)" />
            )}
            <Text fw={600} style={{ wordBreak: 'break-all' }}>
              {outcome.label}
            </Text>
          </Group>
          <Badge color={ok ? 'green' : 'red'} variant="light" data-testid="import-result-status">
            {outcome.status === 'created' ? 'Created' : outcome.status === 'updated' ? 'Updated' : 'Rejected'}
          </Badge>
        </Group>
        {ok && outcome.subjectId ? (
          <Anchor
            component={Link}
            to={`/subjects/${encodeURIComponent(outcome.subjectId)}`}
            size="sm"
            data-testid="import-result-link"
          >
            Open {outcome.subjectId}
          </Anchor>
        ) : null}
        {ok && outcome.warnings?.length ? (
          <>
            <Text size="sm" c="dimmed">
              Imported, but note:
            </Text>
            <ProblemList problems={outcome.warnings} testId="import-result-warnings" />
          </>
        ) : null}
        {!ok ? (
          <>
            <Text size="sm" c="dimmed">
              Nothing from this file was imported. Fix these problems and drop it again:
            </Text>
            <ProblemList problems={outcome.problems} testId="import-result-problems" />
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

export default function ImportPage() {
  const canWrite = useCan('subjects:write');
  const qc = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>([]);
  const busy = phase.kind === 'reading' || phase.kind === 'uploading';

  const run = async (files: File[]) => {
    if (files.length === 0 || busy) return;
    setOutcomes([]);
    setPhase({ kind: 'reading' });
    const entries = await readFiles(files);
    const results = await importEntries(entries, (done, total) =>
      setPhase({ kind: 'uploading', done, total }),
    );
    setOutcomes(results);
    setPhase({ kind: 'done' });
    await qc.invalidateQueries({ queryKey: ['subjects'] });
  };

  if (!canWrite) {
    return (
      <Alert color="yellow" title="Your role cannot import" maw={700} mx="auto">
        Importing needs the recruiter role or higher. Ask an admin to change your role.
      </Alert>
    );
  }

  const created = outcomes.filter((o) => o.status === 'created').length;
  const updated = outcomes.filter((o) => o.status === 'updated').length;
  const rejected = outcomes.filter((o) => o.status === 'rejected').length;

  return (
    <Stack maw={900} mx="auto">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Import case bundles
        </Title>
        <Text c="dimmed">
          A case bundle is a <code>.json</code> file with everything known about one person, in the{' '}
          <code>gatecheck.case-bundle/v1</code> format (your applicant tracking system or HR tool can export
          it). A file with the id of someone already here updates that person. A file with mistakes is
          rejected whole, with every problem listed, so nothing is half-imported.
        </Text>
      </Stack>

      <FileDropZone
        onFiles={(files) => void run(files)}
        accept=".json,application/json"
        zoneLabel="Drop case bundle files here"
        inputLabel="Choose case bundle files"
        title="Drag and drop .json files here"
        hint="One or more files; each may hold one bundle or a list of bundles."
        disabled={busy}
        testIds={{ zone: 'import-dropzone', input: 'import-file-input', choose: 'import-choose' }}
      />

      {busy ? (
        <Stack gap={4} role="status" aria-live="polite" data-testid="import-progress">
          <Text size="sm">
            {phase.kind === 'reading'
              ? 'Reading files…'
              : phase.kind === 'uploading'
                ? `Importing and assessing… ${phase.done} of ${phase.total}`
                : ''}
          </Text>
          <Progress
            value={
              phase.kind === 'uploading' && phase.total > 0
                ? Math.max(5, (phase.done / phase.total) * 100)
                : 5
            }
            animated
            aria-label="Import progress"
          />
        </Stack>
      ) : null}

      {phase.kind === 'done' ? (
        <Stack data-testid="import-results">
          <Group gap="xs" aria-live="polite" data-testid="import-summary">
            <Text fw={600}>Results:</Text>
            <Badge color="green" variant="light">
              {created} created
            </Badge>
            <Badge color="blue" variant="light">
              {updated} updated
            </Badge>
            <Badge color="red" variant="light">
              {rejected} rejected
            </Badge>
            {created + updated > 0 ? (
              <Anchor component={Link} to="/" size="sm">
                See subjects
              </Anchor>
            ) : null}
          </Group>
          {outcomes.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: labels can repeat; order is fixed for this run
            <OutcomeCard key={i} outcome={o} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
