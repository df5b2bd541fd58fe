import {
  Alert,
  Button,
  Fieldset,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../api/client.ts';
import type { CaseBundle } from '../../../api/types.ts';
import { browserTimeZone, countryOptions, currencyOptions, timeZoneOptions } from '../../../ui/countries.ts';
import { ProblemList } from '../../../ui/feedback.tsx';
import { enumOptions, RATE_PERIODS } from '../../../ui/labels.ts';
import { newSubjectId, useCreateSubject } from '../queries.ts';

type Kind = 'candidate' | 'employee';
type RateForm = { amount: number | string; currency: string; per: string };

type FormState = {
  name: string;
  kind: Kind;
  email: string;
  phone: string;
  role: string;
  city: string;
  region: string;
  country: string | null;
  timezone: string | null;
  startDate: string;
  askedRate: RateForm;
  benchmarkRate: RateForm;
};

const EMPTY_RATE: RateForm = { amount: '', currency: 'USD', per: 'hour' };

function initialState(): FormState {
  return {
    name: '',
    kind: 'candidate',
    email: '',
    phone: '',
    role: '',
    city: '',
    region: '',
    country: null,
    timezone: browserTimeZone(),
    startDate: '',
    askedRate: { ...EMPTY_RATE },
    benchmarkRate: { ...EMPTY_RATE },
  };
}

function rateOf(
  r: RateForm,
): { amount: number; currency?: string; per?: 'hour' | 'day' | 'week' | 'month' | 'year' } | undefined {
  if (r.amount === '' || r.amount === null) return undefined;
  const amount = typeof r.amount === 'number' ? r.amount : Number(r.amount);
  const per = (RATE_PERIODS as readonly string[]).includes(r.per)
    ? (r.per as (typeof RATE_PERIODS)[number])
    : undefined;
  return { amount, ...(r.currency ? { currency: r.currency } : {}), ...(per ? { per } : {}) };
}

function clean<T extends Record<string, unknown>>(obj: T): Partial<T> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = v;
  }
  return Object.keys(out).length > 0 ? (out as Partial<T>) : undefined;
}

/** Turns the form into a v1 case bundle; empty fields are left out, never sent as "". */
export function buildBundle(id: string, f: FormState): CaseBundle {
  const claimedLocation = clean({
    city: f.city.trim(),
    region: f.region.trim(),
    country: f.country ?? undefined,
    timezone: f.timezone ?? undefined,
  });
  const askedRate = rateOf(f.askedRate);
  const benchmarkRate = rateOf(f.benchmarkRate);
  const bundle: CaseBundle = {
    format: 'gatecheck.case-bundle/v1',
    subject: {
      id,
      kind: f.kind,
      name: f.name.trim(),
      ...clean({ email: f.email.trim(), phone: f.phone.trim(), role: f.role.trim(), startDate: f.startDate }),
      ...(claimedLocation ? { claimedLocation } : {}),
    },
  };
  if (askedRate || benchmarkRate) {
    bundle.application = { ...(askedRate ? { askedRate } : {}), ...(benchmarkRate ? { benchmarkRate } : {}) };
  }
  return bundle;
}

function RateFields({
  legend,
  value,
  onChange,
  errorFor,
  prefix,
  currencies,
}: {
  legend: string;
  value: RateForm;
  onChange: (r: RateForm) => void;
  errorFor: (path: string) => string | undefined;
  prefix: string;
  currencies: string[];
}) {
  return (
    <Fieldset legend={legend} variant="filled">
      <Group grow align="flex-start">
        <NumberInput
          label="Amount"
          min={0}
          value={value.amount}
          onChange={(amount) => onChange({ ...value, amount })}
          error={errorFor(`${prefix}.amount`)}
          data-testid={`${prefix.split('.').pop()}-amount`}
        />
        <Select
          label="Currency"
          searchable
          data={currencies}
          value={value.currency}
          onChange={(currency) => onChange({ ...value, currency: currency ?? '' })}
          error={errorFor(`${prefix}.currency`)}
          limit={50}
        />
        <NativeSelect
          label="Per"
          data={enumOptions(RATE_PERIODS)}
          value={value.per}
          onChange={(e) => onChange({ ...value, per: e.currentTarget.value })}
          error={errorFor(`${prefix}.per`)}
        />
      </Group>
    </Fieldset>
  );
}

