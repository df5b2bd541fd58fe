import { Accordion, Badge, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { SignalDefinition } from '../../../api/types.ts';
import { SeverityBadge } from '../../../ui/badges.tsx';
import { ErrorPage, PageLoader } from '../../../ui/feedback.tsx';
import { FAMILY_LABELS } from '../../../ui/labels.ts';
import { sourceTitle, useCatalog } from '../queries.ts';

function matches(s: SignalDefinition, q: string): boolean {
  if (!q) return true;
  const hay = `${s.id} ${s.title} ${s.firesWhen} ${s.howToVerify} ${s.family}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((w) => hay.includes(w));
}

export default function SignalsPage() {
  const catalog = useCatalog();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query, 150);

  const groups = useMemo(() => {
    const map = new Map<string, SignalDefinition[]>();
    for (const s of catalog.data?.signals ?? []) {
      if (!matches(s, q.trim())) continue;
      const list = map.get(s.family) ?? [];
      list.push(s);
      map.set(s.family, list);
    }
    return [...map.entries()];
  }, [catalog.data, q]);

  if (catalog.isPending) return <PageLoader />;
  if (catalog.error) return <ErrorPage error={catalog.error} onRetry={() => void catalog.refetch()} />;

  const total = groups.reduce((n, [, list]) => n + list.length, 0);
  return (
    <Stack maw={1100} mx="auto">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Signals
        </Title>
        <Text c="dimmed">
          Every warning sign Gatecheck looks for. Each comes from public government advisories or published
          research on North Korean IT workers, and none fires on nationality, name or accent alone.
        </Text>
      </Stack>
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder="Search signals, e.g. camera, VPN, passport"
        aria-label="Search signals"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-testid="signals-search"
      />
      <Text size="sm" c="dimmed">
        {total} signal{total === 1 ? '' : 's'}
      </Text>
      <Accordion multiple defaultValue={groups.map(([f]) => f)} variant="separated" key={q}>
        {groups.map(([family, list]) => (
          <Accordion.Item key={family} value={family}>
            <Accordion.Control>
              <Group gap="xs">
                <Text fw={600}>{FAMILY_LABELS[family] ?? family}</Text>
                <Badge variant="light" color="gray">
                  {list.length}
                </Badge>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {list.map((s) => (
                  <Card key={s.id} withBorder padding="md" data-testid="catalog-signal" data-signal-id={s.id}>
                    <Stack gap={6}>
                      <Group justify="space-between" wrap="nowrap" align="flex-start">
                        <Stack gap={0}>
                          <Text fw={600}>{s.title}</Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {s.id}
                          </Text>
                        </Stack>
                        <Group gap={4} wrap="nowrap">
                          <SeverityBadge severity={s.defaultSeverity} />
                          {s.maxSeverity !== s.defaultSeverity ? (
                            <>
                              <Text size="xs" c="dimmed">
                                up to
                              </Text>
                              <SeverityBadge severity={s.maxSeverity} />
                            </>
                          ) : null}
                        </Group>
                      </Group>
                      <Text size="sm">
                        <Text span fw={500}>
                          Fires when:{' '}
                        </Text>
                        {s.firesWhen}
                      </Text>
                      <Text size="sm">
                        <Text span fw={500}>
                          How to verify:{' '}
                        </Text>
                        {s.howToVerify}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Sources: {s.sources.map((k) => sourceTitle(catalog.data, k)).join('; ')}
                      </Text>
                    </Stack>
                  </Card>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {total === 0 ? <Text c="dimmed">No signal matches “{query}”.</Text> : null}
    </Stack>
  );
}
