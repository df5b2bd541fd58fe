// Settings → Integrations: where live sign-in events can be sent. The Okta Event Hook (its URL, whether its
// secret is set, creating or replacing the secret, shown once, and the steps in Okta) and the generic
// webhook for any other system (an API token of an investigator or admin).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  List,
  Modal,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Hooks } from '../../../api/types.ts';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useCreateOktaSecret, useHooks } from '../queries.ts';

/** A value in monospace with a copy button beside it. */
function CopyValue({ value, testId }: { value: string; testId: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code style={{ wordBreak: 'break-all' }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant={copied ? 'filled' : 'light'}
            color={copied ? 'green' : 'blue'}
            leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            onClick={copy}
            data-testid={`${testId}-copy`}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function OktaHook({ okta }: { okta: Hooks['okta'] }) {
  const create = useCreateOktaSecret();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const createSecret = () => {
    setConfirming(false);
    create.mutate(undefined, { onSuccess: (res) => setSecret(res.secret) });
  };

  return (
    <Card withBorder padding="md" data-testid="okta-hook">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Title order={3} size="h5">
              Okta Event Hook
            </Title>
            <Text size="sm" c="dimmed">
              Okta sends each sign-in to Gatecheck as it happens.
            </Text>
          </Stack>
          {okta.secretSet ? (
            <Badge color="green" variant="light" data-testid="okta-secret-status" data-set="true">
              Secret set{okta.secretSetAt ? ` ${formatDateTime(okta.secretSetAt)}` : ''}
            </Badge>
          ) : (
            <Badge color="gray" variant="light" data-testid="okta-secret-status" data-set="false">
              No secret yet: the hook is off
            </Badge>
          )}
        </Group>

        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Event Hook URL
          </Text>
          <CopyValue value={okta.url} testId="okta-hook-url" />
          {okta.url.startsWith('https://') ? null : (
            <Text size="xs" c="orange.8" data-testid="okta-hook-https">
              Okta only sends to an https:// address it can reach from the internet. Start Gatecheck with{' '}
              <Code>GATECHECK_PUBLIC_URL</Code> set to that address.
            </Text>
          )}
        </Stack>

        {secret ? (
          <Alert color="green" title="New secret" data-testid="okta-secret">
            <Stack gap="xs">
              <Text size="sm">Copy it now: it will not be shown again.</Text>
              <CopyValue value={secret} testId="okta-secret-value" />
              <Group>
                <Button size="xs" variant="default" onClick={() => setSecret(null)}>
                  I have copied it
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}

        <Group>
          <Button
            leftSection={<IconKey size={16} />}
            variant={okta.secretSet ? 'default' : 'filled'}
            loading={create.isPending}
            onClick={() => (okta.secretSet ? setConfirming(true) : createSecret())}
            data-testid="okta-secret-create"
          >
            {okta.secretSet ? 'Replace secret' : 'Create secret'}
          </Button>
        </Group>
        {create.error ? <ErrorAlert error={create.error} /> : null}

        <Stack gap={4}>
          <Text size="sm" fw={500}>
            In Okta
          </Text>
          <List type="ordered" size="sm" spacing={4} data-testid="okta-steps">
            <List.Item>
              In the Okta Admin Console, open <b>Workflow → Event Hooks</b> and create an Event Hook.
            </List.Item>
            <List.Item>Paste the URL above as its URL.</List.Item>
            <List.Item>
              Put <Code>{okta.header}</Code> in the authentication field and the secret you created here in
              the secret field.
            </List.Item>
            <List.Item>
              Subscribe to <Code>user.session.start</Code> (a person signing in), and to other sign-in events
              such as <Code>user.authentication.sso</Code> if you want them.
            </List.Item>
            <List.Item>
              Save, then click <b>Verify</b>. Sign-ins then arrive as they happen; they appear on the Network
              page and on each person's sign-ins.
            </List.Item>
          </List>
        </Stack>
      </Stack>

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Replace the Okta secret?"
        data-testid="okta-secret-confirm"
      >
        <Stack>
          <Text size="sm">
            The current secret stops working at once: Okta's deliveries are refused until you paste the new
            secret into the Event Hook in Okta.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" onClick={createSecret} data-testid="okta-secret-replace">
              Replace secret
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function curlExample(url: string): string {
  const event = {
    at: '2026-03-02T13:05:00Z',
    account: 'jordan.lee@acme.example',
    ip: '203.0.113.7',
    outcome: 'success',
  };
  return [
    `curl -X POST '${url}' \\`,
    `  -H 'Authorization: Bearer <API token>' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify([event])}'`,
  ].join('\n');
}

function GenericHook({ logins }: { logins: Hooks['logins'] }) {
  return (
    <Card withBorder padding="md" data-testid="logins-hook">
      <Stack gap="sm">
        <Stack gap={0}>
          <Title order={3} size="h5">
            Any other system (webhook)
          </Title>
          <Text size="sm" c="dimmed">
            Anything that can send an HTTP request can post sign-ins here, with an{' '}
            <Anchor component={Link} to="/settings?tab=tokens" size="sm">
              API token
            </Anchor>{' '}
            of an investigator or admin.
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Webhook URL
          </Text>
          <CopyValue value={logins.url} testId="logins-hook-url" />
        </Stack>
        <Code block data-testid="logins-hook-curl">
          {curlExample(logins.url)}
        </Code>
        <Text size="xs" c="dimmed">
          Send a JSON array of sign-ins, <Code>{'{"events": [...]}'}</Code> or one JSON object per line. Each
          needs <Code>at</Code>, <Code>account</Code> and <Code>ip</Code>; records exported from Okta,
          Microsoft Entra and Google Workspace are recognised as they are. At most 10,000 per request.
          Gatecheck stores them before it answers, and sending the same event again does not count it twice.
        </Text>
      </Stack>
    </Card>
  );
}

export function IntegrationsSettings() {
  const hooks = useHooks();
  return (
    <Stack data-testid="integrations-settings">
      <Stack gap={0}>
        <Title order={2} size="h4">
          Live sign-in events
        </Title>
        <Text size="sm" c="dimmed">
          Instead of importing sign-in logs by hand, let your identity provider send them as they happen.
          Gatecheck checks the people they belong to again in the background.
        </Text>
      </Stack>
      {hooks.isPending ? (
        <PageLoader />
      ) : hooks.error ? (
        <ErrorAlert error={hooks.error} />
      ) : (
        <>
          <OktaHook okta={hooks.data.okta} />
          <GenericHook logins={hooks.data.logins} />
        </>
      )}
    </Stack>
  );
}