export function AddCandidateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [form, setForm] = useState<FormState>(initialState);
  const [touched, setTouched] = useState(false);
  const create = useCreateSubject();
  const navigate = useNavigate();
  const countries = useMemo(countryOptions, []);
  const zones = useMemo(timeZoneOptions, []);
  const currencies = useMemo(currencyOptions, []);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const problems = isApiError(create.error) ? create.error.problems : [];
  const FIELD_PATHS = [
    'subject.name',
    'subject.kind',
    'subject.email',
    'subject.phone',
    'subject.role',
    'subject.startDate',
    'subject.claimedLocation.city',
    'subject.claimedLocation.region',
    'subject.claimedLocation.country',
    'subject.claimedLocation.timezone',
    ...['askedRate', 'benchmarkRate'].flatMap((r) =>
      ['amount', 'currency', 'per'].map((k) => `application.${r}.${k}`),
    ),
  ];
  const errorFor = (path: string) => problems.find((p) => p.path === path)?.message;
  const otherProblems = problems.filter((p) => !FIELD_PATHS.includes(p.path));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!form.name.trim()) return;
    const bundle = buildBundle(newSubjectId(form.kind), form);
    create.mutate(bundle, {
      onSuccess: (res) => {
        notifications.show({
          color: 'green',
          title: 'Added',
          message: `${form.name.trim()} was added and assessed.`,
        });
        onClose();
        void navigate(`/subjects/${encodeURIComponent(res.subject.id)}`);
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Add a candidate or employee" size="lg">
      <form onSubmit={onSubmit} aria-label="Add candidate" data-testid="add-candidate-form" noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            Only the name is required. Add what you know now; you can log interviews, documents and other
            evidence on their page afterwards.
          </Text>
          <SegmentedControl
            value={form.kind}
            onChange={(v) => set('kind', v === 'employee' ? 'employee' : 'candidate')}
            data={[
              { value: 'candidate', label: 'Candidate' },
              { value: 'employee', label: 'Employee' },
            ]}
            aria-label="Kind"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Full name"
              required
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errorFor('subject.name') ?? (touched && !form.name.trim() ? 'Enter a name' : undefined)}
              data-testid="candidate-name"
              data-autofocus
            />
            <TextInput
              label="Role applied for"
              value={form.role}
              onChange={(e) => set('role', e.currentTarget.value)}
              error={errorFor('subject.role')}
              data-testid="candidate-role"
            />
            <TextInput
              label="Email"
              type="email"
              value={form.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errorFor('subject.email')}
              data-testid="candidate-email"
            />
            <TextInput
              label="Phone"
              placeholder="+1 416 555 0134"
              value={form.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={errorFor('subject.phone')}
              data-testid="candidate-phone"
            />
          </SimpleGrid>
          <Fieldset legend="Where they say they live" variant="filled">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="City"
                value={form.city}
                onChange={(e) => set('city', e.currentTarget.value)}
                error={errorFor('subject.claimedLocation.city')}
                data-testid="candidate-city"
              />
              <TextInput
                label="Region / province / state"
                value={form.region}
                onChange={(e) => set('region', e.currentTarget.value)}
                error={errorFor('subject.claimedLocation.region')}
              />
              <Select
                label="Country"
                searchable
                clearable
                data={countries}
                value={form.country}
                onChange={(v) => set('country', v)}
                error={errorFor('subject.claimedLocation.country')}
                nothingFoundMessage="No country by that name"
                data-testid="candidate-country"
              />
              <Select
                label="Time zone"
                searchable
                clearable
                data={zones}
                value={form.timezone}
                onChange={(v) => set('timezone', v)}
                error={errorFor('subject.claimedLocation.timezone')}
                limit={60}
              />
            </SimpleGrid>
          </Fieldset>
          <TextInput
            label="Start date"
            description="If hired, the first working day"
            type="date"
            value={form.startDate}
            onChange={(e) => set('startDate', e.currentTarget.value)}
            error={errorFor('subject.startDate')}
            w={220}
            data-testid="candidate-start-date"
          />
          <RateFields
            legend="Rate they asked for"
            prefix="application.askedRate"
            value={form.askedRate}
            onChange={(r) => set('askedRate', r)}
            errorFor={errorFor}
            currencies={currencies}
          />
          <RateFields
            legend="Usual market rate for this role (benchmark)"
            prefix="application.benchmarkRate"
            value={form.benchmarkRate}
            onChange={(r) => set('benchmarkRate', r)}
            errorFor={errorFor}
            currencies={currencies}
          />
          <Text size="xs" c="dimmed">
            A rate far below the market is one of the warning signs: fake workers often under-bid to get
            hired.
          </Text>
          {create.error ? (
            <Alert color="red" role="alert" data-testid="add-candidate-error">
              <Text size="sm">
                {isApiError(create.error) && create.error.status === 409
                  ? 'Someone with this id already exists. Try again: a new id is generated each time.'
                  : errorMessage(create.error)}
              </Text>
              <ProblemList problems={otherProblems} />
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="add-candidate-submit">
              Add and assess
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
