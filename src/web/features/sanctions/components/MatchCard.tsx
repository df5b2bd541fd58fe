// One possible sanctions match, laid out for someone who is not a sanctions specialist: who was screened,
// which list entry it resembles, how close the names are, which other details agree or disagree, and why.
import {
  Badge,
  Button,
  Card,
  Code,
  Collapse,
  Group,
  List,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconChevronDown, IconChevronRight, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatDay } from '../../../ui/format.ts';
import { CORROBORATION_LABELS, MATCH_SEVERITY_TEXT, type MatchView, roleText } from '../model.ts';

const SEVERITY_COLOR = { medium: 'yellow', high: 'orange', critical: 'red' } as const;

function scoreColor(score: number): string {
  if (score >= 95) return 'red';
  if (score >= 85) return 'orange';
  return 'yellow';
}

export function MatchScore({ score }: { score: number }) {
  return (
    <Stack gap={2} data-testid="match-score" data-score={score}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          How alike the names are
        </Text>
        <Text size="xs" fw={600}>
          {Math.round(score)} / 100
        </Text>
      </Group>
      <Progress
        value={score}
        color={scoreColor(score)}
        size="md"
        aria-label={`Name similarity ${Math.round(score)} out of 100`}
      />
    </Stack>
  );
}

export function Corroboration({ match }: { match: MatchView }) {
  const agrees = match.corroborated.filter((c) => c.status === 'agrees').length;
  const conflicts = match.corroborated.length - agrees;
  return (
    <Stack gap={4} data-testid="match-corroboration" data-agrees={agrees} data-conflicts={conflicts}>
      <Text size="xs" c="dimmed">
        Other details compared
      </Text>
      {match.corroborated.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing else to compare: only the name matched. Ask for a date of birth or ID to settle it.
        </Text>
      ) : (
        <Group gap={6}>
          {match.corroborated.map((c) => (
            <Tooltip
              key={`${c.field}:${c.status}:${c.detail}`}
              label={c.detail || undefined}
              disabled={!c.detail}
              withArrow
            >
              <Badge
                color={c.status === 'agrees' ? 'green' : 'red'}
                variant="light"
                leftSection={c.status === 'agrees' ? <IconCheck size={12} /> : <IconX size={12} />}
                data-testid="corroboration-chip"
                data-field={c.field}
                data-status={c.status}
                style={{ textTransform: 'none' }}
              >
                {CORROBORATION_LABELS[c.field]} {c.status === 'agrees' ? 'agrees' : 'differs'}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      )}
      {match.corroborated.some((c) => c.detail) ? (
        <List size="xs" c="dimmed" spacing={0}>
          {match.corroborated
            .filter((c) => c.detail)
            .map((c) => (
              <List.Item key={`${c.field}:${c.status}:${c.detail}`}>
                {CORROBORATION_LABELS[c.field]}: {c.detail}
              </List.Item>
            ))}
        </List>
      ) : null}
    </Stack>
  );
}

function Remarks({ text }: { text: string }) {
  const [open, { toggle }] = useDisclosure(false);
  return (
    <Stack gap={2}>
      <Button
        variant="subtle"
        size="compact-xs"
        onClick={toggle}
        leftSection={open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
        style={{ alignSelf: 'flex-start' }}
        aria-expanded={open}
        data-testid="match-remarks-toggle"
      >
        {open ? 'Hide the list’s remarks' : 'Show the list’s remarks'}
      </Button>
      <Collapse expanded={open}>
        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} data-testid="match-remarks">
          {text}
        </Text>
      </Collapse>
    </Stack>
  );
}

export function MatchCard({ match, action }: { match: MatchView; action?: ReactNode }) {
  const aliasNote =
    match.matchedName && match.matchedName !== match.name
      ? `matched their listed alias “${match.matchedName}”`
      : '';
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-testid="sanctions-match"
      data-list={match.list}
      data-entry-id={match.entryId}
      data-severity={match.severity ?? ''}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {match.role ? `${roleText(match.role)}, screened as` : 'Screened as'}
            </Text>
            <Text fw={600} data-testid="match-query">
              {match.query ?? '—'}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {match.severity ? (
              <Badge
                color={SEVERITY_COLOR[match.severity]}
                variant="light"
                style={{ textTransform: 'none' }}
                data-testid="match-severity"
              >
                {MATCH_SEVERITY_TEXT[match.severity]}
              </Badge>
            ) : null}
            {action}
          </Group>
        </Group>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Resembles this list entry
            </Text>
            <Text fw={600} data-testid="match-entry-name">
              {match.name}
            </Text>
            {aliasNote ? (
              <Text size="xs" c="dimmed">
                The name {aliasNote}.
              </Text>
            ) : null}
            <Text size="sm">
              {match.listTitle ?? match.list} · entry <Code>{match.entryId}</Code>
            </Text>
            {match.programs.length > 0 ? (
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  Programs:
                </Text>
                {match.programs.map((p) => (
                  <Badge key={p} size="sm" variant="outline" color="gray" style={{ textTransform: 'none' }}>
                    {p}
                  </Badge>
                ))}
              </Group>
            ) : null}
            <Text size="xs" c="dimmed">
              {match.listedOn ? `Listed on ${formatDay(match.listedOn)}` : 'Listing date not given'}
              {match.entryKind ? ` · ${match.entryKind}` : ''}
            </Text>
            {match.remarks ? <Remarks text={match.remarks} /> : null}
          </Stack>
          <Stack gap="sm">
            <MatchScore score={match.score} />
            <Corroboration match={match} />
          </Stack>
        </SimpleGrid>

        {match.reasons.length > 0 ? (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              Why it matched
            </Text>
            <List size="xs" spacing={0} data-testid="match-reasons">
              {match.reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The one-paragraph rule every sanctions view repeats, so nobody reads a name match as a verdict. */
export function NameMatchExplainer() {
  return (
    <Text size="sm" c="dimmed" data-testid="name-match-explainer">
      A name match alone is only a possible match: many people share names. It counts as high only when a
      second identifier (date of birth, nationality, document number, address) agrees.
    </Text>
  );
}
