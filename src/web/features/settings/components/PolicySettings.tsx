import {
  Accordion,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Progress,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { SEVERITIES } from '../../../../core/types.ts';
import { errorMessage, isApiError } from '../../../api/client.ts';
import type { Policy, Severity, SignalDefinition } from '../../../api/types.ts';
import { ErrorPage, PageLoader, ProblemList } from '../../../ui/feedback.tsx';
import { FAMILY_LABELS, SEVERITY_LABELS } from '../../../ui/labels.ts';
import { ChecklistPolicySettings } from '../../checklist/components/ChecklistPolicySettings.tsx';
import { isJobFailed, isJobFinished, jobPercent, useJob } from '../../jobs/queries.ts';
import { useCatalog } from '../../signals/queries.ts';
import { usePolicy, useSavePolicy } from '../queries.ts';

type NumKey =
  | 'inPersonWindowDays'
  | 'lowRateRatio'
  | 'bankChangeWindowDays'
  | 'shippingChangeWindowDays'
  | 'documentOverdueGraceDays';

const NUMBER_FIELDS: { key: NumKey; label: string; description: string; step?: number; max?: number }[] = [
  {
    key: 'inPersonWindowDays',
    label: 'Days to verify in person',
    description:
      'After the start date, how long before a missing in-person identity check becomes a warning.',
  },
  {
    key: 'lowRateRatio',
    label: 'Low-rate ratio',
    description: 'Asked rate below this share of the market rate is a warning (0.6 = under 60%).',
    step: 0.05,
    max: 1,
  },
  {
    key: 'bankChangeWindowDays',
    label: 'Bank-change window (days)',
    description: 'A payroll bank change this close to the start or first payroll is a warning.',
  },
  {
    key: 'shippingChangeWindowDays',
    label: 'Shipping-change window (days)',
    description: 'A laptop shipping-address change this close to shipping or start is a warning.',
  },
  {
    key: 'documentOverdueGraceDays',
    label: 'Document grace (days)',
    description: 'Extra days after a due date before a missing document counts as overdue.',
  },
];

function JobProgress({ jobId }: { jobId: string }) {
  const job = useJob(jobId).data;
  if (!job) return null;
  const done = isJobFinished(job);
  const failed = isJobFailed(job);
  return (
    <Alert
      color={failed ? 'red' : done ? 'green' : 'blue'}
      title={
        failed
          ? 'Re-assessment failed'
          : done
            ? 'Everyone re-assessed'
            : 'Re-assessing everyone with the new policy…'
      }
      data-testid="policy-job"
      data-status={job.status}
    >
      <Stack gap={4}>
        <Progress
          value={jobPercent(job)}
          animated={!done}
          color={failed ? 'red' : done ? 'green' : 'blue'}
          aria-label="Re-assessment progress"
        />
        <Text size="sm">
          {job.total ? `${job.progress} of ${job.total} subjects` : job.message}
          {failed && job.error ? ` — ${job.error}` : ''}
        </Text>
      </Stack>
    </Alert>
  );
}

function OverrideRow({
  def,
  override,
  onChange,
}: {
  def: SignalDefinition;
  override: Policy['overrides'][string] | undefined;
  onChange: (o: Policy['overrides'][string] | undefined) => void;
}) {
  const disabled = override?.disabled === true;
  const severity = override?.severity ?? '';
  const update = (next: { severity?: Severity | ''; disabled?: boolean }) => {
    const s = next.severity !== undefined ? next.severity : severity;
    const d = next.disabled !== undefined ? next.disabled : disabled;
    const o: Policy['overrides'][string] = {};
    if (s) o.severity = s;
    if (d) o.disabled = true;
    onChange(Object.keys(o).length ? o : undefined);
  };
  return (
    <Table.Tr data-testid="override-row" data-signal-id={def.id}>
      <Table.Td>
        <Text size="sm" fw={500} c={disabled ? 'dimmed' : undefined}>
          {def.title}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {def.id}
        </Text>
      </Table.Td>
      <Table.Td w={200}>
        <NativeSelect
          size="xs"
          aria-label={`Severity for ${def.title}`}
          value={severity}
          disabled={disabled}
          onChange={(e) => update({ severity: e.currentTarget.value as Severity | '' })}
          data={[
            { value: '', label: `Default (${SEVERITY_LABELS[def.defaultSeverity]})` },
            ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] })),
          ]}
        />
      </Table.Td>
      <Table.Td w={90}>
        <Switch
          aria-label={`Use ${def.title}`}
          checked={!disabled}
          onChange={(e) => update({ disabled: !e.currentTarget.checked })}
          label={disabled ? 'Off' : 'On'}
        />
      </Table.Td>
    </Table.Tr>
  );
}

