// "Screen a name": check one name (and, if known, a date of birth and country) against the loaded sanctions
// lists without creating a subject. Useful before an interview, or for a vendor or payee.
import {
  Alert,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { countryOptions } from '../../../ui/countries.ts';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { formatDay } from '../../../ui/format.ts';
import type { ScreenRequest, ScreenResult, SnapshotView } from '../model.ts';
import { useSanctionsLists, useScreen } from '../queries.ts';
import { MatchCard, NameMatchExplainer } from './MatchCard.tsx';

const DOB_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function activeSnapshot(snapshots: SnapshotView[] | undefined): SnapshotView | undefined {
  return snapshots?.find((s) => s.status === 'active') ?? snapshots?.[0];
}

function SearchedLists({
  result,
  snapshot,
  loadedVersion,
}: {
  result: ScreenResult | null;
  snapshot: SnapshotView | undefined;
  loadedVersion: string | undefined;
}) {
  const fromResult = result?.searched ?? [];
  const items =
    fromResult.length > 0
      ? fromResult.map((l) => `${l.title}${l.version ? ` (${formatDay(l.version)})` : ''}`)
      : (snapshot?.lists ?? [])
          .filter((l) => l.id !== 'wallets')
          .map((l) => `${l.title}${l.publishedOn ? ` (published ${formatDay(l.publishedOn)})` : ''}`);
  const version = result?.version ?? loadedVersion ?? snapshot?.id;
  if (items.length === 0 && !version) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="screen-lists-searched">
      Searched {items.length > 0 ? items.join('; ') : 'the loaded lists'}
      {version ? ` — list snapshot ${version}` : ''}.
    </Text>
  );
}

export default function ScreenPage() {
  const [name, setName] = useState('');
  const [dob, setDob] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [kind, setKind] = useState<'individual' | 'entity'>('individual');
  const [touched, setTouched] = useState(false);
  const screen = useScreen();
  const lists = useSanctionsLists();
  const countries = useMemo(() => countryOptions(), []);
  const snapshot = activeSnapshot(lists.data?.snapshots);
  const loadedVersion = lists.data?.loadedVersion;

  const nameError = touched && name.trim().length < 2 ? 'Enter a name (at least 2 letters).' : undefined;
  const dobError =
    dob.trim() && !DOB_PATTERN.test(dob.trim()) ? 'Use YYYY-MM-DD, or YYYY-MM, or just the year.' : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (name.trim().length < 2 || dobError) return;
    const input: ScreenRequest = { name: name.trim(), kind };
    if (kind === 'individual' && dob.trim()) input.dob = dob.trim();
    if (country) input.country = country;
    screen.mutate(input);
  };

  const data = screen.data ?? null;
  // The screened name is the same for every match; show it on each card as "screened as".
  const screened = data && typeof data.query.name === 'string' ? data.query.name : undefined;
  const result: ScreenResult | null = data
    ? { ...data, matches: data.matches.map((m) => (m.query || !screened ? m : { ...m, query: screened })) }
    : null;

  return (
    <Stack maw={1000} mx="auto">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Screen a name
        </Title>
        <Text c="dimmed" size="sm">
          Check a person or company against the official sanctions lists (the government lists of people and
          organisations nobody may employ or pay). Nothing is saved: this does not create a subject.
        </Text>
      </Stack>

      <Card withBorder padding="md" component="form" onSubmit={submit} data-testid="screen-form" noValidate>
        <Stack gap="sm">
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v === 'entity' ? 'entity' : 'individual')}
            data={[
              { value: 'individual', label: 'A person' },
              { value: 'entity', label: 'A company' },
            ]}
            style={{ alignSelf: 'flex-start' }}
            data-testid="screen-kind"
          />
          <TextInput
            label={kind === 'individual' ? 'Full name' : 'Company name'}
            description="Any spelling or alphabet: Korean, Chinese and Cyrillic names are romanised for you."
            placeholder={kind === 'individual' ? 'e.g. Kim Chol Su' : 'e.g. Korea Sobaeksu Trading Company'}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={nameError}
            data-testid="screen-name"
            autoComplete="off"
          />
          <Group grow align="flex-start">
            {kind === 'individual' ? (
              <TextInput
                label="Date of birth (optional)"
                description="YYYY-MM-DD, or just the year if that is all you know."
                placeholder="1985-04-12"
                value={dob}
                onChange={(e) => setDob(e.currentTarget.value)}
                error={dobError}
                data-testid="screen-dob"
                autoComplete="off"
              />
            ) : null}
            <Select
              label="Country (optional)"
              description={
                kind === 'individual' ? 'Nationality, if known.' : 'Where the company is registered.'
              }
              placeholder="Pick a country"
              data={countries}
              value={country}
              onChange={setCountry}
              searchable
              clearable
              nothingFoundMessage="No country by that name"
              data-testid="screen-country"
            />
          </Group>
          <Text size="xs" c="dimmed">
            A date of birth or country is a “second identifier”: when it agrees with the list entry, a name
            match becomes much more certain; when it differs, it becomes much less likely.
          </Text>
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconSearch size={16} />}
              loading={screen.isPending}
              data-testid="screen-submit"
            >
              Screen
            </Button>
          </Group>
        </Stack>
      </Card>

      {screen.error ? <ErrorAlert error={screen.error} title="The name could not be screened" /> : null}

      {result ? (
        <Stack gap="sm" data-testid="screen-result" data-count={result.matches.length}>
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h4">
              {result.matches.length === 0
                ? 'No matches'
                : `${result.matches.length} possible match${result.matches.length === 1 ? '' : 'es'}`}
            </Title>
          </Group>
          <SearchedLists result={result} snapshot={snapshot} loadedVersion={loadedVersion} />
          {result.matches.length === 0 ? (
            <Alert color="green" icon={<IconCircleCheck size={18} />} data-testid="screen-empty">
              No list entry resembles this name.
            </Alert>
          ) : (
            <>
              <NameMatchExplainer />
              {result.matches.map((m) => (
                <MatchCard key={`${m.list}:${m.entryId}`} match={m} />
              ))}
            </>
          )}
        </Stack>
      ) : (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          <Stack gap={4}>
            <Text size="sm">
              Results show which list entries resemble the name, how alike they are, and which other details
              agree.
            </Text>
            <SearchedLists result={null} snapshot={snapshot} loadedVersion={loadedVersion} />
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
