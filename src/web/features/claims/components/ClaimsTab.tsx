// The "Claims" tab: what the resume, the application, interviews, documents, references and the subject
// record say about the person, side by side. Cells that disagree are tinted AND carry an icon and a word
// ("Differs"), with the reason in plain text; the warning sign that fired for a row opens from the row.
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconHelpCircle,
  IconInfoCircle,
  IconPointFilled,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ClaimRow, ClaimStatus, ClaimValue, SubjectDetail } from '../../../api/types.ts';
import { SeverityBadge } from '../../../ui/badges.tsx';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { signalById, useCatalog } from '../../signals/queries.ts';
import { SignalCard } from '../../subject/components/SignalCard.tsx';
import {
  cellStatus,
  cellValues,
  emptyColumns,
  FIELD_LABELS,
  noteText,
  STATUS_LOOK,
  STATUS_ORDER,
  visibleColumns,
} from '../model.ts';
import { useClaims } from '../queries.ts';

const ICONS: Record<ClaimStatus, typeof IconAlertTriangle> = {
  differ: IconAlertTriangle,
  unclear: IconHelpCircle,
  explained: IconInfoCircle,
  agree: IconCircleCheck,
  single: IconPointFilled,
};

const CELL_BACKGROUND: Partial<Record<ClaimStatus, string>> = {
  differ: 'var(--mantine-color-red-0)',
  unclear: 'var(--mantine-color-yellow-0)',
  explained: 'var(--mantine-color-blue-0)',
};

const TEXT_COLOR: Record<ClaimStatus, string> = {
  differ: 'red.8',
  unclear: 'yellow.9',
  explained: 'blue.8',
  agree: 'green.8',
  single: 'dimmed',
};

function StatusIcon({ status, size = 16 }: { status: ClaimStatus; size?: number }) {
  const Icon = ICONS[status];
  return (
    <Icon
      size={size}
      color={`var(--mantine-color-${STATUS_LOOK[status].color}-7)`}
      style={{ flexShrink: 0, marginTop: 2 }}
      aria-hidden
    />
  );
}

function StatusBadge({ status }: { status: ClaimStatus }) {
  return (
    <Badge
      variant="light"
      color={STATUS_LOOK[status].color}
      leftSection={<StatusIcon status={status} size={12} />}
      data-testid="claims-row-status"
      data-status={status}
    >
      {STATUS_LOOK[status].label}
    </Badge>
  );
}

