import { Badge, Loader, Popover, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { humanize } from '../../../ui/format.ts';
import { isJobFinished, jobPercent, useJobs } from '../queries.ts';

/** Header indicator: shows background work (e.g. re-assessing everyone after a policy change) while it runs. */
export function JobsIndicator() {
  const jobs = useJobs().data ?? [];
  const running = jobs.filter((j) => !isJobFinished(j));
  if (running.length === 0) return null;
  return (
    <Popover position="bottom-end" withArrow shadow="md" width={300}>
      <Popover.Target>
        <UnstyledButton
          aria-label={`${running.length} background job(s) running`}
          data-testid="jobs-indicator"
        >
          <Badge variant="light" leftSection={<Loader size={10} />}>
            {running.length} running
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            Background work
          </Text>
          {running.map((job) => (
            <Stack key={job.id} gap={4}>
              <Text size="sm">{job.message || humanize(job.kind)}</Text>
              <Progress value={jobPercent(job)} animated aria-label={`${humanize(job.kind)} progress`} />
              <Text size="xs" c="dimmed">
                {job.total ? `${job.progress} of ${job.total}` : 'Starting…'}
              </Text>
            </Stack>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
