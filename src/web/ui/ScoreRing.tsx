import { RingProgress, Stack, Text } from '@mantine/core';
import type { Band } from '../api/types.ts';
import { BAND_COLORS } from './labels.ts';

/** The 0–100 risk score as a ring, coloured by band. */
export function ScoreRing({
  score,
  band,
  size = 110,
}: {
  score: number | null;
  band: Band | null;
  size?: number;
}) {
  const value = score ?? 0;
  return (
    <RingProgress
      size={size}
      thickness={size / 10}
      roundCaps
      aria-label={score === null ? 'Not assessed yet' : `Risk score ${value} out of 100`}
      data-testid="score-ring"
      sections={[{ value: Math.min(100, Math.max(0, value)), color: band ? BAND_COLORS[band] : 'gray' }]}
      label={
        <Stack gap={0} align="center">
          <Text fw={700} size="xl" ta="center" lh={1}>
            {score === null ? '—' : value}
          </Text>
          <Text size="xs" c="dimmed" ta="center">
            of 100
          </Text>
        </Stack>
      }
    />
  );
}
