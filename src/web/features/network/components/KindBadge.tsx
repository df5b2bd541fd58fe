// A network kind as a coloured badge with its plain-language meaning, and the DB-IP attribution line.
import { Anchor, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import {
  type AllowListed,
  type DisplayKind,
  displayKind,
  KIND_BADGE_COLORS,
  KIND_BADGE_LABELS,
  KIND_COLORS,
  KIND_HELP,
  KIND_LABELS,
  KIND_SHORT,
  type NetworkKind,
} from '../model.ts';

export function KindBadge({
  kind,
  provider,
  allowListed = null,
  withShort = false,
}: {
  kind: NetworkKind;
  provider?: string | null;
  allowListed?: AllowListed | null;
  /** Also print the few-word meaning beside the badge ("hides the real location"). */
  withShort?: boolean;
}) {
  const shown = displayKind(kind, allowListed);
  const label = KIND_BADGE_LABELS[shown];
  const help =
    shown === 'allowed' && allowListed ? `${KIND_HELP.allowed} (${allowListed.label})` : KIND_HELP[shown];
  return (
    <Stack gap={2} align="flex-start" data-testid="kind-badge" data-kind={shown}>
      <Tooltip label={help} multiline w={280} withArrow>
        <Badge
          color={KIND_BADGE_COLORS[shown]}
          variant="light"
          style={{ textTransform: 'none', overflow: 'visible', maxWidth: 'none' }}
        >
          {provider && shown !== 'allowed' && shown !== 'isp' ? `${label} · ${provider}` : label}
        </Badge>
      </Tooltip>
      {withShort ? (
        <Text size="xs" c="dimmed">
          {KIND_SHORT[shown]}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Colour key: one swatch and one plain sentence per kind shown. */
export function KindLegend({ kinds }: { kinds: DisplayKind[] }) {
  if (kinds.length === 0) return null;
  return (
    <Stack gap={4} data-testid="kind-legend">
      {kinds.map((k) => (
        <Group key={k} gap={8} wrap="nowrap" align="flex-start">
          <span
            aria-hidden
            style={{
              width: 12,
              height: 12,
              marginTop: 3,
              borderRadius: '50%',
              background: KIND_COLORS[k],
              flexShrink: 0,
            }}
          />
          <Text size="xs">
            <Text span fw={600} size="xs">
              {KIND_LABELS[k]}:
            </Text>{' '}
            {KIND_HELP[k]}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** DB-IP Lite is CC BY 4.0: this line must appear wherever its results are shown. */
export function DbIpAttribution() {
  return (
    <Text size="xs" c="dimmed" data-testid="dbip-attribution">
      <Anchor href="https://db-ip.com" target="_blank" rel="noopener noreferrer" size="xs">
        IP Geolocation by DB-IP
      </Anchor>
    </Text>
  );
}
