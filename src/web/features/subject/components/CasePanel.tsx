import {
  Alert,
  Button,
  Card,
  Code,
  Collapse,
  Divider,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { CASE_STATUS_LABELS } from '../../../../core/case/state-machine.ts';
import { errorMessage } from '../../../api/client.ts';
import type { CaseEvent, CaseStatus, SubjectDetail } from '../../../api/types.ts';
import { StatusBadge } from '../../../ui/badges.tsx';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { actorName, formatDateTime, formatValue, humanize } from '../../../ui/format.ts';
import { TRANSITION_HELP, TRANSITION_VERBS } from '../../../ui/labels.ts';
import { useCan, useMe } from '../../auth/queries.ts';
import { useAddNote, useAssign, useAssignableUsers, useSubjectAudit, useTransition } from '../queries.ts';

/** What an audit entry is about, by id: entries hold no file names or other personal data (docs/privacy.md). */
const AUDIT_ITEMS: readonly (readonly [string, string])[] = [
  ['fileId', 'file'],
  ['recordingId', 'recording'],
  ['sessionId', 'verification link'],
  ['snapshotId', 'snapshot'],
  ['noteId', 'note'],
];

function auditItem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  for (const [key, label] of AUDIT_ITEMS) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return `${label} ${value}`;
  }
  return null;
}

function eventText(e: CaseEvent): string {
  const kind = e.kind;
  const status = (s: string | null | undefined) => (s ? (CASE_STATUS_LABELS[s as CaseStatus] ?? s) : '');
  if (e.from !== undefined || e.to !== undefined) {
    if (kind.includes('assign')) {
      const name = typeof e.data?.assigneeName === 'string' ? e.data.assigneeName : e.to;
      return name ? `Assigned to ${name}` : 'Unassigned';
    }
    if (!e.from) return `Case opened (${status(e.to) || 'Open'})`;
    return `${status(e.from)} → ${status(e.to)}`;
  }
  return humanize(kind || 'event');
}

function Transitions({ detail }: { detail: SubjectDetail }) {
  const transition = useTransition(detail.id);
  const [pending, setPending] = useState<CaseStatus | null>(null);
  const [note, setNote] = useState('');
  const allowed = detail.case.allowedTransitions;
  if (allowed.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No moves available from here.
      </Text>
    );
  const confirm = () => {
    if (!pending) return;
    const to = pending;
    const sent = note.trim();
    transition.mutate(sent ? { to, note: sent } : { to }, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `Case is now ${CASE_STATUS_LABELS[to]}.` });
        // The page shows the new status before its refresh ends; a reviewer who already picked
        // the next move (and typed its note) keeps it instead of having it closed under them.
        setPending((current) => (current === to ? null : current));
        setNote((current) => (current.trim() === sent ? '' : current));
      },
    });
  };
  return (
    <Stack gap="xs">
      <Group gap="xs" data-testid="case-transitions">
        {allowed.map((to) => (
          <Tooltip key={to} label={TRANSITION_HELP[to] ?? ''} withArrow>
            <Button
              size="xs"
              variant={pending === to ? 'filled' : 'light'}
              color={to === 'escalated' || to === 'reported' ? 'red' : to === 'cleared' ? 'green' : 'blue'}
              onClick={() => setPending(pending === to ? null : to)}
              data-testid={`transition-${to}`}
            >
              {TRANSITION_VERBS[to] ?? CASE_STATUS_LABELS[to]}
            </Button>
          </Tooltip>
        ))}
      </Group>
      <Collapse expanded={pending !== null}>
        <Stack gap="xs">
          <Textarea
            label="Why? (optional, saved with the change)"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="transition-note"
          />
          <Group gap="xs">
            <Button
              size="xs"
              onClick={confirm}
              loading={transition.isPending}
              data-testid="transition-confirm"
            >
              Confirm: {pending ? (TRANSITION_VERBS[pending] ?? pending) : ''}
            </Button>
            <Button size="xs" variant="default" onClick={() => setPending(null)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </Collapse>
      {transition.error ? <ErrorAlert error={transition.error} /> : null}
    </Stack>
  );
}

function Assignee({ detail, canWork }: { detail: SubjectDetail; canWork: boolean }) {
  const users = useAssignableUsers(canWork);
  const assign = useAssign(detail.id);
  const me = useMe().data?.user;
  const current = detail.case.assignee;
  if (!canWork || users.data === null || users.data === undefined) {
    // Only admins may list users; anyone who works cases can still take one or let it go.
    const mine = me && current?.id === me.id;
    return (
      <Stack gap={4}>
        <Text size="sm" data-testid="case-assignee">
          <Text span c="dimmed">
            Assigned to:{' '}
          </Text>
          {current?.name ?? 'Nobody yet'}
        </Text>
        {canWork && me && users.data === null ? (
          <Group gap="xs">
            <Button
              size="compact-xs"
              variant="light"
              loading={assign.isPending}
              onClick={() => assign.mutate({ userId: mine ? null : me.id })}
              data-testid="assign-me"
            >
              {mine ? 'Unassign me' : 'Assign to me'}
            </Button>
          </Group>
        ) : null}
        {assign.error ? (
          <Text size="xs" c="red">
            {errorMessage(assign.error)}
          </Text>
        ) : null}
      </Stack>
    );
  }
  const data = [
    { value: '', label: 'Nobody' },
    ...users.data.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
  ];
  if (current && !users.data.some((u) => u.id === current.id))
    data.push({ value: current.id, label: current.name });
  return (
    <NativeSelect
      label="Assigned to"
      size="sm"
      value={current?.id ?? ''}
      data={data}
      disabled={assign.isPending}
      error={assign.error ? errorMessage(assign.error) : undefined}
      onChange={(e) => assign.mutate({ userId: e.currentTarget.value || null })}
      data-testid="case-assignee-select"
    />
  );
}

