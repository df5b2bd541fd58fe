// The sanctions part of a signal card: every match (or wallet hit) the detector found, a "Not this person"
// decision for those who work cases, and the list of earlier decisions for this subject.
import { Alert, Button, Card, Code, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserX } from '@tabler/icons-react';
import { useState } from 'react';
import type { Signal } from '../../../../core/types.ts';
import { errorMessage, isApiError } from '../../../api/client.ts';
import { ErrorAlert } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useCan } from '../../auth/queries.ts';
import { dismissalKeyOf, LIST_TITLES, type MatchView, readMatches, readWalletHits } from '../model.ts';
import { useDismissals, useDismissMatch } from '../queries.ts';
import { MatchCard, NameMatchExplainer } from './MatchCard.tsx';

const MIN_REASON = 5;

function DismissModal({
  subjectId,
  signal,
  match,
  onClose,
}: {
  subjectId: string;
  signal: string;
  match: MatchView | null;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const dismiss = useDismissMatch(subjectId);
  const tooShort = reason.trim().length < MIN_REASON;
  const close = () => {
    setReason('');
    setTouched(false);
    dismiss.reset();
    onClose();
  };
  const submit = () => {
    setTouched(true);
    if (!match || tooShort) return;
    dismiss.mutate(
      {
        signal,
        list: match.list,
        entryId: match.entryId,
        entryVersion: match.entryVersion ?? '',
        reason: reason.trim(),
        matchedName: match.matchedName,
      },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            title: 'Match dismissed',
            message: `${match.matchedName} (${match.entryId}) will not be raised again for this person unless the list entry changes.`,
          });
          close();
        },
      },
    );
  };
  return (
    <Modal opened={match !== null} onClose={close} title="Not this person" size="lg">
      {match ? (
        <Stack gap="sm">
          <Text size="sm">
            You are recording that <b>{match.query ?? 'this name'}</b> is not the person or company listed as{' '}
            <b>{match.matchedName}</b> (entry <Code>{match.entryId}</Code> on {match.listTitle ?? match.list}
            ). The match stops counting towards the score for this subject. If the list entry changes later,
            it will be raised again. Your name, the time and the reason are kept with the dismissal; the
            permanent audit log records that you dismissed it, without the reason.
          </Text>
          <Textarea
            label="Why is this not the same person?"
            description="For example: different date of birth on their passport, nationality checked, different middle name."
            autosize
            minRows={3}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={touched && tooShort ? `Write a reason (at least ${MIN_REASON} characters).` : undefined}
            data-testid="dismiss-reason"
          />
          {dismiss.error ? <ErrorAlert error={dismiss.error} title="The match was not dismissed" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              onClick={submit}
              loading={dismiss.isPending}
              disabled={tooShort}
              data-testid="dismiss-confirm"
            >
              Dismiss this match
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function WalletHits({ signal }: { signal: Signal }) {
  const hits = readWalletHits(signal.data?.hits);
  if (hits.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        A wallet is an address that receives cryptocurrency. These addresses appear, exactly, on a sanctions
        list: paying them may itself break sanctions law.
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder striped fz="sm" data-testid="wallet-hits">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Address</Table.Th>
              <Table.Th>Currency</Table.Th>
              <Table.Th>Listed as</Table.Th>
              <Table.Th>Source</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hits.map((h, i) => (
              <Table.Tr
                // biome-ignore lint/suspicious/noArrayIndexKey: the same address can appear at several paths
                key={`${h.address}-${i}`}
                data-testid="wallet-hit"
                data-address={h.address}
              >
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{h.address}</Code>
                </Table.Td>
                <Table.Td>{h.chain || '—'}</Table.Td>
                <Table.Td>
                  {h.entityName ?? '—'}
                  {h.entryId ? (
                    <Text size="xs" c="dimmed">
                      entry {h.entryId}
                      {h.programs.length > 0 ? ` · ${h.programs.join(', ')}` : ''}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{h.source || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function SanctionsSignalDetails({
  signal,
  subjectId,
}: {
  signal: Signal;
  subjectId?: string | undefined;
}) {
  const canWork = useCan('cases:work');
  const [dismissing, setDismissing] = useState<MatchView | null>(null);
  if (signal.id === 'payments.sanctioned-wallet') return <WalletHits signal={signal} />;
  const matches = readMatches(signal.data?.matches);
  const dismissed = typeof signal.data?.dismissed === 'number' ? signal.data.dismissed : 0;
  if (matches.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="sanctions-matches">
      <NameMatchExplainer />
      {matches.map((m) => (
        <MatchCard
          key={`${dismissalKeyOf(m)}:${m.path ?? ''}`}
          match={m}
          action={
            canWork && subjectId ? (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconUserX size={14} />}
                onClick={() => setDismissing(m)}
                data-testid="dismiss-match"
              >
                Not this person
              </Button>
            ) : null
          }
        />
      ))}
      {dismissed > 0 ? (
        <Text size="xs" c="dimmed">
          {dismissed} earlier match{dismissed === 1 ? ' was' : 'es were'} dismissed as not this person (see
          below).
        </Text>
      ) : null}
      {subjectId ? (
        <DismissModal
          subjectId={subjectId}
          signal={signal.id}
          match={dismissing}
          onClose={() => setDismissing(null)}
        />
      ) : null}
    </Stack>
  );
}

/** Matches someone has ruled out for this subject: who, why and when. Hidden when there are none. */
export function DismissedMatches({ subjectId }: { subjectId: string }) {
  const q = useDismissals(subjectId);
  if (q.error) {
    // A server without the dismissals endpoint (older version) simply has none to show.
    if (isApiError(q.error) && q.error.status === 404) return null;
    return (
      <Text size="xs" c="dimmed">
        Dismissed sanctions matches could not be loaded: {errorMessage(q.error)}
      </Text>
    );
  }
  const items = q.data ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Sanctions matches ruled out ({items.length})
      </Title>
      <Text size="sm" c="dimmed">
        Someone checked these and recorded that the list entry is not this person. They no longer count
        towards the score, until the list entry changes.
      </Text>
      <Card withBorder padding="sm">
        <Stack gap="xs" data-testid="dismissed-matches">
          {items.map((d) => (
            <Stack
              key={d.id}
              gap={0}
              data-testid="dismissed-match"
              data-list={d.list}
              data-entry-id={d.entryId}
            >
              <Text size="sm" fw={600}>
                {d.matchedName ?? 'Entry'} · {LIST_TITLES[d.list] ?? d.list} <Code>{d.entryId}</Code>
              </Text>
              <Text size="sm">“{d.reason}”</Text>
              <Text size="xs" c="dimmed">
                {[
                  d.dismissedBy ? `by ${d.dismissedBy}` : '',
                  d.dismissedAt ? formatDateTime(d.dismissedAt) : '',
                ]
                  .filter(Boolean)
                  .join(', ')}
                {d.entryVersion ? ` · entry version ${d.entryVersion.slice(0, 12)}` : ''}
              </Text>
            </Stack>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}

export function NoListsAlert() {
  return (
    <Alert color="yellow" title="No sanctions lists loaded">
      Screening needs at least one list. An admin can import the official files under Settings → Sanctions
      lists.
    </Alert>
  );
}
