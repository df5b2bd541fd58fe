import { Accordion, Badge, Button, Card, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import type { CaseBundle, SubjectDetail } from '../../../api/types.ts';
import { describePath } from '../../../ui/evidence-paths.ts';
import { formatDateTime, formatValue, humanize } from '../../../ui/format.ts';
import { enumLabel } from '../../../ui/labels.ts';
import { useCan } from '../../auth/queries.ts';
import { EvidenceForm } from './EvidenceForm.tsx';
import { EVIDENCE_SPECS, type EvidenceSpec } from './evidence-specs.ts';

const RecordingsPanel = lazy(() => import('../../recordings/RecordingsPanel.tsx'));

const ENUM_KEYS = new Set([
  'plannedMode',
  'actualMode',
  'status',
  'kind',
  'field',
  'method',
  'outcome',
  'direction',
  'handOcclusion',
  'locationSmallTalk',
  'environment',
]);

function rowsOf(item: unknown, prefix = ''): { key: string; value: string }[] {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return [];
  const out: { key: string; value: string }[] = [];
  for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (k === 'frames') {
      out.push({ key: 'Captured frames', value: String(Array.isArray(v) ? v.length : 0) });
      continue;
    }
    if (v && typeof v === 'object' && !Array.isArray(v) && (k === 'checks' || k === 'fields')) {
      out.push(...rowsOf(v, `${humanize(k)} · `));
      continue;
    }
    let value: string;
    if (typeof v === 'string' && ENUM_KEYS.has(k)) value = enumLabel(v);
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) value = formatDateTime(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) value = v.join('\n');
    else value = formatValue(v);
    out.push({ key: `${prefix}${humanize(k)}`, value });
  }
  return out;
}

function ItemView({
  bundle,
  kind,
  index,
  item,
}: {
  bundle: CaseBundle;
  kind: string;
  index: number;
  item: unknown;
}) {
  return (
    <Paper withBorder p="sm" data-testid={`evidence-item-${kind}`}>
      <Text size="sm" fw={600} mb={4}>
        {describePath(bundle, `${kind}[${index}]`)}
      </Text>
      <Stack gap={2}>
        {rowsOf(item).map((r) => (
          <Text size="sm" key={r.key}>
            <Text span c="dimmed">
              {r.key}:
            </Text>{' '}
            <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{r.value}</span>
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

function listOfKind(bundle: CaseBundle, kind: string): unknown[] {
  const v = (bundle as Record<string, unknown>)[kind];
  return Array.isArray(v) ? v : [];
}

/** For a change, the previous value is the last recorded `to` of the same field. */
function previousValue(bundle: CaseBundle, field: unknown): unknown {
  const changes = bundle.changes ?? [];
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i];
    if (c && c.field === field) return c.to ?? null;
  }
  return null;
}

function EvidenceSection({
  detail,
  spec,
  canWrite,
}: {
  detail: SubjectDetail;
  spec: EvidenceSpec;
  canWrite: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const items = listOfKind(detail.bundle, spec.kind);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {spec.intro}
      </Text>
      {canWrite ? (
        adding ? (
          <Card withBorder padding="md" bg="gray.0">
            <EvidenceForm
              subjectId={detail.id}
              spec={spec}
              onDone={() => setAdding(false)}
              extra={
                spec.kind === 'changes'
                  ? (item) => ({ ...item, from: previousValue(detail.bundle, item.field) })
                  : undefined
              }
            />
          </Card>
        ) : (
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setAdding(true)}
              data-testid={`evidence-add-${spec.kind}`}
            >
              Log {spec.noun}
            </Button>
          </Group>
        )
      ) : null}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing recorded yet.
        </Text>
      ) : (
        <Stack gap="xs">
          {items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: evidence items are append-only; the index is their identity
            <ItemView key={i} bundle={detail.bundle} kind={spec.kind} index={i} item={item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function LoginsSection({ bundle }: { bundle: CaseBundle }) {
  const logins = bundle.logins ?? [];
  if (logins.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No sign-in records. Import them from your identity provider (Okta, Google, Microsoft) in a case
        bundle.
      </Text>
    );
  }
  return (
    <ScrollArea h={Math.min(420, 60 + logins.length * 36)}>
      <Table striped fz="sm" data-testid="logins-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>Country</Table.Th>
            <Table.Th>App</Table.Th>
            <Table.Th>Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {logins.slice(0, 500).map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: logins are append-only; the index is their identity
            <Table.Tr key={i}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{formatDateTime(l.at)}</Table.Td>
              <Table.Td ff="monospace">{l.ip ?? '—'}</Table.Td>
              <Table.Td>{l.country ?? '—'}</Table.Td>
              <Table.Td>{l.app ?? '—'}</Table.Td>
              <Table.Td>{l.outcome ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

export function EvidenceTab({ detail }: { detail: SubjectDetail }) {
  const canWrite = useCan('subjects:write');
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Everything known about this person. Logging something new re-runs the assessment straight away.
      </Text>
      <Accordion multiple variant="separated" defaultValue={['interviews']}>
        {EVIDENCE_SPECS.map((spec) => {
          const count = listOfKind(detail.bundle, spec.kind).length;
          return (
            <Accordion.Item key={spec.kind} value={spec.kind} data-testid={`evidence-section-${spec.kind}`}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text fw={600}>{spec.title}</Text>
                  <Badge variant="light" color={count > 0 ? 'blue' : 'gray'}>
                    {count}
                  </Badge>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <EvidenceSection detail={detail} spec={spec} canWrite={canWrite} />
                {spec.kind === 'interviews' ? (
                  <Suspense fallback={null}>
                    <RecordingsPanel detail={detail} />
                  </Suspense>
                ) : null}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
        <Accordion.Item value="logins" data-testid="evidence-section-logins">
          <Accordion.Control>
            <Group gap="xs">
              <Text fw={600}>Sign-ins</Text>
              <Badge variant="light" color={(detail.bundle.logins?.length ?? 0) > 0 ? 'blue' : 'gray'}>
                {detail.bundle.logins?.length ?? 0}
              </Badge>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <LoginsSection bundle={detail.bundle} />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
