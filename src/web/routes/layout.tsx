// The signed-in shell: header with product name, navigation, running jobs and the user menu.
import {
  AppShell,
  Avatar,
  Badge,
  Burger,
  Button,
  Group,
  Menu,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAffiliate,
  IconChevronDown,
  IconFileImport,
  IconInbox,
  IconInfoCircle,
  IconListDetails,
  IconLogout,
  IconSettings,
  IconShieldCheck,
  IconUserSearch,
  IconUsers,
  IconWorld,
} from '@tabler/icons-react';
import { Suspense } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { UnreadAlertsBadge } from '../features/alerts/components/UnreadAlertsBadge.tsx';
import { useLogout, useMe } from '../features/auth/queries.ts';
import { JobsIndicator } from '../features/jobs/components/JobsIndicator.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';
import { ErrorPage, PageLoader } from '../ui/feedback.tsx';
import { ROLE_LABELS } from '../ui/labels.ts';

/** Sends anyone not signed in to /login (remembering where they were going). */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  if (me.error) return <ErrorPage error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

export function RequireAdmin() {
  const me = useMe();
  if (me.data?.user.role !== 'admin') {
    return (
      <Stack p="xl" align="center">
        <Text fw={600}>Only admins can open Settings.</Text>
        <Button component={Link} to="/">
          Back to subjects
        </Button>
      </Stack>
    );
  }
  return <Outlet />;
}

type NavItem = { to: string; label: string; icon: typeof IconUsers; adminOnly?: boolean; end?: boolean };

const NAV: NavItem[] = [
  { to: '/', label: 'Subjects', icon: IconUsers, end: true },
  { to: '/import', label: 'Import', icon: IconFileImport },
  { to: '/signals', label: 'Signals', icon: IconListDetails },
  { to: '/screen', label: 'Screening', icon: IconUserSearch },
  { to: '/network', label: 'Network', icon: IconWorld },
  { to: '/links', label: 'Links', icon: IconAffiliate },
  { to: '/inbox', label: 'Inbox', icon: IconInbox },
  { to: '/settings', label: 'Settings', icon: IconSettings },
];

function NavLinks({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate?: () => void }) {
  return (
    <>
      {NAV.filter((n) => !n.adminOnly || isAdmin).map((n) => (
        <NavLink
          key={n.to}
          to={n.to}
          end={n.end ?? false}
          onClick={onNavigate}
          style={{ textDecoration: 'none' }}
        >
          {({ isActive }) => (
            <Button
              component="span"
              variant={isActive ? 'light' : 'subtle'}
              color={isActive ? 'blue' : 'gray'}
              leftSection={<n.icon size={16} />}
              rightSection={n.to === '/inbox' ? <UnreadAlertsBadge /> : undefined}
              aria-current={isActive ? 'page' : undefined}
            >
              {n.label}
            </Button>
          )}
        </NavLink>
      ))}
    </>
  );
}

export function AppLayout() {
  const me = useMe().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  if (!me) return null;
  const isAdmin = me.user.role === 'admin';
  const initials = me.user.name
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { desktop: true, mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            <UnstyledButton component={Link} to="/" aria-label="Gatecheck home">
              <Group gap={6} wrap="nowrap">
                <IconShieldCheck size={26} color="var(--mantine-color-blue-6)" aria-hidden />
                <Text fw={700} size="lg" data-testid="product-name">
                  Gatecheck
                </Text>
              </Group>
            </UnstyledButton>
            <Group gap={4} visibleFrom="sm" component="nav" aria-label="Main">
              <NavLinks isAdmin={isAdmin} />
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <JobsIndicator />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label="User menu" data-testid="user-menu">
                  <Group gap={6} wrap="nowrap">
                    <Avatar size="sm" color="blue" radius="xl">
                      {initials || '?'}
                    </Avatar>
                    <Stack gap={0} visibleFrom="sm">
                      <Text size="sm" fw={500} lh={1.2}>
                        {me.user.name}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2} data-testid="current-user-role">
                        {ROLE_LABELS[me.user.role] ?? me.user.role}
                      </Text>
                    </Stack>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.user.email}</Menu.Label>
                <Menu.Item disabled>
                  Role: <Badge size="sm">{ROLE_LABELS[me.user.role] ?? me.user.role}</Badge>
                </Menu.Item>
                <Menu.Item
                  component={Link}
                  to="/about"
                  leftSection={<IconInfoCircle size={14} />}
                  data-testid="about-link"
                >
                  About and data sources
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  leftSection={<IconLogout size={14} />}
                  onClick={() =>
                    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
                  }
                  data-testid="sign-out"
                >
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" component="nav" aria-label="Main (mobile)">
        <Stack gap={4}>
          <NavLinks isAdmin={isAdmin} onNavigate={close} />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <ErrorBoundary key={location.pathname}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
