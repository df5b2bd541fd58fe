// About Gatecheck: the running version, the reference data it ships or was given (with licences and
// the attribution their licences ask for), and what stays on the organisation's own server.
import { Anchor, Badge, Card, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { formatDateTime, formatDay } from '../../../ui/format.ts';
import { KIND_LABELS, readKind } from '../../network/model.ts';
import { useIpIntel, useServerVersion } from '../../network/queries.ts';
import { useSanctionsLists } from '../../sanctions/queries.ts';

/** A link to a data source's own site, opened in a new tab. */
function SourceLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      {children}
    </Anchor>
  );
}

function HeaderRow({ labels }: { labels: string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {labels.map((label) => (
          <Table.Th key={label}>{label}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** One card of the page: a heading and what it says. */
function AboutSection({
  title,
  gap = 'sm',
  children,
}: {
  title: string;
  gap?: 'xs' | 'sm';
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md">
      <Stack gap={gap}>
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

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
            <HeaderRow labels={['Database', 'Licence', 'Attribution', 'Built']} />
            <Table.Tbody>
              {databases.map((d) => (
                <Table.Tr key={d.id} data-testid="ip-database" data-id={d.id}>
                  <Table.Td>
                    {d.url ? (
                      <SourceLink href={d.url}>{d.title}</SourceLink>
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
          <SourceLink href="https://db-ip.com">IP Geolocation by DB-IP</SourceLink> (DB-IP Lite, CC BY 4.0),
          with network owners from RouteViews, NRO and DB-IP (CC BY 4.0).
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
          <HeaderRow labels={['List', 'Kind', 'Entries', 'Imported']} />
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

      <AboutSection title="What stays on your server" gap="xs">
        <List size="sm" spacing={4}>
          <List.Item>
            Gatecheck makes no calls to the internet while it runs. Nothing about the people you check is sent
            anywhere.
          </List.Item>
          <List.Item>
            Internet addresses are placed with databases installed with Gatecheck: looking up an address never
            asks an outside service.
          </List.Item>
          <List.Item>
            The world map is drawn from country shapes inside the app; no map tiles are downloaded.
          </List.Item>
          <List.Item>
            Sanctions lists are files that ship with Gatecheck or that an admin imports; they are not fetched.
          </List.Item>
          <List.Item>
            Sign-in logs and case bundles you upload are stored only in your Gatecheck database.
          </List.Item>
        </List>
      </AboutSection>

      <AboutSection title="Internet address data">
        <IpSources />
      </AboutSection>

      <AboutSection title="Sanctions lists">
        <Text size="sm" c="dimmed">
          Official lists published by governments and the UN for anyone to use.
        </Text>
        <SanctionsSources />
      </AboutSection>

      <AboutSection title="Map" gap="xs">
        <Text size="sm">
          Country shapes from <SourceLink href="https://www.naturalearthdata.com">Natural Earth</SourceLink>{' '}
          (public domain), 1:110 million scale, via the world-atlas package (ISC licence).
        </Text>
      </AboutSection>
    </Stack>
  );
}