export function PolicySettings() {
  const policy = usePolicy();
  const catalog = useCatalog();
  const save = useSavePolicy();
  const [draft, setDraft] = useState<Policy | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  useEffect(() => {
    if (policy.data && !draft) setDraft(structuredClone(policy.data));
  }, [policy.data, draft]);

  const families = useMemo(() => {
    const map = new Map<string, SignalDefinition[]>();
    for (const s of catalog.data?.signals ?? []) map.set(s.family, [...(map.get(s.family) ?? []), s]);
    return [...map.entries()];
  }, [catalog.data]);

  if (policy.isPending || !draft) return policy.error ? <ErrorPage error={policy.error} /> : <PageLoader />;

  const dirty = JSON.stringify(draft) !== JSON.stringify(policy.data);
  const bandsOk = draft.bands.elevated < draft.bands.high && draft.bands.high < draft.bands.critical;
  const overrideCount = Object.keys(draft.overrides).length;
  const problems = isApiError(save.error) ? save.error.problems : [];

  const setBand = (key: keyof Policy['bands'], value: number | string) =>
    setDraft({ ...draft, bands: { ...draft.bands, [key]: Number(value) || 0 } });

  const onSave = () =>
    save.mutate(draft, {
      onSuccess: (res) => {
        setDraft(structuredClone(res.policy));
        setJobId(res.job?.id ?? null);
        notifications.show({ color: 'green', message: 'Policy saved. Everyone is being re-assessed.' });
      },
    });

  return (
    <Stack data-testid="policy-settings">
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Risk bands
          </Title>
          <Text size="sm" c="dimmed">
            The score (0–100) at which each band starts. Below “Elevated” is Low.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {(['elevated', 'high', 'critical'] as const).map((b) => (
              <NumberInput
                key={b}
                label={`${b[0]?.toUpperCase()}${b.slice(1)} from`}
                min={0}
                max={100}
                value={draft.bands[b]}
                onChange={(v) => setBand(b, v)}
                data-testid={`policy-band-${b}`}
              />
            ))}
          </SimpleGrid>
          {!bandsOk ? (
            <Text size="sm" c="red">
              Each band must start above the one before (Elevated &lt; High &lt; Critical).
            </Text>
          ) : null}
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Time windows and thresholds
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {NUMBER_FIELDS.map((f) => (
              <NumberInput
                key={f.key}
                label={f.label}
                description={f.description}
                min={0}
                max={f.max}
                step={f.step ?? 1}
                decimalScale={f.step ? 2 : 0}
                value={draft[f.key]}
                onChange={(v) => setDraft({ ...draft, [f.key]: Number(v) || 0 })}
                data-testid={`policy-${f.key}`}
              />
            ))}
          </SimpleGrid>
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Per-signal adjustments
            </Title>
            <Badge variant="light">{overrideCount} changed</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            Make a warning sign count more or less, or turn it off if it does not fit how you hire (for
            example, if you never ship laptops).
          </Text>
          <Accordion variant="contained">
            {families.map(([family, defs]) => (
              <Accordion.Item key={family} value={family}>
                <Accordion.Control>
                  <Group gap="xs">
                    <Text fw={500}>{FAMILY_LABELS[family] ?? family}</Text>
                    {defs.some((d) => draft.overrides[d.id]) ? (
                      <Badge size="xs" variant="light" color="orange">
                        adjusted
                      </Badge>
                    ) : null}
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Table>
                    <Table.Tbody>
                      {defs.map((d) => (
                        <OverrideRow
                          key={d.id}
                          def={d}
                          override={draft.overrides[d.id]}
                          onChange={(o) => {
                            const overrides = { ...draft.overrides };
                            if (o) overrides[d.id] = o;
                            else delete overrides[d.id];
                            setDraft({ ...draft, overrides });
                          }}
                        />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      </Card>
      <ChecklistPolicySettings
        value={draft.checklist}
        inPersonWindowDays={draft.inPersonWindowDays}
        onChange={(checklist) => setDraft({ ...draft, checklist })}
      />
      {jobId ? <JobProgress jobId={jobId} /> : null}
      {save.error ? (
        <Alert color="red" role="alert">
          <Text size="sm">{errorMessage(save.error)}</Text>
          <ProblemList problems={problems} />
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button
          variant="default"
          disabled={!dirty}
          onClick={() => policy.data && setDraft(structuredClone(policy.data))}
        >
          Undo changes
        </Button>
        <Button
          onClick={onSave}
          disabled={!dirty || !bandsOk}
          loading={save.isPending}
          data-testid="policy-save"
        >
          Save and re-assess everyone
        </Button>
      </Group>
    </Stack>
  );
}
