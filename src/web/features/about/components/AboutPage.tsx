// About Gatecheck: the running version, the reference data it ships or was given (with licences and
// the attribution their licences ask for), and what stays on the organisation's own server.
import { Anchor, Badge, Card, List, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import { KIND_LABELS, readKind } from '../../network/model.ts';
import { useIpIntel, useServerVersion } from '../../network/queries.ts';
import { useSanctionsLists } from '../../sanctions/queries.ts';

function IpSources() {
  const intel = useIpIntel();
  if (intel.error) return <ErrorAlert error={intel.error} title="The IP data sources could not be loaded" />;
  const databases = intel.data?.databases ?? [];
  const lists = intel.data?.lists ?? [];
  return (
    <Stack gap="sm">
      {databases.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} data-testid="ip-databases">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Database</Table.Th>
                <Table.Th>Licence</Table.Th>
                <Table.Th>Attribution</Table.Th>
                <Table.Th>Built</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {databases.map((d) => (
                <Table.Tr key={d.id} data-testid="ip-database" data-id={d.id}>
                  <Table.Td>
                    {d.url ? (
                      <Anchor href={d.url} target="_blank" rel="noopener noreferrer" size="sm">
                        {d.title}
                      </Anchor>
                    ) : (
                      <Text size="sm">{d.title}</Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{d.licence ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.attribution ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{d.builtAt ? formatDay(d.builtAt) : '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm">
          <Anchor href="https://db-ip.com" target="_blank" rel="noopener noreferrer" size="sm">
            IP Geolocation by DB-IP
          </Anchor>{' '}
          (DB-IP Lite, CC BY 4.0), with network owners from RouteViews, NRO and DB-IP (CC BY 4.0).
        </Text>
      )}
      <Text size="sm" fw={600}>
        Address lists your organisation imported
      </Text>
      {lists.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="ip-lists-empty">
          None yet. An admin can import Tor exit lists, VPN ranges or your own allow-list (for example the
          company VPN, which then never counts against anyone) with <code>gatecheck intel ip import</code>.
        </Text>
      ) : (
        <Table verticalSpacing={4} data-testid="ip-lists">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>List</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Entries</Table.Th>
              <Table.Th>Imported</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.map((l) => (
              <Table.Tr key={l.name}>
                <Table.Td>
                  <Text size="sm">{l.label ?? l.name}</Text>
                  {l.provider ? (
                    <Text size="xs" c="dimmed">
                      {l.provider}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={l.kind === 'allow' ? 'gray' : 'orange'}
                    style={{ textTransform: 'none' }}
                  >
                    {l.kind === 'allow' ? 'Allow-list' : KIND_LABELS[readKind(l.kind)]}
                  </Badge>
                </Table.Td>
                <Table.Td>{l.entries.toLocaleString('en')}</Table.Td>
                <Table.Td>
                  <Text size="xs">{l.importedAt ? formatDateTime(l.importedAt) : '—'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function SanctionsSources() {
  const lists = useSanctionsLists();
  const active =
    lists.data?.snapshots.find((s) => s.loaded) ?? lists.data?.snapshots.find((s) => s.status === 'active');
  if (!active || active.lists.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The sanctions lists load when the server starts; see Settings → Sanctions lists.
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4} data-testid="sanctions-sources">
      {active.lists.map((l) => (
        <List.Item key={l.id}>
          {l.title}
          {l.publishedOn ? ` — published ${formatDay(l.publishedOn)}` : ''}
        </List.Item>
      ))}
    </List>
  );
}

export default function AboutPage() {
  const version = useServerVersion();
  return (
    <Stack maw={1000} mx="auto" gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          About Gatecheck
        </Title>
        <Text c="dimmed">
          Version{' '}
          <Text span fw={600} data-testid="about-version">
            {version.data ?? '…'}
          </Text>
          . Self-hosted: it runs on your organisation’s own server.
        </Text>
      </Stack>

      <Card withBorder padding="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            What stays on your server
          </Title>
          <List size="sm" spacing={4}>
            <List.Item>
              Gatecheck makes no calls to the internet while it runs. Nothing about the people you check is
              sent anywhere.
            </List.Item>
            <List.Item>
              Internet addresses are placed with databases installed with Gatecheck: looking up an address
              never asks an outside service.
            </List.Item>
            <List.Item>
              The world map is drawn from country shapes inside the app; no map tiles are downloaded.
            </List.Item>
            <List.Item>
              Sanctions lists are files that ship with Gatecheck or that an admin imports; they are not
              fetched.
            </List.Item>
            <List.Item>
              Sign-in logs and case bundles you upload are stored only in your Gatecheck database.
            </List.Item>
          </List>
        </Stack>
      </Card>

      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Internet address data
          </Title>
          <IpSources />
        </Stack>
      </Card>

      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Sanctions lists
          </Title>
          <Text size="sm" c="dimmed">
            Official lists published by governments and the UN for anyone to use.
          </Text>
          <SanctionsSources />
        </Stack>
      </Card>

      <Card withBorder padding="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Map
          </Title>
          <Text size="sm">
            Country shapes from{' '}
            <Anchor
              href="https://www.naturalearthdata.com"
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
            >
              Natural Earth
            </Anchor>{' '}
            (public domain), 1:110 million scale, via the world-atlas package (ISC licence).
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}
