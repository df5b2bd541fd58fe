// The end: thanks, what happens next. No verdict is shown to the candidate.
import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';

export function DoneScreen({ declined, organization }: { declined: boolean; organization: string }) {
  return (
    <Paper
      p={{ base: 'md', sm: 'xl' }}
      radius="md"
      withBorder
      data-testid={declined ? 'declined-screen' : 'done-screen'}
    >
      <Stack gap="md" align="center" ta="center">
        <ThemeIcon size={64} radius="xl" color={declined ? 'gray' : 'green'} variant="light">
          {declined ? <IconX size={36} /> : <IconCheck size={36} />}
        </ThemeIcon>
        <Title order={2} size="h3">
          {declined ? 'You declined the identity check' : 'Thank you, you are done'}
        </Title>
        <Text maw={520}>
          {declined
            ? `Nothing was captured. ${organization} will see that you declined. If you change your mind, ask your recruiter for a new link.`
            : `Your identity check was sent to ${organization}. You can close this page; your camera is now off. Your recruiter will contact you about the next steps.`}
        </Text>
      </Stack>
    </Paper>
  );
}
