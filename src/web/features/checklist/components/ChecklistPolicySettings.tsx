// Settings → Policy: the organisation's checklist settings (when the response playbook starts, whether
// employees also get the hiring stages, and which steps the organisation does not use).
import { Accordion, Badge, Card, Group, NativeSelect, Stack, Switch, Text, Title } from '@mantine/core';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_STAGES,
  type ChecklistItemDefinition,
  PHASE_TITLES,
  PLAYBOOK_PHASES,
  STAGE_TITLES,
} from '../../../../core/checklist/catalogue.ts';
import type { ChecklistPolicy } from '../../../../core/checklist/checklist.ts';

const GROUPS: { key: string; title: string; items: ChecklistItemDefinition[] }[] = [
  ...CHECKLIST_STAGES.map((stage) => ({
    key: stage,
    title: STAGE_TITLES[stage],
    items: CHECKLIST_ITEMS.filter((i) => i.kind === 'stage' && i.stage === stage),
  })),
  ...PLAYBOOK_PHASES.map((phase) => ({
    key: `response.${phase}`,
    title: `Response playbook: ${PHASE_TITLES[phase]}`,
    items: CHECKLIST_ITEMS.filter((i) => i.kind === 'playbook' && i.phase === phase),
  })),
];

export function ChecklistPolicySettings({
  value,
  inPersonWindowDays,
  onChange,
}: {
  value: ChecklistPolicy;
  inPersonWindowDays: number;
  onChange: (next: ChecklistPolicy) => void;
}) {
  const disabled = new Set(value.disabledItems);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(disabled);
    if (on) next.delete(id);
    else next.add(id);
    onChange({ ...value, disabledItems: CHECKLIST_ITEMS.map((i) => i.id).filter((i) => next.has(i)) });
  };
  return (
    <Card withBorder padding="md" data-testid="policy-checklist">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Due-diligence checklist
          </Title>
          <Badge variant="light">{value.disabledItems.length} steps turned off</Badge>
        </Group>
        <Text size="sm" c="dimmed">
          The steps each subject’s checklist lists. Open steps show in the assessment as “not checked yet”.
          The in-person identity check after the start uses the “Days to verify in person” window above (now{' '}
          {inPersonWindowDays} days).
        </Text>
        <NativeSelect
          label="Show the response playbook from"
          description="The playbook (contain, preserve, review, report) also appears whenever a case is escalated or reported."
          value={value.playbookFromBand}
          onChange={(e) =>
            onChange({
              ...value,
              playbookFromBand: e.currentTarget.value === 'critical' ? 'critical' : 'high',
            })
          }
          data={[
            { value: 'high', label: 'High risk and above' },
            { value: 'critical', label: 'Critical risk only' },
          ]}
          data-testid="policy-playbook-band"
        />
        <Switch
          label="Also list the application and interview steps for employees"
          description="Useful to review people hired before you used these checks."
          checked={value.hiringStagesForEmployees}
          onChange={(e) => onChange({ ...value, hiringStagesForEmployees: e.currentTarget.checked })}
          data-testid="policy-hiring-stages-for-employees"
        />
        <Accordion variant="contained">
          {GROUPS.map((g) => (
            <Accordion.Item key={g.key} value={g.key}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text fw={500}>{g.title}</Text>
                  {g.items.some((i) => disabled.has(i.id)) ? (
                    <Badge size="xs" variant="light" color="orange">
                      adjusted
                    </Badge>
                  ) : null}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  {g.items.map((item) => (
                    <Switch
                      key={item.id}
                      checked={!disabled.has(item.id)}
                      onChange={(e) => toggle(item.id, e.currentTarget.checked)}
                      label={item.title}
                      description={item.id}
                      aria-label={`Use the step “${item.title}”`}
                      data-testid="policy-checklist-item"
                      data-item-id={item.id}
                    />
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Stack>
    </Card>
  );
}
