import { Anchor, Badge, Breadcrumbs, Card, Grid, Group, List, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconAffiliate,
  IconChecklist,
  IconClipboardList,
  IconFileSearch,
  IconFileText,
  IconGitCompare,
  IconId,
  IconLock,
  IconShieldCheck,
  IconTimeline,
  IconWorld,
} from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { SubjectDetail } from '../../../api/types.ts';
import { BandBadge } from '../../../ui/badges.tsx';
import { countryName } from '../../../ui/countries.ts';
import { ErrorPage, PageLoader } from '../../../ui/feedback.tsx';
import { formatDay } from '../../../ui/format.ts';
import { BAND_HELP, enumLabel } from '../../../ui/labels.ts';
import { ScoreRing } from '../../../ui/ScoreRing.tsx';
import { ChecklistTab } from '../../checklist/components/ChecklistTab.tsx';
import { ClaimsTab } from '../../claims/components/ClaimsTab.tsx';
import { useSubject } from '../queries.ts';
import { AssessmentTab } from './AssessmentTab.tsx';
import { CasePanel } from './CasePanel.tsx';
import { EvidenceTab } from './EvidenceTab.tsx';
import { TimelineTab } from './TimelineTab.tsx';

// The sign-in map carries the world atlas: load it only when the tab opens.
const SignInsSection = lazy(() => import('../../network/components/SignInsSection.tsx'));
const DocumentsTab = lazy(() => import('../../documents/components/DocumentsTab.tsx'));
const VerificationTab = lazy(() => import('../../verification/components/VerificationTab.tsx'));
const PrivacyTab = lazy(() => import('../../privacy/components/PrivacyTab.tsx'));
const LinksTab = lazy(() => import('../../links/components/LinksTab.tsx'));
const ReportTab = lazy(() => import('../../report/components/ReportTab.tsx'));

function claimedLocation(detail: SubjectDetail): string {
  const loc = detail.bundle.subject.claimedLocation;
  if (!loc) return '';
  return [loc.city, loc.region, countryName(loc.country)].filter(Boolean).join(', ');
}

