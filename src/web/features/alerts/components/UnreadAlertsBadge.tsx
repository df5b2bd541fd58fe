import { Badge } from '@mantine/core';
import { useUnreadAlertCount } from '../queries.ts';

/** The number of unread alerts, for the Inbox link (nothing when there are none). */
export function UnreadAlertsBadge() {
  const count = useUnreadAlertCount().data ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="xs" color="red" circle={count < 10} data-testid="unread-alerts">
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
