// The alert inbox: every band rise (or new critical signal) with its reasons and where it was sent.
import { Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowRight, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { BandBadge } from '../../../ui/badges.tsx';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { type AlertDelivery, type AlertItem, useAlerts, useMarkAlertRead } from '../queries.ts';

const STATUS_COLORS: Record<AlertDelivery['status'], string> = {
  pending: 'gray',
  retrying: 'orange',
  delivered: 'green',
  failed: 'red',
};

const STATUS_WORDS: Record<AlertDelivery['status'], string> = {
  pending: 'Sending',
  retrying: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
};

function DeliveryBadge({ d }: { d: AlertDelivery }) {
  const detail =
    d.status === 'delivered'
      ? `Delivered ${formatDateTime(d.deliveredAt)}`
      : d.status === 'retrying'
        ? `${d.attempts} tries so far; next try ${formatDateTime(d.nextAttemptAt)}. Last error: ${d.lastError ?? '—'}`
        : d.status === 'failed'
          ? `Gave up after ${d.attempts} tries. Last error: ${d.lastError ?? '—'}`
          : 'Waiting to be sent';
  return (
    <Tooltip label={detail} multiline w={320} withArrow>
      <Badge
        color={STATUS_COLORS[d.status]}
        variant="light"
        data-testid="delivery-state"
        data-status={d.status}
      >
        {d.destinationName}: {STATUS_WORDS[d.status]}
        {d.status === 'retrying' ? ` (${d.attempts})` : ''}
      </Badge>
    </Tooltip>
  );
}

function AlertCard({ alert }: { alert: AlertItem }) {
  const markRead = useMarkAlertRead();
  return (
    <Card withBorder padding="md" data-testid="alert-row" data-read={alert.read}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            {alert.read ? null : (
              <Badge color="blue" size="sm">
                New
              </Badge>
            )}
            <Text fw={600} component={Link} to={`/subjects/${encodeURIComponent(alert.subject.id)}`}>
              {alert.subject.name ?? alert.subject.id}
            </Text>
            <BandBadge band={alert.previousBand} size="sm" />
            <IconArrowRight size={14} aria-label="rose to" />
            <BandBadge band={alert.band} size="sm" />
            <Text size="sm" c="dimmed">
              score {alert.previousScore ?? '—'} → {alert.score}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed">
              {formatDateTime(alert.createdAt)}
            </Text>
            {alert.read ? null : (
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconCheck size={14} />}
                loading={markRead.isPending}
                onClick={() => markRead.mutate(alert.id)}
              >
                Mark read
              </Button>
            )}
          </Group>
        </Group>
        {alert.newCriticalSignals.length > 0 ? (
          <Text size="sm" c="red">
            New critical signal: {alert.newCriticalSignals.join(', ')}
          </Text>
        ) : null}
        <Stack gap={2}>
          {alert.reasons.slice(0, 5).map((r) => (
            <Text key={r} size="sm">
              • {r}
            </Text>
          ))}
        </Stack>
        <Group gap="xs">
          {alert.deliveries.length === 0 ? (
            <Text size="xs" c="dimmed">
              Shown here only: no Slack, webhook or email destination is set up (Settings → Alerts).
            </Text>
          ) : (
            alert.deliveries.map((d) => <DeliveryBadge key={d.destinationId} d={d} />)
          )}
        </Group>
        {markRead.error ? <ErrorAlert error={markRead.error} /> : null}
      </Stack>
    </Card>
  );
}

export default function InboxPage() {
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const alerts = useAlerts(filter === 'unread');
  return (
    <Stack maw={1100} mx="auto">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Inbox
          </Title>
          <Text c="dimmed" size="sm">
            Gatecheck tells you here (and in Slack, by webhook or email if set up) when new evidence raises a
            person's risk band or brings a new critical signal.
          </Text>
        </Stack>
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v === 'unread' ? 'unread' : 'all')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'unread', label: `Unread${alerts.data ? ` (${alerts.data.unread})` : ''}` },
          ]}
        />
      </Group>
      {alerts.isPending ? (
        <PageLoader />
      ) : alerts.error ? (
        <ErrorAlert error={alerts.error} />
      ) : alerts.data.items.length === 0 ? (
        <Text c="dimmed">No alerts{filter === 'unread' ? ' left unread' : ' yet'}.</Text>
      ) : (
        alerts.data.items.map((a) => <AlertCard key={a.id} alert={a} />)
      )}
    </Stack>
  );
}
