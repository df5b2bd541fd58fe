import { Accordion, Card, Code, Group, List, Stack, Text } from '@mantine/core';
import { IconBook, IconChecklist } from '@tabler/icons-react';
import type { Signal } from '../../../../core/types.ts';
import type { CaseBundle, Catalog, SignalDefinition } from '../../../api/types.ts';
import { SeverityBadge } from '../../../ui/badges.tsx';
import { describePath, resolvePath } from '../../../ui/evidence-paths.ts';
import { humanize } from '../../../ui/format.ts';
import { NetworkSignalDetails } from '../../network/components/NetworkSignalDetails.tsx';
import { SanctionsSignalDetails } from '../../sanctions/components/SanctionsSignalDetails.tsx';
import { SANCTIONS_SIGNALS } from '../../sanctions/model.ts';
import { sourceTitle } from '../../signals/queries.ts';
import { SignalFrames } from '../../verification/components/Keyframes.tsx';

function EvidenceValue({ value }: { value: unknown }) {
  if (value === undefined)
    return (
      <Text size="sm" c="dimmed">
        Not found in the current data (it may have changed since).
      </Text>
    );
  if (value === null || typeof value !== 'object') return <Code>{String(value)}</Code>;
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 260, overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

export function SignalCard({
  signal,
  definition,
  bundle,
  catalog,
  subjectId,
}: {
  signal: Signal;
  /** When given, sanctions matches offer "Not this person" (for roles that work cases). */
  subjectId?: string;
  definition: SignalDefinition | undefined;
  bundle: CaseBundle;
  catalog: Catalog | undefined;
}) {
  const title = definition?.title ?? humanize(signal.id.split('.').pop() ?? signal.id);
  return (
    <Card
      withBorder
      padding="md"
      data-testid="signal-card"
      data-signal-id={signal.id}
      data-severity={signal.severity}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0}>
            <Text fw={600} data-testid="signal-title">
              {title}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {signal.id}
            </Text>
          </Stack>
          <SeverityBadge severity={signal.severity} />
        </Group>
        <Text size="sm" data-testid="signal-explanation">
          {signal.explanation}
        </Text>
        {SANCTIONS_SIGNALS.has(signal.id) ? (
          <SanctionsSignalDetails signal={signal} subjectId={subjectId} />
        ) : null}
        {signal.id.startsWith('network.') ? <NetworkSignalDetails signal={signal} /> : null}
        {signal.id.startsWith('liveness.') ? <SignalFrames data={signal.data} bundle={bundle} /> : null}
        {signal.evidence.length > 0 ? (
          <Stack gap={4}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              Based on
            </Text>
            <Accordion variant="contained" chevronPosition="left" data-testid="signal-evidence">
              {signal.evidence.map((path) => (
                <Accordion.Item key={path} value={path}>
                  <Accordion.Control>
                    <Text size="sm" data-testid="evidence-label" title={path}>
                      {describePath(bundle, path)}
                    </Text>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <EvidenceValue value={resolvePath(bundle, path)} />
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </Stack>
        ) : null}
        {definition?.howToVerify ? (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconChecklist size={16} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
            <Text size="sm">
              <Text span fw={600}>
                How to verify:{' '}
              </Text>
              {definition.howToVerify}
            </Text>
          </Group>
        ) : null}
        {signal.sources.length > 0 ? (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconBook size={16} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
            <Stack gap={0}>
              <Text size="xs" c="dimmed" fw={600}>
                Named in
              </Text>
              <List size="xs" c="dimmed" data-testid="signal-sources">
                {signal.sources.map((k) => (
                  <List.Item key={k}>{sourceTitle(catalog, k)}</List.Item>
                ))}
              </List>
            </Stack>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
