import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconFileImport,
  IconFileSpreadsheet,
  IconSearch,
  IconUserPlus,
  IconUserSearch,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CASE_STATUS_LABELS, CASE_STATUSES } from '../../../../core/case/state-machine.ts';
import { BANDS } from '../../../../core/types.ts';
import { apiUrl } from '../../../api/client.ts';
import type { SubjectSummary } from '../../../api/types.ts';
import { BandBadge, StatusBadge } from '../../../ui/badges.tsx';
import { countryName } from '../../../ui/countries.ts';
import { ErrorPage, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime, formatRelative } from '../../../ui/format.ts';
import { BAND_LABELS, enumLabel } from '../../../ui/labels.ts';
import { useCan } from '../../auth/queries.ts';
import { useSubjects } from '../queries.ts';
import { AddCandidateModal } from './AddCandidateModal.tsx';

const PAGE_SIZE = 50;

function assigneeName(a: SubjectSummary['assignee']): string {
  if (!a) return '—';
  return typeof a === 'string' ? a : a.name;
}

function EmptyIntro({ canWrite, onAdd }: { canWrite: boolean; onAdd: () => void }) {
  return (
    <Card withBorder padding="xl" data-testid="subjects-empty">
      <Stack align="center" ta="center" gap="sm" maw={560} mx="auto">
        <IconUserSearch size={44} color="var(--mantine-color-blue-6)" aria-hidden />
        <Title order={2} size="h3">
          No one here yet
        </Title>
        <Text c="dimmed">
          Gatecheck looks at what you know about a candidate or new hire — interviews, documents, logins, pay
          requests — and points out the warning signs government advisories describe for fake remote workers.
        </Text>
        <Text c="dimmed">
          Start by adding the person you are hiring, or import case files (<code>.json</code> case bundles)
          exported from your applicant tracking system.
        </Text>
        {canWrite ? (
          <Group>
            <Button leftSection={<IconUserPlus size={16} />} onClick={onAdd}>
              Add candidate
            </Button>
            <Button
              component={Link}
              to="/import"
              variant="default"
              leftSection={<IconFileImport size={16} />}
            >
              Import bundles
            </Button>
          </Group>
        ) : (
          <Text size="sm">Ask a recruiter or admin to add people: your role can only read.</Text>
        )}
      </Stack>
    </Card>
  );
}

export default function SubjectsPage({ addOpen = false }: { addOpen?: boolean }) {
  const canWrite = useCan('subjects:write');
  const canExport = useCan('export');
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [band, setBand] = useState('');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(addOpen);
  const subjects = useSubjects({
    q,
    band: band || null,
    status: status || null,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  const filtered = q.trim() !== '' || band !== '' || status !== '';
  const items = subjects.data?.items ?? [];
  const total = subjects.data?.total ?? 0;

  const closeAdd = () => {
    setAdding(false);
    if (addOpen) void navigate('/', { replace: true });
  };

  return (
    <Stack maw={1400} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Subjects
          </Title>
          <Text c="dimmed" size="sm">
            Everyone you are checking. Open a person to see why they scored as they did and what to verify
            next.
          </Text>
        </Stack>
        {canWrite ? (
          <Group>
            {canExport ? (
              <>
                <Button
                  component="a"
                  href={apiUrl('/exports/subjects.csv')}
                  variant="subtle"
                  leftSection={<IconFileSpreadsheet size={16} />}
                  data-testid="export-subjects-csv"
                >
                  Subjects (CSV)
                </Button>
                <Button
                  component="a"
                  href={apiUrl('/exports/signals.csv')}
                  variant="subtle"
                  leftSection={<IconFileSpreadsheet size={16} />}
                  data-testid="export-signals-csv"
                >
                  Signals (CSV)
                </Button>
              </>
            ) : null}
            <Button
              component={Link}
              to="/import"
              variant="default"
              leftSection={<IconFileImport size={16} />}
              data-testid="import-button"
            >
              Import bundles
            </Button>
            <Button
              leftSection={<IconUserPlus size={16} />}
              onClick={() => setAdding(true)}
              data-testid="add-candidate"
            >
              Add candidate
            </Button>
          </Group>
        ) : null}
      </Group>

      <Group align="flex-end" gap="sm">
        <TextInput
          leftSection={<IconSearch size={16} />}
          label="Search"
          placeholder="Name, email, role or id"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={300}
          data-testid="subjects-search"
        />
        <NativeSelect
          label="Risk band"
          value={band}
          onChange={(e) => {
            setBand(e.currentTarget.value);
            setPage(1);
          }}
          data={[
            { value: '', label: 'All bands' },
            ...BANDS.map((b) => ({ value: b, label: BAND_LABELS[b] })),
          ]}
          data-testid="filter-band"
        />
        <NativeSelect
          label="Case status"
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            setPage(1);
          }}
          data={[
            { value: '', label: 'All statuses' },
            ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] })),
          ]}
          data-testid="filter-status"
        />
      </Group>

      {subjects.isPending ? (
        <PageLoader />
      ) : subjects.error ? (
        <ErrorPage error={subjects.error} onRetry={() => void subjects.refetch()} />
      ) : items.length === 0 && !filtered ? (
        <EmptyIntro canWrite={canWrite} onAdd={() => setAdding(true)} />
      ) : items.length === 0 ? (
        <Card withBorder padding="lg" data-testid="subjects-no-match">
          <Text c="dimmed" ta="center">
            Nobody matches these filters.
          </Text>
        </Card>
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={1000}>
            <Table
              striped
              highlightOnHover
              verticalSpacing="sm"
              data-testid="subjects-table"
              aria-label="Subjects"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Claimed country</Table.Th>
                  <Table.Th>Risk band</Table.Th>
                  <Table.Th ta="right">Score</Table.Th>
                  <Table.Th>Case</Table.Th>
                  <Table.Th>Assignee</Table.Th>
                  <Table.Th ta="right">Signals</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id} data-testid="subject-row" data-subject-id={s.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/subjects/${encodeURIComponent(s.id)}`}
                        fw={600}
                        data-testid="subject-link"
                      >
                        {s.name || s.id}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {s.id}
                        {s.kind ? ` · ${enumLabel(s.kind)}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{s.role || '—'}</Table.Td>
                    <Table.Td>
                      {s.claimedCountry ? (
                        <Tooltip label={s.claimedCountry}>
                          <span>{countryName(s.claimedCountry)}</span>
                        </Tooltip>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <BandBadge band={s.band} />
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {s.score ?? '—'}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={s.caseStatus} />
                    </Table.Td>
                    <Table.Td>{assigneeName(s.assignee)}</Table.Td>
                    <Table.Td ta="right">
                      {(s.signalCount ?? 0) > 0 ? (
                        <Badge variant="light" color="orange">
                          {s.signalCount}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          0
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={formatDateTime(s.updatedAt)}>
                        <Text size="sm">{formatRelative(s.updatedAt)}</Text>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {total > PAGE_SIZE ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {total} subjects
          </Text>
          <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      ) : null}
      {adding ? <AddCandidateModal opened onClose={closeAdd} /> : null}
    </Stack>
  );
}
