// Settings → Privacy: how long each kind of personal data is kept. Everyone can read the periods; admins change
// them. A change applies to what is already stored at the next hourly clean-up.
import { Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { useMe } from '../../auth/queries.ts';
import { useRetention, useSaveRetention } from '../queries.ts';

export function RetentionSettings() {
  const retention = useRetention();
  const save = useSaveRetention();
  const isAdmin = useMe().data?.user.role === 'admin';
  const [days, setDays] = useState<Record<string, number | string>>({});

  useEffect(() => {
    if (retention.data) setDays({ ...retention.data.policy });
  }, [retention.data]);

  if (retention.isPending) return <PageLoader />;
  if (retention.error) return <ErrorAlert error={retention.error} />;
  const view = retention.data;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const policy: Record<string, number> = {};
    for (const k of view.kinds) policy[k.kind] = Number(days[k.kind]);
    save.mutate(policy);
  };

  return (
    <Stack data-testid="retention-settings">
      <Stack gap={0}>
        <Title order={2} size="h4">
          How long personal data is kept
        </Title>
        <Text size="sm" c="dimmed">
          Gatecheck deletes each kind of data about candidates and employees once its period is over. The
          clean-up runs every hour and records each deletion in the audit log. A case under legal hold (set on
          the person's page) is never cleaned up until the hold is released. A shorter period also applies to
          what is already stored.
        </Text>
      </Stack>
      <Card withBorder padding="md">
        <form onSubmit={onSubmit} aria-label="Retention periods">
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kind of data</Table.Th>
                <Table.Th>Kept for (days)</Table.Th>
                <Table.Th>What is deleted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.kinds.map((k) => (
                <Table.Tr key={k.kind}>
                  <Table.Td>
                    <Text fw={500}>{k.label}</Text>
                    <Text size="xs" c="dimmed">
                      counted {k.from}; default {k.defaultDays}
                    </Text>
                  </Table.Td>
                  <Table.Td w={150}>
                    <NumberInput
                      aria-label={`${k.label}: days kept`}
                      data-testid={`retention-${k.kind}`}
                      min={view.minDays}
                      max={view.maxDays}
                      allowDecimal={false}
                      readOnly={!isAdmin}
                      value={days[k.kind] ?? k.days}
                      onChange={(v) => setDays((d) => ({ ...d, [k.kind]: v }))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{k.deletes}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {isAdmin ? (
            <Group mt="md">
              <Button type="submit" loading={save.isPending}>
                Save periods
              </Button>
              {save.isSuccess ? (
                <Text size="sm" c="green">
                  Saved. The next clean-up applies them.
                </Text>
              ) : null}
            </Group>
          ) : (
            <Text size="sm" c="dimmed" mt="md">
              Only admins can change these periods.
            </Text>
          )}
        </form>
        {save.error ? (
          <Stack mt="md">
            <ErrorAlert error={save.error} title="The periods were not saved" />
          </Stack>
        ) : null}
      </Card>
    </Stack>
  );
}
