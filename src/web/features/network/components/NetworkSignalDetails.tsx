// The numbers behind a network signal, from its structured `data` (the detector's evidence, rendered
// as it is, never recomputed), with one plain sentence on what the signal means.
import { Anchor, Group, List, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Signal } from '../../../../core/types.ts';
import { countryName } from '../../../ui/countries.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { describeTravel, NETWORK_SIGNAL_HELP, placeLabel, readKind, readTravelPairs } from '../model.ts';
import { KindBadge } from './KindBadge.tsx';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function Pairs({ data }: { data: unknown }) {
  const pairs = readTravelPairs(data);
  if (pairs.length === 0) return null;
  return (
    <List size="sm" spacing={4} data-testid="travel-pairs">
      {pairs.map((p) => (
        <List.Item key={`${p.from.at}|${p.to.at}|${p.from.ip}|${p.to.ip}`} data-testid="travel-pair">
          {placeLabel(p.from, countryName)}{' '}
          <Text span ff="monospace" size="sm">
            ({p.from.ip ?? '—'})
          </Text>{' '}
          at {formatDateTime(p.from.at)} → {placeLabel(p.to, countryName)}{' '}
          <Text span ff="monospace" size="sm">
            ({p.to.ip ?? '—'})
          </Text>{' '}
          at {formatDateTime(p.to.at)}:{' '}
          <Text span fw={600} size="sm" c="red.8">
            {describeTravel(p)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

function Countries({ data }: { data: Record<string, unknown> }) {
  const rows = records(data.countries);
  if (rows.length === 0) return null;
  return (
    <Group gap="xs" data-testid="signal-countries">
      {rows.map((c) => (
        <Text key={text(c.country)} size="sm">
          <b>{countryName(text(c.country)) || text(c.country)}</b>: {text(c.logins) || '?'} sign-in
          {text(c.logins) === '1' ? '' : 's'}
        </Text>
      ))}
    </Group>
  );
}

function Networks({ data }: { data: Record<string, unknown> }) {
  const rows = records(data.networks);
  if (rows.length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} data-testid="signal-networks">
      <Table.Tbody>
        {rows.map((n) => (
          <Table.Tr key={text(n.ip)}>
            <Table.Td ff="monospace" fz="sm">
              {text(n.ip)}
            </Table.Td>
            <Table.Td>
              <KindBadge kind={readKind(n.kind)} provider={text(n.provider) || null} withShort />
            </Table.Td>
            <Table.Td fz="sm">{text(n.logins) ? `${text(n.logins)} sign-ins` : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SharedIps({ data }: { data: Record<string, unknown> }) {
  const rows = records(data.ips);
  if (rows.length === 0) return null;
  return (
    <List size="sm" spacing={2} data-testid="signal-shared-ips">
      {rows.map((r) => {
        const subjects = Array.isArray(r.subjects) ? r.subjects.map(text).filter(Boolean) : [];
        return (
          <List.Item key={text(r.ip)}>
            <Text span ff="monospace" size="sm">
              {text(r.ip)}
            </Text>{' '}
            also used by{' '}
            {subjects.map((id, i) => (
              <span key={id}>
                {i > 0 ? ', ' : ''}
                <Anchor component={Link} to={`/subjects/${encodeURIComponent(id)}`} size="sm">
                  {id}
                </Anchor>
              </span>
            ))}
            {r.household === true ? ' (listed as the same household, so expected)' : ''}
          </List.Item>
        );
      })}
    </List>
  );
}

function Sessions({ data }: { data: Record<string, unknown> }) {
  const rows = records(data.sessions);
  const tools = Array.isArray(data.tools) ? data.tools.map(text).filter(Boolean) : [];
  if (rows.length === 0 && tools.length === 0) return null;
  return (
    <List size="sm" spacing={2} data-testid="signal-sessions">
      {rows.slice(0, 5).map((s) => (
        <List.Item key={`${text(s.start)}|${text(s.sessionId)}`}>
          Open from {formatDateTime(text(s.start))} to {formatDateTime(text(s.end))} ({text(s.hours)} h)
        </List.Item>
      ))}
      {tools.length > 0 ? <List.Item>Tools that keep it awake: {tools.join(', ')}</List.Item> : null}
    </List>
  );
}

function Remote({ data }: { data: Record<string, unknown> }) {
  const software = Array.isArray(data.software) ? data.software.map(text).filter(Boolean) : [];
  const peripherals = Array.isArray(data.peripherals) ? data.peripherals.map(text).filter(Boolean) : [];
  if (software.length === 0 && peripherals.length === 0) return null;
  return (
    <List size="sm" spacing={2}>
      {software.length > 0 ? <List.Item>Software: {software.join(', ')}</List.Item> : null}
      {peripherals.length > 0 ? <List.Item>Devices: {peripherals.join(', ')}</List.Item> : null}
    </List>
  );
}

export function NetworkSignalDetails({ signal }: { signal: Signal }) {
  const data = isRecord(signal.data) ? signal.data : {};
  const help = NETWORK_SIGNAL_HELP[signal.id];
  return (
    <>
      {signal.id === 'network.impossible-travel' ? <Pairs data={data} /> : null}
      {signal.id === 'network.multi-country' || signal.id === 'network.high-risk-country' ? (
        <Countries data={data} />
      ) : null}
      {signal.id === 'network.anonymizer' ? <Networks data={data} /> : null}
      {signal.id === 'network.shared-egress' ? <SharedIps data={data} /> : null}
      {signal.id === 'network.always-on' ? <Sessions data={data} /> : null}
      {signal.id === 'network.remote-access' ? <Remote data={data} /> : null}
      {help ? (
        <Text size="xs" c="dimmed" data-testid="signal-plain-help">
          {help}
        </Text>
      ) : null}
    </>
  );
}
