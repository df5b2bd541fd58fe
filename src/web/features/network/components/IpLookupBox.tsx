// Look up one internet address: where it is, whose network it belongs to and what kind, in plain words.
import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { countryName } from '../../../ui/countries.ts';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { describeKind, displayKind, placeLabel } from '../model.ts';
import { useIpLookup } from '../queries.ts';
import { DbIpAttribution, KindBadge } from './KindBadge.tsx';

export function IpLookupBox() {
  const [input, setInput] = useState('');
  const [address, setAddress] = useState<string | null>(null);
  const lookup = useIpLookup(address);
  const info = lookup.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = input.trim();
    if (value) setAddress(value);
  };

  return (
    <Card withBorder padding="md" data-testid="ip-lookup">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Look up an internet address
        </Title>
        <Text size="xs" c="dimmed">
          Where an IP address is and what kind of network it belongs to, from the databases shipped with
          Gatecheck (nothing is sent anywhere).
        </Text>
        <form onSubmit={submit} aria-label="IP lookup">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label="IP address"
              placeholder="203.0.113.7 or 2001:db8::1"
              value={input}
              onChange={(e) => setInput(e.currentTarget.value)}
              data-testid="ip-lookup-input"
            />
            <Button
              type="submit"
              leftSection={<IconSearch size={16} />}
              loading={lookup.isFetching}
              data-testid="ip-lookup-submit"
            >
              Look up
            </Button>
          </Group>
        </form>
        {lookup.error ? (
          <ErrorAlert error={lookup.error} title="That address could not be looked up" />
        ) : null}
        {info ? (
          <Stack gap="xs" data-testid="ip-lookup-result" data-ip={info.ip} data-kind={info.kind}>
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={120}>Address</Table.Th>
                  <Table.Td ff="monospace">{info.ip}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Place</Table.Th>
                  <Table.Td data-testid="ip-lookup-place">
                    {placeLabel(info, countryName)}
                    {info.accuracyKm ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (within ~{Math.round(info.accuracyKm)} km)
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Network</Table.Th>
                  <Table.Td data-testid="ip-lookup-network">
                    {info.org ?? 'Unknown organisation'}
                    {info.asn !== null ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (AS{info.asn})
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Kind</Table.Th>
                  <Table.Td>
                    <KindBadge kind={info.kind} provider={info.provider} allowListed={info.allowListed} />
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Text size="sm" data-testid="ip-lookup-explanation">
              {describeKind(displayKind(info.kind, info.allowListed), info.provider)}
            </Text>
            {info.sources.length > 0 ? (
              <Text size="xs" c="dimmed">
                From: {info.sources.join(', ')}
              </Text>
            ) : null}
            <DbIpAttribution />
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