function SubjectHeader({ detail }: { detail: SubjectDetail }) {
  const s = detail.bundle.subject;
  const a = detail.assessment;
  const location = claimedLocation(detail);
  const tz = s.claimedLocation?.timezone;
  return (
    <Card withBorder padding="lg" data-testid="subject-header">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
        <Stack gap={6} style={{ flex: 1, minWidth: 280 }}>
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="subject-name">
              {s.name || s.id}
            </Title>
            {s.kind ? (
              <Badge variant="outline" color="gray">
                {enumLabel(s.kind)}
              </Badge>
            ) : null}
          </Group>
          <Text c="dimmed" size="sm">
            {[s.role, location ? `says they live in ${location}` : '', tz ? `time zone ${tz}` : '']
              .filter(Boolean)
              .join(' · ') || 'No role or location recorded yet'}
          </Text>
          <Text size="xs" c="dimmed">
            ID {s.id}
            {s.startDate ? ` · starts ${formatDay(s.startDate)}` : ''}
            {s.email ? ` · ${s.email}` : ''}
          </Text>
          {a && a.reasons.length > 0 ? (
            <Stack gap={4} mt="xs">
              <Text size="sm" fw={600}>
                Why this score
              </Text>
              <List size="sm" spacing={2} data-testid="top-reasons">
                {a.reasons.slice(0, 4).map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            </Stack>
          ) : null}
        </Stack>
        <Group gap="md" wrap="nowrap" align="center">
          <Stack gap={6} align="flex-end" maw={220}>
            <BandBadge band={a?.band ?? null} size="lg" />
            <Text size="xs" c="dimmed" ta="right">
              {a ? BAND_HELP[a.band] : 'Not assessed yet.'}
            </Text>
          </Stack>
          <ScoreRing score={a?.score ?? null} band={a?.band ?? null} />
        </Group>
      </Group>
    </Card>
  );
}

const TABS = [
  'assessment',
  'checklist',
  'evidence',
  'documents',
  'verification',
  'claims',
  'timeline',
  'signins',
  'links',
  'privacy',
  'report',
] as const;
type Tab = (typeof TABS)[number];
const WIDE_TABS: ReadonlySet<Tab> = new Set<Tab>(['claims', 'documents', 'verification', 'links']);

export default function SubjectPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const subject = useSubject(id);
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '') ? (raw as Tab) : 'assessment';

  // Tables with a column per source need the whole width; the case panel then goes below.
  const wide = WIDE_TABS.has(tab);

  if (subject.isPending) return <PageLoader />;
  if (subject.error) return <ErrorPage error={subject.error} onRetry={() => void subject.refetch()} />;
  const detail = subject.data;

  return (
    <Stack maw={1400} mx="auto">
      <Breadcrumbs>
        <Anchor component={Link} to="/">
          Subjects
        </Anchor>
        <Text>{detail.bundle.subject.name || detail.id}</Text>
      </Breadcrumbs>
      <SubjectHeader detail={detail} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: wide ? 12 : 8 }}>
          <Tabs
            value={tab}
            onChange={(v) => setParams(v && v !== 'assessment' ? { tab: v } : {}, { replace: true })}
            keepMounted={false}
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="assessment" leftSection={<IconClipboardList size={16} />}>
                Assessment
              </Tabs.Tab>
              <Tabs.Tab
                value="checklist"
                leftSection={<IconChecklist size={16} />}
                data-testid="tab-checklist"
              >
                Checklist
              </Tabs.Tab>
              <Tabs.Tab value="evidence" leftSection={<IconFileSearch size={16} />}>
                Evidence
              </Tabs.Tab>
              <Tabs.Tab value="documents" leftSection={<IconId size={16} />} data-testid="tab-documents">
                Documents
              </Tabs.Tab>
              <Tabs.Tab
                value="verification"
                leftSection={<IconShieldCheck size={16} />}
                data-testid="tab-verification"
              >
                Verification
              </Tabs.Tab>
              <Tabs.Tab value="claims" leftSection={<IconGitCompare size={16} />} data-testid="tab-claims">
                Claims
              </Tabs.Tab>
              <Tabs.Tab value="timeline" leftSection={<IconTimeline size={16} />}>
                Timeline
              </Tabs.Tab>
              <Tabs.Tab value="signins" leftSection={<IconWorld size={16} />} data-testid="tab-signins">
                Sign-ins
              </Tabs.Tab>
              <Tabs.Tab value="links" leftSection={<IconAffiliate size={16} />} data-testid="tab-links">
                Links
              </Tabs.Tab>
              <Tabs.Tab value="privacy" leftSection={<IconLock size={16} />} data-testid="tab-privacy">
                Privacy
              </Tabs.Tab>
              <Tabs.Tab value="report" leftSection={<IconFileText size={16} />} data-testid="tab-report">
                Report
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="assessment">
              <AssessmentTab detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="checklist">
              <ChecklistTab detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="evidence">
              <EvidenceTab detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="documents">
              <Suspense fallback={<PageLoader label="Loading documents…" />}>
                <DocumentsTab detail={detail} />
              </Suspense>
            </Tabs.Panel>
            <Tabs.Panel value="verification">
              <Suspense fallback={<PageLoader label="Loading verification…" />}>
                <VerificationTab detail={detail} />
              </Suspense>
            </Tabs.Panel>
            <Tabs.Panel value="claims">
              <ClaimsTab detail={detail} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline">
              <TimelineTab id={detail.id} />
            </Tabs.Panel>
            <Tabs.Panel value="signins">
              <Suspense fallback={<PageLoader label="Loading sign-ins…" />}>
                <SignInsSection detail={detail} />
              </Suspense>
            </Tabs.Panel>
            <Tabs.Panel value="links">
              <Suspense fallback={<PageLoader label="Loading links…" />}>
                <LinksTab detail={detail} />
              </Suspense>
            </Tabs.Panel>
            <Tabs.Panel value="privacy">
              <Suspense fallback={<PageLoader label="Loading privacy…" />}>
                <PrivacyTab detail={detail} />
              </Suspense>
            </Tabs.Panel>
            <Tabs.Panel value="report">
              <Suspense fallback={<PageLoader label="Loading reports…" />}>
                <ReportTab detail={detail} />
              </Suspense>
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: wide ? 12 : 4 }}>
          <CasePanel detail={detail} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
