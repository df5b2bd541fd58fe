// The organisation's view of sign-ins: internet addresses shared by several people first, then everyone
// with network warning signs, the log import, accounts nobody owns yet, and an IP lookup.
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { BandBadge, SeverityBadge } from '../../../ui/badges.tsx';
import { countryName } from '../../../ui/countries.ts';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useCan } from '../../auth/queries.ts';
import { signalById, useCatalog } from '../../signals/queries.ts';
import { NETWORK_SIGNAL_HELP, type NetworkAnomaly, placeLabel, type SharedEgress, TERMS } from '../model.ts';
import { useNetworkOverview, useUnmatchedAccounts } from '../queries.ts';
import { ImportLoginsPanel } from './ImportLoginsPanel.tsx';
import { IpLookupBox } from './IpLookupBox.tsx';
import { DbIpAttribution, KindBadge } from './KindBadge.tsx';
import { UnmatchedAccounts } from './UnmatchedAccounts.tsx';

const subjectHref = (id: string) => `/subjects/${encodeURIComponent(id)}`;

function Stat({
  label,
  value,
  help,
  testId,
}: {
  label: string;
  value: number;
  help: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId} data-value={value}>
        {value.toLocaleString('en')}
      </Text>
      <Text size="xs" c="dimmed">
        {help}
      </Text>
    </Card>
  );
}

function SharedEgressTable({ rows }: { rows: SharedEgress[] }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="shared-egress-empty">
        No internet address is shared by two or more people.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={6} data-testid="shared-egress">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Internet address</Table.Th>
            <Table.Th>Place</Table.Th>
            <Table.Th>Network</Table.Th>
            <Table.Th>People using it</Table.Th>
            <Table.Th>Sign-ins</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const household = r.subjects.length > 0 && r.subjects.every((s) => s.household);
            return (
              <Table.Tr key={r.ip} data-testid="shared-egress-row" data-ip={r.ip}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {r.ip}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{placeLabel(r, countryName)}</Text>
                </Table.Td>
                <Table.Td>
                  <KindBadge kind={r.kind} provider={r.provider} withShort />
                  {r.org && !r.provider ? (
                    <Text size="xs" c="dimmed">
                      {r.org}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {r.subjects.map((s) => (
                      <Group key={s.id} gap={6} wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={subjectHref(s.id)}
                          size="sm"
                          data-testid="shared-egress-subject"
                        >
                          {s.name ?? s.id}
                        </Anchor>
                        {s.household ? (
                          <Tooltip label="Listed as living in the same household: sharing a connection is expected.">
                            <Badge size="xs" color="gray" variant="outline">
                              household
                            </Badge>
                          </Tooltip>
                        ) : null}
                      </Group>
                    ))}
                    {household ? (
                      <Text size="xs" c="dimmed">
                        Same household: expected, does not count against them.
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.events.toLocaleString('en')}</Text>
                  {r.firstAt ? (
                    <Text size="xs" c="dimmed">
                      {formatDateTime(r.firstAt)}
                      {r.lastAt && r.lastAt !== r.firstAt ? ` – ${formatDateTime(r.lastAt)}` : ''}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AnomaliesTable({ rows }: { rows: NetworkAnomaly[] }) {
  const catalog = useCatalog();
  const defs = signalById(catalog.data);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="anomalies-empty">
        Nobody has network warning signs.
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="network-anomalies">
      {rows.map((a) => (
        <Card
          key={a.subjectId}
          withBorder
          padding="sm"
          data-testid="network-anomaly"
          data-subject-id={a.subjectId}
        >
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`${subjectHref(a.subjectId)}?tab=signins`} fw={600}>
                {a.name ?? a.subjectId}
              </Anchor>
              <BandBadge band={a.band} size="sm" />
            </Group>
            {a.signals.map((s) => (
              <Stack key={s.id} gap={0} data-testid="anomaly-signal" data-signal-id={s.id}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <div style={{ flexShrink: 0 }}>
                    <SeverityBadge severity={s.severity} />
                  </div>
                  <Text size="sm">
                    <Text span fw={600} size="sm">
                      {defs.get(s.id)?.title ?? s.id}:
                    </Text>{' '}
                    {s.explanation}
                  </Text>
                </Group>
                {NETWORK_SIGNAL_HELP[s.id] ? (
                  <Text size="xs" c="dimmed" pl={4}>
                    {NETWORK_SIGNAL_HELP[s.id]}
                  </Text>
                ) : null}
              </Stack>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

export default function NetworkPage() {
  const overview = useNetworkOverview();
  const unmatched = useUnmatchedAccounts();
  const canImport = useCan('logins:import');

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Network and sign-ins
        </Title>
        <Text c="dimmed" maw={900}>
          Where people really connect from, read from your identity provider’s sign-in logs and placed with
          databases that ship with Gatecheck (no internet lookups). It is about where the connection comes
          from, never about anyone’s nationality.
        </Text>
      </Stack>

      {overview.isPending ? <PageLoader label="Loading the network overview…" /> : null}
      {overview.error ? <ErrorAlert error={overview.error} title="The overview could not be loaded" /> : null}
      {overview.data ? (
        <>
          {overview.data.counts.events === 0 ? (
            <Alert
              icon={<IconInfoCircle size={18} />}
              title="No sign-in logs yet"
              data-testid="network-empty"
            >
              Import an export from Okta, Microsoft Entra ID, Google Workspace or any CSV below. Gatecheck
              then shows each person’s sign-in map and flags VPNs, impossible travel and shared addresses.
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Stat
              label="Sign-ins stored"
              value={overview.data.counts.events}
              help="from every import and live feed"
              testId="count-events"
            />
            <Stat
              label="People with sign-ins"
              value={overview.data.counts.subjects}
              help="matched by login or email"
              testId="count-subjects"
            />
            <Stat
              label="Accounts not linked"
              value={overview.data.counts.unmatchedAccounts}
              help="seen in logs, belong to nobody here"
              testId="count-unmatched-accounts"
            />
          </SimpleGrid>

          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Internet addresses shared by several people
              </Title>
              <Text size="sm" c="dimmed">
                {TERMS.egress} Two “different” employees on one address can be one person with two jobs, or a
                laptop farm.
              </Text>
              {overview.data.sharedEgressDisabled ? (
                <Text size="sm" data-testid="shared-egress-disabled">
                  Not listed: your policy turns off the warning sign “Same internet address as another person”
                  (Settings → Policy).
                </Text>
              ) : (
                <SharedEgressTable rows={overview.data.sharedEgress} />
              )}
            </Stack>
          </Card>

          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                People with network warning signs ({overview.data.anomalies.length})
              </Title>
              <AnomaliesTable rows={overview.data.anomalies} />
            </Stack>
          </Card>
        </>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Import sign-in logs
              </Title>
              <ImportLoginsPanel canImport={canImport} />
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <IpLookupBox />
        </Grid.Col>
      </Grid>

      {(unmatched.data ?? []).length > 0 ? (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Accounts not linked to anyone ({unmatched.data?.length ?? 0})
            </Title>
            <Text size="sm" c="dimmed">
              These logins appear in your logs but match nobody’s email here. Link the ones that belong to a
              candidate or employee; the rest are usually people Gatecheck does not need to check.
            </Text>
            <UnmatchedAccounts accounts={unmatched.data ?? []} canLink={canImport} />
          </Stack>
        </Card>
      ) : null}

      <Group justify="flex-end">
        <DbIpAttribution />
        <Anchor component={Link} to="/about" size="xs">
          Data sources and licences
        </Anchor>
      </Group>
    </Stack>
  );
}