function Notes({ detail, canNote }: { detail: SubjectDetail; canNote: boolean }) {
  const addNote = useAddNote(detail.id);
  const [text, setText] = useState('');
  const notes = [...detail.case.notes].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <Stack gap="xs">
      {canNote ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const sent = text.trim();
            if (!sent) return;
            // Clear only the note that was saved: the box may hold the next one by the time the page refreshed.
            addNote.mutate(
              { text: sent },
              { onSuccess: () => setText((current) => (current.trim() === sent ? '' : current)) },
            );
          }}
          aria-label="Add note"
        >
          <Stack gap={6}>
            <Textarea
              aria-label="New note"
              placeholder="Write a note for the team…"
              autosize
              minRows={2}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="note-input"
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                type="submit"
                disabled={!text.trim()}
                loading={addNote.isPending}
                data-testid="note-submit"
              >
                Add note
              </Button>
            </Group>
            {addNote.error ? <ErrorAlert error={addNote.error} /> : null}
          </Stack>
        </form>
      ) : null}
      {notes.length === 0 ? (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      ) : (
        <Stack gap="xs" data-testid="notes-list">
          {notes.map((n) => (
            <Card key={n.id} withBorder padding="xs" data-testid="note">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.text}
              </Text>
              <Text size="xs" c="dimmed">
                {actorName(n.author)} · {formatDateTime(n.at)}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function History({ detail }: { detail: SubjectDetail }) {
  const events = [...detail.case.events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No changes yet.
      </Text>
    );
  return (
    <Stack gap={6} data-testid="case-events">
      {events.map((e, i) => (
        <Stack key={e.id ?? i} gap={0} data-testid="case-event">
          <Text size="sm">{eventText(e)}</Text>
          <Text size="xs" c="dimmed">
            {actorName(e.actor)} · {formatDateTime(e.at)}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

function AuditList({ id, enabled }: { id: string; enabled: boolean }) {
  const audit = useSubjectAudit(id, enabled);
  const [open, setOpen] = useState<number | null>(null);
  if (!enabled || audit.data === null) return null;
  return (
    <>
      <Divider />
      <Stack gap="xs">
        <Title order={3} size="h5">
          Audit log
        </Title>
        <Text size="xs" c="dimmed">
          A tamper-evident record of who did what to this subject: each entry is chained to the one before, so
          edits would show.
        </Text>
        {audit.isPending ? (
          <Text size="sm" c="dimmed">
            Loading…
          </Text>
        ) : audit.error ? (
          <ErrorAlert error={audit.error} />
        ) : audit.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No entries.
          </Text>
        ) : (
          <Stack gap={6} data-testid="audit-list" aria-label="Audit log">
            {[...audit.data]
              .sort((a, b) => b.seq - a.seq)
              .map((e) => (
                <Stack key={e.seq} gap={0} data-testid="audit-entry" data-action={e.action}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Text size="sm">
                      <Text span fw={500}>
                        {humanize(e.action.replace(/[.:]/g, ' '))}
                      </Text>{' '}
                      by {actorName(e.actor)}
                    </Text>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setOpen(open === e.seq ? null : e.seq)}
                    >
                      {open === e.seq ? 'Hide' : 'Details'}
                    </Button>
                  </Group>
                  <Text size="xs" c="dimmed">
                    #{e.seq} · {formatDateTime(e.at)}
                    {auditItem(e.data) ? ` · ${auditItem(e.data)}` : ''}
                  </Text>
                  <Collapse expanded={open === e.seq}>
                    <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', maxHeight: 200, overflow: 'auto' }}>
                      {typeof e.data === 'object' ? JSON.stringify(e.data, null, 2) : formatValue(e.data)}
                      {`\nhash ${e.hash}\nprev ${e.prevHash}`}
                    </Code>
                  </Collapse>
                </Stack>
              ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}

export function CasePanel({ detail }: { detail: SubjectDetail }) {
  const canWork = useCan('cases:work');
  const canNote = useCan('cases:note');
  const canAudit = useCan('audit:read');
  const role = useMe().data?.user.role;
  return (
    <Card withBorder padding="md" data-testid="case-panel">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Case
          </Title>
          <StatusBadge status={detail.case.status} />
        </Group>
        {canWork ? (
          <Transitions detail={detail} />
        ) : (
          <Alert color="gray" p="xs">
            <Text size="xs">
              Moving the case (review, escalate, clear…) needs the investigator role; you are{' '}
              {role ?? 'signed in'}.
            </Text>
          </Alert>
        )}
        <Assignee detail={detail} canWork={canWork} />
        <Divider />
        <Stack gap="xs">
          <Title order={3} size="h5">
            Notes
          </Title>
          <Notes detail={detail} canNote={canNote} />
        </Stack>
        <Divider />
        <Stack gap="xs">
          <Title order={3} size="h5">
            History
          </Title>
          <History detail={detail} />
        </Stack>
        <AuditList id={detail.id} enabled={canAudit} />
      </Stack>
    </Card>
  );
}
