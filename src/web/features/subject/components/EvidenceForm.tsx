import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { errorMessage, isApiError, type Problem } from '../../../api/client.ts';
import { countryOptions, currencyOptions } from '../../../ui/countries.ts';
import { ProblemList } from '../../../ui/feedback.tsx';
import { enumLabel } from '../../../ui/labels.ts';
import { useAddEvidence } from '../queries.ts';
import { buildItem } from './evidence-item.ts';
import type { EvidenceSpec, FieldSpec, Values } from './evidence-specs.ts';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function initialValue(f: FieldSpec): string {
  const now = new Date();
  if (f.initial === 'now') {
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
  }
  if (f.initial === 'today') return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return f.initial ?? '';
}

function initialValues(spec: EvidenceSpec): Values {
  const v: Values = {};
  for (const f of spec.fields) if (v[f.key] === undefined) v[f.key] = initialValue(f);
  return v;
}

/** Server problem paths may be `at`, `interviews[3].at` or `interviews.3.at`: match on the field's own path. */
function problemFor(problems: Problem[], key: string): string | undefined {
  return problems.find((p) => {
    const path = p.path.replace(/\[(\d+)\]/g, '.$1');
    return path === key || path.endsWith(`.${key}`);
  })?.message;
}

function options(f: FieldSpec) {
  return (f.options ?? []).map((o) => ({
    value: o,
    label: f.optionLabels?.[o] ?? (o === '' ? '—' : enumLabel(o)),
  }));
}

function Field({
  f,
  value,
  onChange,
  error,
  testId,
}: {
  f: FieldSpec;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
  testId: string;
}) {
  const common = {
    label: f.label,
    description: f.description,
    error,
    required: f.required,
    'data-testid': testId,
  };
  switch (f.type) {
    case 'textarea':
    case 'lines':
    case 'list':
      return (
        <Textarea
          {...common}
          placeholder={f.placeholder}
          autosize
          minRows={2}
          maxRows={8}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'datetime':
      return (
        <TextInput
          {...common}
          type="datetime-local"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'date':
    case 'date-end':
      return (
        <TextInput {...common} type="date" value={value} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'select':
      return (
        <NativeSelect
          {...common}
          data={options(f)}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'radio':
      return (
        <Radio.Group {...common} value={value} onChange={onChange}>
          <Group mt={6} gap="md">
            {options(f).map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'tristate':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {f.label}
          </Text>
          {f.description ? (
            <Text size="xs" c="dimmed">
              {f.description}
            </Text>
          ) : null}
          <SegmentedControl
            value={value}
            onChange={onChange}
            aria-label={f.label}
            data-testid={testId}
            data={['yes', 'no', ''].map((v) => ({ value: v, label: f.optionLabels?.[v] ?? v }))}
          />
        </Stack>
      );
    case 'number':
      return <NumberInput {...common} min={0} value={value} onChange={(v) => onChange(String(v))} />;
    case 'country':
      return (
        <Select
          {...common}
          searchable
          clearable
          data={countryOptions()}
          value={value || null}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    case 'currency':
      return (
        <Select
          {...common}
          searchable
          clearable
          limit={50}
          data={currencyOptions()}
          value={value || null}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          placeholder={f.placeholder}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

export function EvidenceForm({
  subjectId,
  spec,
  onDone,
  extra,
}: {
  subjectId: string;
  spec: EvidenceSpec;
  onDone: () => void;
  /** Adds fields the form cannot ask for (e.g. the previous value of a change). */
  extra?: (item: Record<string, unknown>) => Record<string, unknown>;
}) {
  const [values, setValues] = useState<Values>(() => initialValues(spec));
  const add = useAddEvidence(subjectId);
  const problems = isApiError(add.error) ? add.error.problems : [];
  const visible = useMemo(() => spec.fields.filter((f) => !f.showIf || f.showIf(values)), [spec, values]);
  const missing = visible.filter((f) => f.required && !(values[f.key] ?? '').trim());
  const shownKeys = new Set(visible.map((f) => f.key));
  const otherProblems = problems.filter((p) => ![...shownKeys].some((k) => problemFor([p], k)));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (missing.length > 0) return;
    let item = buildItem(spec, values);
    if (extra) item = extra(item);
    add.mutate(
      { kind: spec.kind, item },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            title: 'Saved',
            message: `The ${spec.noun} was logged and the assessment updated.`,
          });
          setValues(initialValues(spec));
          onDone();
        },
      },
    );
  };

  return (
    <form
      onSubmit={onSubmit}
      aria-label={`Log ${spec.noun}`}
      data-testid={`evidence-form-${spec.kind}`}
      noValidate
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {visible.map((f) => (
            <div key={`${f.key}-${f.label}`} style={f.wide ? { gridColumn: '1 / -1' } : undefined}>
              <Field
                f={f}
                value={values[f.key] ?? ''}
                onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
                error={problemFor(problems, f.key)}
                testId={`evidence-${spec.kind}-${f.key}`}
              />
            </div>
          ))}
        </SimpleGrid>
        {add.error ? (
          <Alert color="red" role="alert">
            <Text size="sm">{errorMessage(add.error)}</Text>
            <ProblemList problems={otherProblems} />
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={add.isPending}
            disabled={missing.length > 0}
            data-testid={`evidence-submit-${spec.kind}`}
          >
            Save {spec.noun}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
