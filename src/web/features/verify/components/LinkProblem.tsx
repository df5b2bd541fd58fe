// The link's 404 (unknown) and 410 (used, declined or expired) in plain words; anything else as an error.
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/feedback.tsx';

/** 404 and 410 in plain words. */
export function LinkProblem({ error }: { error: unknown }) {
  if (isApiError(error) && (error.status === 404 || error.status === 410)) {
    const gone = error.status === 410;
    return (
      <Alert
        color={gone ? 'orange' : 'red'}
        icon={<IconAlertTriangle size={20} />}
        title={gone ? 'This link has already been used or has expired' : 'This link is not valid'}
        data-testid={gone ? 'link-gone' : 'link-invalid'}
        role="alert"
      >
        <Text size="sm">
          {gone
            ? 'Each link works once and only for a few days. If you still need to verify your identity, ask your recruiter for a new link.'
            : 'Check that you copied the whole link from your message. If it still does not work, ask your recruiter for a new one.'}
        </Text>
      </Alert>
    );
  }
  return <ErrorAlert error={error} title="We could not open your verification" />;
}
