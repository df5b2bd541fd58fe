import { Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAdjustments, IconKey, IconUsers } from '@tabler/icons-react';
import { useSearchParams } from 'react-router-dom';
import { PolicySettings } from './PolicySettings.tsx';
import { TokensSettings } from './TokensSettings.tsx';
import { UsersSettings } from './UsersSettings.tsx';

export default function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'policy';
  return (
    <Stack maw={1100} mx="auto">
      <Stack gap={2}>
        <Title order={1} size="h2">
          Settings
        </Title>
        <Text c="dimmed" size="sm">
          How strict Gatecheck is, who can use it, and keys for other systems.
        </Text>
      </Stack>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="policy" leftSection={<IconAdjustments size={16} />}>
            Policy
          </Tabs.Tab>
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
            Users
          </Tabs.Tab>
          <Tabs.Tab value="tokens" leftSection={<IconKey size={16} />}>
            API tokens
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="policy">
          <PolicySettings />
        </Tabs.Panel>
        <Tabs.Panel value="users">
          <UsersSettings />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <TokensSettings />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
