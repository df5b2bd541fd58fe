// Accounts seen in sign-in logs that belong to nobody in Gatecheck yet, each with a "Link to subject"
// action: pick the person, and their stored sign-ins move to them and they are assessed again.
import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLink } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../api/client.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useSubjects } from '../../subjects/queries.ts';
import type { UnmatchedAccount } from '../model.ts';
import { useLinkAccount } from '../queries.ts';

function LinkAccount({ account }: { account: string }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const subjects = useSubjects({ q, band: null, status: null, limit: 20, offset: 0 });
  const link = useLinkAccount();
  const options = (subjects.data?.items ?? []).map((s) => ({
    value: s.id,
    label: s.name ? `${s.name} (${s.id})` : s.id,
  }));

  const submit = () => {
    if (!subjectId) return;
    const label = options.find((o) => o.value === subjectId)?.label ?? subjectId;
    link.mutate(
      { account, subjectId },
      {
        onSuccess: (res) => {
          notifications.show({
            color: 'green',
            title: 'Account linked',
            message: `${account} now belongs to ${label}: ${res?.events ?? 0} sign-ins moved and the person was assessed again.`,
          });
        },
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'The account was not linked',
            message: errorMessage(error),
          }),
      },
    );
  };

  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        size="xs"
        w={260}
        searchable
        clearable
        placeholder="Find a person by name, email or id"
        aria-label={`Person to link ${account} to`}
        data={options}
        value={subjectId}
        onChange={setSubjectId}
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: o }) => o}
        nothingFoundMessage={subjects.isFetching ? 'Searching…' : 'Nobody by that name'}
        data-testid="link-subject-select"
        comboboxProps={{ withinPortal: true }}
      />
      <Button
        size="xs"
        leftSection={<IconLink size={14} />}
        disabled={!subjectId}
        loading={link.isPending}
        onClick={submit}
        data-testid="link-account"
      >
        Link to subject
      </Button>
    </Group>
  );
}

export function UnmatchedAccounts({
  accounts,
  canLink,
  stillUnmatched,
  testId = 'unmatched-accounts',
}: {
  accounts: UnmatchedAccount[];
  canLink: boolean;
  /** When given, accounts not in it have been linked since (shown as such instead of the picker). */
  stillUnmatched?: ReadonlySet<string>;
  testId?: string;
}) {
  if (accounts.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={200}>Account</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>Sign-ins</Table.Th>
            <Table.Th miw={130}>Seen</Table.Th>
            {canLink ? <Table.Th>Whose is it?</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => (
            <Table.Tr key={a.account} data-testid="unmatched-account" data-account={a.account}>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {a.account}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.events}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {a.firstAt ? formatDateTime(a.firstAt) : ''}
                  {a.lastAt && a.lastAt !== a.firstAt ? ` – ${formatDateTime(a.lastAt)}` : ''}
                </Text>
              </Table.Td>
              {canLink ? (
                <Table.Td>
                  {stillUnmatched && !stillUnmatched.has(a.account) ? (
                    <Badge color="green" variant="light" data-testid="account-linked">
                      Linked
                    </Badge>
                  ) : (
                    <LinkAccount account={a.account} />
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
