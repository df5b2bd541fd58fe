import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <Container size="sm" py={60}>
      <Stack align="center" ta="center">
        <Title order={2}>Page not found</Title>
        <Text c="dimmed">The address may be mistyped, or the page has moved.</Text>
        <Button component={Link} to="/">
          Back to subjects
        </Button>
      </Stack>
    </Container>
  );
}
