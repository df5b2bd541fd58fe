import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { ROLES } from '../../../../core/auth/roles.ts';
import { errorMessage, isApiError } from '../../../api/client.ts';
import type { Role, User } from '../../../api/types.ts';
import { ErrorAlert, PageLoader, ProblemList } from '../../../ui/feedback.tsx';
import { ROLE_HELP, ROLE_LABELS } from '../../../ui/labels.ts';
import { useMe } from '../../auth/queries.ts';
import { useCreateUser, useUpdateUser, useUsers } from '../queries.ts';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: `${ROLE_LABELS[r]} — ${ROLE_HELP[r]}` }));

function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('recruiter');
  const [password, setPassword] = useState('');
  const problems = isApiError(create.error) ? create.error.problems : [];
  const fieldError = (f: string) => problems.find((p) => p.path === f || p.path.endsWith(`.${f}`))?.message;
  const valid = name.trim() && email.trim() && password.length >= 12;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    create.mutate(
      { name: name.trim(), email: email.trim(), role, password },
      {
        onSuccess: () => {
          setName('');
          setEmail('');
          setPassword('');
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Add a user">
      <form onSubmit={onSubmit} aria-label="Add user" data-testid="add-user-form" noValidate>
        <Stack>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
            data-testid="new-user-name"
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError('email')}
            data-testid="new-user-email"
          />
          <NativeSelect
            label="Role"
            data={ROLE_OPTIONS}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            data-testid="new-user-role"
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what you typed' }}
            label="Temporary password"
            description="At least 12 characters. Share it privately; they can sign in with it straight away."
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={
              fieldError('password') ??
              (password && password.length < 12 ? `${password.length} of 12 characters` : undefined)
            }
            data-testid="new-user-password"
          />
          {create.error ? (
            <Alert color="red" role="alert">
              <Text size="sm">{errorMessage(create.error)}</Text>
              <ProblemList
                problems={problems.filter(
                  (p) => !['name', 'email', 'password'].some((f) => p.path.endsWith(f)),
                )}
              />
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!valid} loading={create.isPending} data-testid="new-user-submit">
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UserRow({ user, isSelf }: { user: User; isSelf: boolean }) {
  const update = useUpdateUser();
  return (
    <Table.Tr data-testid="user-row" data-email={user.email}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name}{' '}
          {isSelf ? (
            <Badge size="xs" variant="light">
              you
            </Badge>
          ) : null}
        </Text>
        <Text size="xs" c="dimmed">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <NativeSelect
          size="xs"
          aria-label={`Role for ${user.name}`}
          value={user.role}
          disabled={isSelf || update.isPending}
          data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] ?? r }))}
          onChange={(e) => update.mutate({ id: user.id, role: e.currentTarget.value as Role })}
        />
        {update.error ? (
          <Text size="xs" c="red">
            {errorMessage(update.error)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {user.disabled ? (
          <Badge color="gray">Disabled</Badge>
        ) : (
          <Badge color="green" variant="light">
            Active
          </Badge>
        )}
      </Table.Td>
      <Table.Td ta="right">
        {!isSelf ? (
          <Button
            size="xs"
            variant="subtle"
            color={user.disabled ? 'blue' : 'red'}
            loading={update.isPending}
            onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

export function UsersSettings() {
  const users = useUsers();
  const me = useMe().data;
  const [adding, setAdding] = useState(false);
  if (users.isPending) return <PageLoader />;
  if (users.error) return <ErrorAlert error={users.error} />;
  return (
    <Stack data-testid="users-settings">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={2} size="h4">
            Users
          </Title>
          <Text size="sm" c="dimmed">
            Disabled users cannot sign in; their history stays.
          </Text>
        </Stack>
        <Button
          leftSection={<IconUserPlus size={16} />}
          onClick={() => setAdding(true)}
          data-testid="add-user"
        >
          Add user
        </Button>
      </Group>
      <Card withBorder padding={0}>
        <Table verticalSpacing="sm" aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.map((u) => (
              <UserRow key={u.id} user={u} isSelf={u.id === me?.user.id} />
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <AddUserModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
