import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { ROLES } from '../../../../core/auth/roles.ts';
import type { Role } from '../../../api/types.ts';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { ROLE_LABELS } from '../../../ui/labels.ts';
import { useCreateToken, useRevokeToken, useTokens } from '../queries.ts';

export function TokensSettings() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('recruiter');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    const tokenName = name.trim();
    create.mutate(
      { name: tokenName, role },
      {
        onSuccess: (res) => {
          setCreated({ name: tokenName, token: res.token });
          setName('');
        },
      },
    );
  };

  return (
    <Stack data-testid="tokens-settings">
      <Stack gap={0}>
        <Title order={2} size="h4">
          API tokens
        </Title>
        <Text size="sm" c="dimmed">
          A token lets another system (your applicant tracking system, a script) use Gatecheck's API without a
          password. It acts with the role you give it. Treat it like a password.
        </Text>
      </Stack>

      {created ? (
        <Alert color="green" title={`Token “${created.name}” created`} data-testid="new-token">
          <Stack gap="xs">
            <Text size="sm">Copy it now: it will not be shown again.</Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ wordBreak: 'break-all' }} data-testid="new-token-value">
                {created.token}
              </Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button
                    size="xs"
                    variant={copied ? 'filled' : 'light'}
                    color={copied ? 'green' : 'blue'}
                    leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    onClick={copy}
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs">
              Use it as the header <Code>Authorization: Bearer …</Code>
            </Text>
            <Group>
              <Button size="xs" variant="default" onClick={() => setCreated(null)}>
                I have copied it
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}

      <Card withBorder padding="md">
        <form onSubmit={onSubmit} aria-label="Create API token" data-testid="token-form">
          <Group align="flex-end">
            <TextInput
              label="Name"
              placeholder="e.g. Greenhouse sync"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-testid="token-name"
            />
            <NativeSelect
              label="Role"
              data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] ?? r }))}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              data-testid="token-role"
            />
            <Button
              type="submit"
              leftSection={<IconKey size={16} />}
              disabled={!name.trim()}
              loading={create.isPending}
              data-testid="token-submit"
            >
              Create token
            </Button>
          </Group>
        </form>
        {create.error ? <ErrorAlert error={create.error} /> : null}
      </Card>

      {tokens.isPending ? (
        <PageLoader />
      ) : tokens.error ? (
        <ErrorAlert error={tokens.error} />
      ) : tokens.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No tokens yet.
        </Text>
      ) : (
        <Card withBorder padding={0}>
          <Table verticalSpacing="sm" aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((t) => (
                <Table.Tr key={t.id} data-testid="token-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{ROLE_LABELS[t.role] ?? t.role}</Table.Td>
                  <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
                  <Table.Td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</Table.Td>
                  <Table.Td ta="right">
                    {t.revokedAt ? (
                      <Badge color="gray">Revoked</Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={revoke.isPending && revoke.variables === t.id}
                        onClick={() => {
                          if (window.confirm(`Revoke “${t.name}”? Anything using it stops working at once.`))
                            revoke.mutate(t.id);
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
    </Stack>
  );
}
