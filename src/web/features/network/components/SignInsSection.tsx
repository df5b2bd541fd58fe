// A subject's sign-ins: the network warning signs, a map of where they sign in from, a timeline of
// sessions and a table of recent sign-ins — or, with no sign-ins yet, how to bring the logs in.
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconInfoCircle, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { SubjectDetail } from '../../../api/types.ts';
import { SeverityBadge } from '../../../ui/badges.tsx';
import { countryName } from '../../../ui/countries.ts';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { SEVERITY_ORDER } from '../../../ui/labels.ts';
import { signalById, useCatalog } from '../../signals/queries.ts';
import {
  bundleLoginIps,
  bundleLoginItems,
  displayKind,
  isNetworkSignal,
  isWarningKind,
  type LoginItem,
  mergePlaces,
  OUTCOME_LABELS,
  placeLabel,
  TERMS,
  travelPairsOf,
} from '../model.ts';
import { useIpInfos, useSubjectLogins } from '../queries.ts';
import { KindBadge } from './KindBadge.tsx';
import { NetworkSignalDetails } from './NetworkSignalDetails.tsx';
import { SessionsTimeline } from './SessionsTimeline.tsx';
import { SignInMap } from './SignInMap.tsx';

const PAGE = 25;

function utc(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : `${d.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

const OUTCOME_COLORS: Record<LoginItem['outcome'], string> = {
  success: 'green',
  failure: 'red',
  challenge: 'yellow',
  unknown: 'gray',
};

function RecentSignIns({ items }: { items: LoginItem[] }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={760}>
        <Table striped verticalSpacing={6} data-testid="signin-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When (your time)</Table.Th>
              <Table.Th>Internet address</Table.Th>
              <Table.Th>Place</Table.Th>
              <Table.Th miw={170}>Network</Table.Th>
              <Table.Th miw={120}>Outcome</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.slice(0, shown).map((item) => (
              <Table.Tr key={item.id} data-testid="signin-row" data-ip={item.ip ?? ''}>
                <Table.Td>
                  <Tooltip label={utc(item.at)} withArrow>
                    <Text size="sm" span style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(item.at)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {item.ip ?? '—'}
                  </Text>
                  {item.app || item.source === 'bundle' ? (
                    <Text size="xs" c="dimmed">
                      {[item.app, item.source === 'bundle' ? 'case bundle' : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{placeLabel(item, countryName)}</Text>
                  {item.accuracyKm ? (
                    <Text size="xs" c="dimmed">
                      within ~{Math.round(item.accuracyKm)} km
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <KindBadge
                    kind={item.networkKind}
                    provider={item.provider}
                    allowListed={item.allowListed}
                    withShort
                  />
                  {item.org && !item.provider ? (
                    <Text size="xs" c="dimmed">
                      {item.org}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge
                    color={OUTCOME_COLORS[item.outcome]}
                    variant="light"
                    style={{ textTransform: 'none' }}
                  >
                    {OUTCOME_LABELS[item.outcome]}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {items.length > shown ? (
        <Button variant="subtle" size="xs" onClick={() => setShown((n) => n + PAGE * 4)} w="fit-content">
          Show more ({items.length - shown} not shown)
        </Button>
      ) : null}
    </Stack>
  );
}

function EmptySignIns() {
  return (
    <Card withBorder padding="lg" data-testid="signins-empty">
      <Stack gap="sm" align="flex-start">
        <Title order={3} size="h5">
          No sign-ins for this person yet
        </Title>
        <Text size="sm">
          Gatecheck learns where people really connect from by reading your identity provider’s sign-in logs
          (Okta, Microsoft Entra ID, Google Workspace, or any CSV). Export them, then import the file on the
          Network page: sign-ins are matched to people by their login or email address.
        </Text>
        <Text size="sm" c="dimmed">
          If this person signs in with a different address, link that account to them from the import result.
        </Text>
        <Button component={Link} to="/network" leftSection={<IconUpload size={16} />} size="sm">
          Import sign-in logs
        </Button>
      </Stack>
    </Card>
  );
}

export function SignInsSection({ detail }: { detail: SubjectDetail }) {
  const logins = useSubjectLogins(detail.id);
  const catalog = useCatalog();
  const defs = signalById(catalog.data);
  const signals = useMemo(
    () =>
      (detail.assessment?.signals ?? [])
        .filter((s) => isNetworkSignal(s.id))
        .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
    [detail.assessment],
  );
  const pairs = useMemo(() => travelPairsOf(signals), [signals]);
  const claimed = detail.bundle.subject.claimedLocation ?? null;
  // The case bundle's own sign-ins (from an HR or security tool) are shown beside the imported ones,
  // placed with the same offline lookup the detectors use.
  const bundleLogins = detail.bundle.logins;
  const bundleIps = useMemo(() => bundleLoginIps(bundleLogins), [bundleLogins]);
  const { infos } = useIpInfos(bundleIps);
  const view = useMemo(() => {
    if (!logins.data) return null;
    const extra = bundleLoginItems(bundleLogins, infos, logins.data.items);
    if (extra.length === 0) return { ...logins.data, fromBundle: 0 };
    return {
      items: [...logins.data.items, ...extra].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
      places: mergePlaces(logins.data.places, extra),
      total: logins.data.total + extra.length,
      truncated: logins.data.truncated,
      fromBundle: extra.length,
    };
  }, [logins.data, bundleLogins, infos]);

  if (logins.isPending) return <PageLoader label="Loading sign-ins…" />;
  if (logins.error) return <ErrorAlert error={logins.error} title="Sign-ins could not be loaded" />;
  if (!view || view.items.length === 0) return <EmptySignIns />;
  const { items, places, total, truncated, fromBundle } = view;

  const ips = new Set(items.map((i) => i.ip).filter(Boolean));
  const hidden = items.filter((i) => isWarningKind(displayKind(i.networkKind, i.allowListed))).length;
  const countries = new Set(items.map((i) => i.country).filter(Boolean));

  return (
    <Stack gap="lg" data-testid="signins-section">
      <Text size="sm" data-testid="signins-summary">
        <b>{total.toLocaleString('en')}</b> sign-in{total === 1 ? '' : 's'} from <b>{ips.size}</b> internet
        address{ips.size === 1 ? '' : 'es'} in <b>{countries.size}</b> countr
        {countries.size === 1 ? 'y' : 'ies'}
        {hidden > 0 ? (
          <>
            ; <b>{hidden}</b> through networks that hide the real location
          </>
        ) : null}
        .
        {fromBundle === total
          ? ' They come from the case bundle.'
          : fromBundle > 0
            ? ` ${fromBundle.toLocaleString('en')} of them come from the case bundle, the rest from imported sign-in logs.`
            : ''}
        {truncated ? ` Showing the newest ${items.length.toLocaleString('en')}.` : ''}
      </Text>

      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group justify="space-between" align="baseline">
            <Title order={3} size="h5">
              Where they sign in from
            </Title>
            {pairs.length > 0 ? (
              <Text size="xs" c="red.8" maw={520}>
                {TERMS.impossibleTravel}
              </Text>
            ) : null}
          </Group>
          <SignInMap places={places} items={items} pairs={pairs} claimed={claimed} />
        </Stack>
      </Card>

      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={3} size="h5">
            Sign-ins over time
          </Title>
          <Text size="xs" c="dimmed">
            One row per internet address. People working from home usually show one or two rows in their own
            time zone’s working hours; many rows, hosting or VPN colours, or sessions that never end deserve a
            closer look.
          </Text>
          <SessionsTimeline items={items} pairs={pairs} />
        </Stack>
      </Card>

      {signals.length > 0 ? (
        <Stack gap="sm">
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h4">
              Network warning signs ({signals.length})
            </Title>
            <Anchor component={Link} to={`/subjects/${encodeURIComponent(detail.id)}`} size="sm">
              Evidence and how to verify: Assessment tab
            </Anchor>
          </Group>
          <Stack gap="sm" data-testid="network-signals">
            {signals.map((s) => (
              <Card
                key={`${s.id}:${s.evidence.join(',')}`}
                withBorder
                padding="sm"
                data-testid="network-signal"
                data-signal-id={s.id}
                data-severity={s.severity}
              >
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Text fw={600}>{defs.get(s.id)?.title ?? s.id}</Text>
                    <div style={{ flexShrink: 0 }}>
                      <SeverityBadge severity={s.severity} />
                    </div>
                  </Group>
                  <Text size="sm">{s.explanation}</Text>
                  <NetworkSignalDetails signal={s} />
                </Stack>
              </Card>
            ))}
          </Stack>
        </Stack>
      ) : (
        <Alert icon={<IconInfoCircle size={18} />} color="green" data-testid="no-network-signals">
          No network warning signs in these sign-ins.
        </Alert>
      )}

      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h5">
              Recent sign-ins
            </Title>
            <Anchor component={Link} to="/network" size="sm">
              Import more logs
            </Anchor>
          </Group>
          <RecentSignIns items={items} />
        </Stack>
      </Card>
    </Stack>
  );
}

export default SignInsSection;
