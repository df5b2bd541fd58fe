// The organisation's Links page: groups of people joined by shared identifiers, riskiest first — an address
// several employees ship equipment to (a possible laptop farm) at the top, then by band, score and size.
// Each group opens to its members and what they share; a filter keeps one kind of identifier.
import { Accordion, Alert, Anchor, Badge, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BandBadge } from '../../../ui/badges.tsx';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { LINK_KIND_OPTIONS, type LinkCluster, type LinkKind, memberName } from '../model.ts';
import { useLinkClusters } from '../queries.ts';

const subjectHref = (id: string) => `/subjects/${encodeURIComponent(id)}?tab=links`;

function ClusterTitle({ cluster }: { cluster: LinkCluster }) {
  const names = cluster.members.slice(0, 4).map(memberName).join(', ');
  const more = cluster.members.length > 4 ? ` and ${cluster.members.length - 4} more` : '';
  return (
    <Group gap="sm" wrap="nowrap">
      <BandBadge band={cluster.band} size="sm" />
      <Badge variant="light" color="gray">
        {cluster.members.length} people
      </Badge>
      {cluster.employeeAddress && (
        <Badge variant="light" color="red">
          employees at one address
        </Badge>
      )}
      <Text size="sm" lineClamp={1}>
        {names}
        {more}
      </Text>
    </Group>
  );
}

function ClusterDetails({ cluster }: { cluster: LinkCluster }) {
  const names = new Map(cluster.members.map((m) => [m.id, memberName(m)]));
  return (
    <Stack gap="sm">
      <Text size="sm">{cluster.reason}</Text>
      <Table withTableBorder striped data-testid="cluster-members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Risk</Table.Th>
            <Table.Th>Score</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cluster.members.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} to={subjectHref(m.id)}>
                  {memberName(m)}
                </Anchor>
              </Table.Td>
              <Table.Td>{m.kind ?? '—'}</Table.Td>
              <Table.Td>
                <BandBadge band={m.band} size="sm" />
              </Table.Td>
              <Table.Td>{m.score ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={5}>What they share</Title>
      <Table withTableBorder data-testid="cluster-links">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Shared</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Held by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cluster.links.map((l) => (
            <Table.Tr key={`${l.kind}\u0000${l.display}\u0000${l.subjects.join(',')}`}>
              <Table.Td>
                {l.label}{' '}
                {l.household && (
                  <Badge size="xs" variant="light" color="gray">
                    declared household
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ff="monospace">{l.display}</Table.Td>
              <Table.Td>{l.subjects.map((s) => names.get(s) ?? s).join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export default function LinksPage() {
  const [kind, setKind] = useState<LinkKind | null>(null);
  const clusters = useLinkClusters(kind);
  return (
    <Stack maw={1200} mx="auto">
      <Title order={2}>Links between people</Title>
      <Alert icon={<IconInfoCircle size={18} />} variant="light" title="What to look for">
        <Text size="sm">
          A <b>laptop farm</b> is a house where one person receives the work laptops of several “remote”
          employees and keeps them switched on, so that workers abroad can use them as if they were local.
          Several employees with one shipping address is its clearest trace. A <b>persona farm</b> is one
          person or team applying under several invented identities: the names differ, but a phone, email,
          bank account, crypto wallet, resume or photo is the same. People who told you they live together
          (declared household) share an address for good reason: that is shown, and does not make a group on
          its own.
        </Text>
      </Alert>
      <Group justify="space-between" align="end">
        <Select
          label="Joined by"
          placeholder="Anything shared"
          data={LINK_KIND_OPTIONS}
          value={kind}
          onChange={(v) => setKind((v as LinkKind | null) ?? null)}
          clearable
          w={280}
          data-testid="links-kind"
        />
        {clusters.data && (
          <Text size="sm" c="dimmed">
            {clusters.data.total === 1 ? '1 group' : `${clusters.data.total} groups`}
            {clusters.data.total > clusters.data.items.length
              ? `, the first ${clusters.data.items.length} shown`
              : ''}
          </Text>
        )}
      </Group>
      {clusters.isPending && <PageLoader label="Finding links…" />}
      {clusters.error && <ErrorAlert error={clusters.error} title="Could not load the groups" />}
      {clusters.data && clusters.data.items.length === 0 && (
        <Alert color="gray" data-testid="clusters-empty">
          No two people share{' '}
          {kind
            ? `a ${LINK_KIND_OPTIONS.find((o) => o.value === kind)?.label.toLowerCase()}`
            : 'an address, phone, email, bank account, wallet, device, resume or photo'}
          .
        </Alert>
      )}
      {clusters.data && clusters.data.items.length > 0 && (
        <Accordion variant="separated" multiple data-testid="clusters">
          {clusters.data.items.map((c) => (
            <Accordion.Item
              key={c.members.map((m) => m.id).join(',')}
              value={c.members.map((m) => m.id).join(',')}
              data-testid="cluster"
              data-members={c.members.map((m) => m.id).join(',')}
            >
              <Accordion.Control>
                <ClusterTitle cluster={c} />
              </Accordion.Control>
              <Accordion.Panel>
                <ClusterDetails cluster={c} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