function Legend() {
  return (
    <Card withBorder padding="sm" data-testid="claims-legend">
      <Text size="sm" fw={600} mb={6}>
        How to read this table
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6}>
        {STATUS_ORDER.map((s) => (
          <Group
            key={s}
            gap={6}
            wrap="nowrap"
            align="flex-start"
            data-testid="claims-legend-item"
            data-status={s}
          >
            <StatusIcon status={s} />
            <Text size="xs">
              <Text span fw={600} size="xs">
                {STATUS_LOOK[s].label}:
              </Text>{' '}
              {STATUS_LOOK[s].help}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
    </Card>
  );
}

function ValueView({ value }: { value: ClaimValue }) {
  const loud = value.status === 'differ' || value.status === 'unclear' || value.status === 'explained';
  return (
    <Stack gap={2} data-testid="claims-value" data-status={value.status} data-path={value.path}>
      <Group gap={4} wrap="nowrap" align="flex-start">
        <StatusIcon status={value.status} size={14} />
        <Text
          size="sm"
          style={{ wordBreak: 'break-word' }}
          title={value.path}
          data-testid="claims-value-text"
        >
          {value.text}
        </Text>
      </Group>
      {loud ? (
        <Text size="xs" fw={700} c={TEXT_COLOR[value.status]} data-testid="claims-value-status">
          {STATUS_LOOK[value.status].label}
        </Text>
      ) : (
        <VisuallyHidden>{STATUS_LOOK[value.status].label}</VisuallyHidden>
      )}
      {value.from ? (
        <Text size="xs" c="dimmed">
          {value.from}
        </Text>
      ) : null}
      {value.detail ? (
        <Text size="xs" c="dimmed" fs="italic">
          {value.detail}
        </Text>
      ) : null}
      {value.notes.map((n) => (
        <Text
          key={`${n.verdict}:${n.other}:${n.reason}`}
          size="xs"
          c={TEXT_COLOR[n.verdict]}
          data-testid="claims-note"
        >
          {noteText(n)}
        </Text>
      ))}
    </Stack>
  );
}

function RowHeader({
  row,
  onSignal,
  titleOf,
}: {
  row: ClaimRow;
  onSignal: (id: string) => void;
  titleOf: (id: string) => string;
}) {
  return (
    <Stack gap={4} align="flex-start">
      <Stack gap={0}>
        <Text size="sm" fw={600} data-testid="claims-row-label">
          {row.label}
        </Text>
        {row.field === 'employer' || row.field === 'institution' ? (
          <Text size="xs" c="dimmed">
            {FIELD_LABELS[row.field]}
          </Text>
        ) : null}
      </Stack>
      <StatusBadge status={row.status} />
      {row.status === 'differ' || row.status === 'unclear' ? (
        <Text size="xs" c="dimmed" data-testid="claims-row-summary">
          {row.summary}
        </Text>
      ) : null}
      {row.signals.map((s) => (
        <Stack key={s.id} gap={2} align="flex-start">
          <SeverityBadge severity={s.severity} />
          <Anchor
            component="button"
            type="button"
            size="xs"
            ta="left"
            onClick={() => onSignal(s.id)}
            data-testid="claims-signal-link"
            data-signal-id={s.id}
          >
            {titleOf(s.id)}
          </Anchor>
        </Stack>
      ))}
    </Stack>
  );
}

export function ClaimsTab({ detail }: { detail: SubjectDetail }) {
  const claims = useClaims(detail.id);
  const catalog = useCatalog();
  const [signalId, setSignalId] = useState<string | null>(null);

  if (claims.isPending) return <PageLoader label="Comparing the sources…" />;
  if (claims.error) return <ErrorAlert error={claims.error} title="The claims could not be loaded" />;
  const table = claims.data;
  const columns = visibleColumns(table);
  const missing = emptyColumns(table);
  const defs = signalById(catalog.data);
  const openSignals = (detail.assessment?.signals ?? []).filter((s) => s.id === signalId);
  const { differ, unclear, explained } = table.counts;
  const documentsTab = `/subjects/${encodeURIComponent(detail.id)}?tab=documents`;

  return (
    <Stack gap="md" data-testid="claims-tab">
      <Stack gap={4}>
        <Title order={2} size="h4">
          What each source says
        </Title>
        <Text size="sm" c="dimmed">
          The resume, the application, interviews, documents, references and the subject record, side by side.
          Names are compared allowing for word order and transliteration; employers without Inc, Ltd or LLC;
          dates within two months.
        </Text>
        {table.rows.length > 0 ? (
          <Text size="sm" data-testid="claims-counts">
            {differ === 0
              ? 'No contradictions between the sources.'
              : `${differ} ${differ === 1 ? 'claim differs' : 'claims differ'} between sources.`}
            {unclear > 0 ? ` ${unclear} to check by hand.` : ''}
            {explained > 0 ? ` ${explained} explained.` : ''}
          </Text>
        ) : null}
      </Stack>
      <Legend />
      {table.rows.length === 0 ? (
        <Alert icon={<IconInfoCircle size={18} />} data-testid="claims-empty">
          Nothing to compare yet.{' '}
          <Anchor component={Link} to={documentsTab}>
            Upload a resume or documents
          </Anchor>
          , or record the application answers, employment history or references, and their claims appear here.
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder withColumnBorders verticalSpacing="xs" data-testid="claims-table">
            <Table.Caption>
              Each cell is what one source says, with where it comes from. Tinted cells disagree with another
              source or need a person&apos;s eye; the words under the value say which and why.
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>Claim</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c.id} data-testid="claims-column" data-column={c.id}>
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((row) => (
                <Table.Tr
                  key={row.id}
                  data-testid="claims-row"
                  data-row-id={row.id}
                  data-field={row.field}
                  data-status={row.status}
                >
                  <Table.Th scope="row" fw={400} style={{ verticalAlign: 'top' }}>
                    <RowHeader row={row} onSignal={setSignalId} titleOf={(id) => defs.get(id)?.title ?? id} />
                  </Table.Th>
                  {columns.map((c) => {
                    const values = cellValues(row, c.id);
                    const status = cellStatus(values);
                    return (
                      <Table.Td
                        key={c.id}
                        data-testid="claims-cell"
                        data-column={c.id}
                        data-status={status ?? 'empty'}
                        style={{
                          verticalAlign: 'top',
                          background: status ? CELL_BACKGROUND[status] : undefined,
                        }}
                      >
                        {values.length === 0 ? (
                          <Text size="sm" c="dimmed" aria-label="Not stated">
                            —
                          </Text>
                        ) : (
                          <Stack gap="xs">
                            {values.map((v) => (
                              <ValueView key={v.id} value={v} />
                            ))}
                          </Stack>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {missing.length > 0 && table.rows.length > 0 ? (
        <Text size="xs" c="dimmed" data-testid="claims-missing-columns">
          Nothing recorded from: {missing.map((c) => c.label.toLowerCase()).join(', ')}.
          {missing.some((c) => c.id === 'resume') ? (
            <>
              {' '}
              <Anchor component={Link} to={documentsTab} size="xs">
                Upload the resume
              </Anchor>{' '}
              to compare it too.
            </>
          ) : null}
        </Text>
      ) : null}
      <Modal
        opened={signalId !== null}
        onClose={() => setSignalId(null)}
        title="Warning sign for this claim"
        size="lg"
      >
        <Stack gap="sm" data-testid="claims-signal">
          {openSignals.length === 0 ? (
            <Text size="sm">This warning sign is no longer in the latest assessment.</Text>
          ) : (
            openSignals.map((s) => (
              <SignalCard
                key={`${s.id}:${s.evidence.join(',')}`}
                signal={s}
                definition={defs.get(s.id)}
                bundle={detail.bundle}
                catalog={catalog.data}
                subjectId={detail.id}
              />
            ))
          )}
        </Stack>
      </Modal>
    </Stack>
  );
}

export default ClaimsTab;
