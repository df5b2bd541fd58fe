import { Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconAdjustments,
  IconKey,
  IconListSearch,
  IconLock,
  IconPlugConnected,
  IconUsers,
} from '@tabler/icons-react';
import { useSearchParams } from 'react-router-dom';
import { AlertDestinationsSettings } from '../../alerts/components/AlertDestinationsSettings.tsx';
import { useMe } from '../../auth/queries.ts';
import { RetentionSettings } from '../../privacy/components/RetentionSettings.tsx';
import { SanctionsListsSettings } from '../../sanctions/components/SanctionsListsSettings.tsx';
import { IntegrationsSettings } from './IntegrationsSettings.tsx';
import { PolicySettings } from './PolicySettings.tsx';
import { TokensSettings } from './TokensSettings.tsx';
import { UsersSettings } from './UsersSettings.tsx';

const ADMIN_TABS = ['policy', 'users', 'tokens', 'integrations'];

export default function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const isAdmin = useMe().data?.user.role === 'admin';
  const asked = params.get('tab') ?? (isAdmin ? 'policy' : 'sanctions');
  // Everyone may read the sanctions lists; the other tabs are for admins only.
  const tab = !isAdmin && ADMIN_TABS.includes(asked) ? 'sanctions' : asked;
  return (
    <Stack maw={1100} mx="auto">
      <Stack gap={2}>
        <Title order={1} size="h2">
          Settings
        </Title>
        <Text c="dimmed" size="sm">
          {isAdmin
            ? 'How strict Gatecheck is, who can use it, keys for other systems, live sign-in events, and the sanctions lists it screens against.'
            : 'The sanctions lists Gatecheck screens against, and how long personal data is kept. Other settings are for admins.'}
        </Text>
      </Stack>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {isAdmin ? (
            <>
              <Tabs.Tab value="policy" leftSection={<IconAdjustments size={16} />}>
                Policy
              </Tabs.Tab>
              <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
                Users
              </Tabs.Tab>
              <Tabs.Tab value="tokens" leftSection={<IconKey size={16} />}>
                API tokens
              </Tabs.Tab>
              <Tabs.Tab
                value="integrations"
                leftSection={<IconPlugConnected size={16} />}
                data-testid="settings-tab-integrations"
              >
                Integrations
              </Tabs.Tab>
            </>
          ) : null}
          <Tabs.Tab
            value="sanctions"
            leftSection={<IconListSearch size={16} />}
            data-testid="settings-tab-sanctions"
          >
            Sanctions lists
          </Tabs.Tab>
          <Tabs.Tab value="privacy" leftSection={<IconLock size={16} />} data-testid="settings-tab-privacy">
            Privacy
          </Tabs.Tab>
        </Tabs.List>
        {isAdmin ? (
          <>
            <Tabs.Panel value="policy">
              <PolicySettings />
            </Tabs.Panel>
            <Tabs.Panel value="users">
              <UsersSettings />
            </Tabs.Panel>
            <Tabs.Panel value="tokens">
              <TokensSettings />
            </Tabs.Panel>
            <Tabs.Panel value="integrations">
              <IntegrationsSettings />
              <AlertDestinationsSettings />
            </Tabs.Panel>
          </>
        ) : null}
        <Tabs.Panel value="sanctions">
          <SanctionsListsSettings />
        </Tabs.Panel>
        <Tabs.Panel value="privacy">
          <RetentionSettings />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
