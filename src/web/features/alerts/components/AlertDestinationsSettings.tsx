// Settings → Alerts: where alerts and the daily digest go. Slack and signed webhooks are set up here; email is
// set up by the server's environment (GATECHECK_SMTP_URL, GATECHECK_ALERT_EMAIL_TO) and shown read-only.
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  NativeSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import {
  type AlertDestination,
  type DestinationInput,
  useAlertDestinations,
  useSaveAlertDestinations,
} from '../queries.ts';

function keep(list: AlertDestination[]): DestinationInput[] {
  return list
    .filter(
      (d): d is AlertDestination & { kind: 'slack' | 'webhook' } =>
        d.managedBy === 'api' && d.kind !== 'email',
    )
    .map((d) => ({ id: d.id, kind: d.kind, name: d.name, enabled: d.enabled }));
}

export function AlertDestinationsSettings() {
  const destinations = useAlertDestinations();
  const save = useSaveAlertDestinations();
  const [kind, setKind] = useState<'slack' | 'webhook'>('slack');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [secrets, setSecrets] = useState<{ name: string; secret: string }[]>([]);

  const apply = (next: DestinationInput[]) =>
    save.mutate(next, {
      onSuccess: (res) =>
        setSecrets(res.items.flatMap((d) => (d.secret ? [{ name: d.name, secret: d.secret }] : []))),
    });

  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    if (!destinations.data || !name.trim() || !url.trim()) return;
    apply([...keep(destinations.data), { kind, name: name.trim(), url: url.trim() }]);
    setName('');
    setUrl('');
  };

  return (
    <Stack mt="xl" data-testid="alert-destinations-settings">
      <Stack gap={0}>
        <Title order={2} size="h4">
          Alerts
        </Title>
        <Text size="sm" c="dimmed">
          When new evidence raises someone's risk band, Gatecheck posts an alert to these places, and once a
          day (08:00 UTC) a digest of the last 24 hours. A receiver that is down is retried for about a day.
        </Text>
      </Stack>
      {secrets.map((s) => (
        <Alert key={s.name} color="green" title={`Signing secret for “${s.name}”`}>
          <Stack gap="xs">
            <Text size="sm">Copy it now into the receiving system: it will not be shown again.</Text>
            <Code style={{ wordBreak: 'break-all' }}>{s.secret}</Code>
          </Stack>
        </Alert>
      ))}
      <Card withBorder padding="md">
        <form onSubmit={onAdd} aria-label="Add alert destination">
          <Group align="flex-end">
            <NativeSelect
              label="Kind"
              data={[
                { value: 'slack', label: 'Slack (incoming webhook)' },
                { value: 'webhook', label: 'Webhook (signed JSON)' },
              ]}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value === 'webhook' ? 'webhook' : 'slack')}
            />
            <TextInput
              label="Name"
              placeholder="e.g. #security"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <TextInput
              label="URL"
              placeholder="https://hooks.slack.com/services/…"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button type="submit" disabled={!name.trim() || !url.trim()} loading={save.isPending}>
              Add
            </Button>
          </Group>
        </form>
        {save.error ? <ErrorAlert error={save.error} /> : null}
      </Card>
      {destinations.isPending ? (
        <PageLoader />
      ) : destinations.error ? (
        <ErrorAlert error={destinations.error} />
      ) : destinations.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No destinations yet: alerts show in the Inbox only.
        </Text>
      ) : (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm" aria-label="Alert destinations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th>On</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {destinations.data.map((d) => {
                const current = keep(destinations.data);
                return (
                  <Table.Tr key={d.id}>
                    <Table.Td>{d.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{d.kind}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {d.managedBy === 'environment' ? 'set by GATECHECK_SMTP_URL' : d.urlHint}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={d.enabled}
                        disabled={d.managedBy === 'environment'}
                        aria-label={`Send alerts to ${d.name}`}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          apply(current.map((x) => (x.id === d.id ? { ...x, enabled: on } : x)));
                        }}
                      />
                    </Table.Td>
                    <Table.Td ta="right">
                      {d.managedBy === 'api' ? (
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          {d.kind === 'webhook' ? (
                            <Button
                              size="xs"
                              variant="subtle"
                              onClick={() => {
                                if (
                                  window.confirm(
                                    `Issue a new signing secret for “${d.name}”? The old one stops working.`,
                                  )
                                )
                                  apply(
                                    current.map((x) => (x.id === d.id ? { ...x, rotateSecret: true } : x)),
                                  );
                              }}
                            >
                              New secret
                            </Button>
                          ) : null}
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => {
                              if (window.confirm(`Remove “${d.name}”? It gets no further alerts.`))
                                apply(current.filter((x) => x.id !== d.id));
                            }}
                          >
                            Remove
                          </Button>
                        </Group>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
