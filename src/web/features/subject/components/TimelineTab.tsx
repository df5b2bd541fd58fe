import { Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconBriefcase,
  IconCash,
  IconDeviceLaptop,
  IconFileText,
  IconGavel,
  IconLogin,
  IconMail,
  IconNote,
  IconPoint,
  IconScale,
  IconSchool,
  IconUserCheck,
  IconVideo,
} from '@tabler/icons-react';
import type { Severity } from '../../../api/types.ts';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { SEVERITY_COLORS } from '../../../ui/labels.ts';
import { useTimeline } from '../queries.ts';

const ICONS: Record<string, typeof IconPoint> = {
  interviews: IconVideo,
  documents: IconFileText,
  changes: IconArrowsExchange,
  payments: IconCash,
  communications: IconMail,
  references: IconUserCheck,
  logins: IconLogin,
  devices: IconDeviceLaptop,
  incidents: IconAlertTriangle,
  employment: IconBriefcase,
  education: IconSchool,
  assessment: IconScale,
  case: IconGavel,
  note: IconNote,
};

function colorFor(severity: Severity | undefined): string {
  return severity ? SEVERITY_COLORS[severity] : 'blue';
}

export function TimelineTab({ id }: { id: string }) {
  const timeline = useTimeline(id);
  if (timeline.isPending) return <PageLoader />;
  if (timeline.error) return <ErrorAlert error={timeline.error} />;
  const items = timeline.data;
  if (items.length === 0) return <Text c="dimmed">Nothing has happened yet.</Text>;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Everything in order, oldest first. Colours show how serious a linked warning sign is.
      </Text>
      <Timeline bulletSize={26} lineWidth={2} data-testid="timeline">
        {items.map((item, i) => {
          const Icon = ICONS[item.kind] ?? IconPoint;
          const color = colorFor(item.severity);
          return (
            <Timeline.Item
              // biome-ignore lint/suspicious/noArrayIndexKey: timeline items have no id; order is fixed
              key={i}
              bullet={
                <ThemeIcon size={26} radius="xl" color={color} variant={item.severity ? 'filled' : 'light'}>
                  <Icon size={14} />
                </ThemeIcon>
              }
              title={item.title}
              data-testid="timeline-item"
              data-kind={item.kind}
            >
              {item.detail ? (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {item.detail}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed" mt={2}>
                {formatDateTime(item.at)}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}
