// Two small charts drawn with plain SVG and Mantine progress bars: no chart library needed.
import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { DetailedAssessment } from '../../../api/types.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { BAND_COLORS, FAMILY_LABELS } from '../../../ui/labels.ts';

export function ScoreBreakdown({ breakdown }: { breakdown: DetailedAssessment['breakdown'] }) {
  const rows = [...breakdown]
    .filter((b) => b.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No family added to the score.
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="score-breakdown">
      {rows.map((b) => (
        <Stack key={b.family} gap={2}>
          <Group justify="space-between">
            <Text size="sm">{FAMILY_LABELS[b.family] ?? b.family}</Text>
            <Text size="sm" fw={600}>
              +{Math.round(b.contribution)}
              {b.capped ? (
                <Tooltip label="This family hit its cap: more signals of the same kind do not add more.">
                  <Text span size="xs" c="dimmed">
                    {' '}
                    (capped)
                  </Text>
                </Tooltip>
              ) : null}
            </Text>
          </Group>
          <Progress
            value={Math.min(100, b.contribution)}
            color="orange"
            size="md"
            aria-label={`${FAMILY_LABELS[b.family] ?? b.family}: ${Math.round(b.contribution)} points`}
          />
        </Stack>
      ))}
    </Stack>
  );
}

/** Score over time as a small SVG line; newest on the right. */
export function ScoreHistory({ items }: { items: DetailedAssessment[] }) {
  const points = [...items].sort((a, b) => Date.parse(a.assessedAt) - Date.parse(b.assessedAt));
  if (points.length < 2) {
    return (
      <Text size="sm" c="dimmed">
        {points.length === 1
          ? 'Assessed once so far. The line appears after the next change.'
          : 'No history yet.'}
      </Text>
    );
  }
  const w = 560;
  const h = 140;
  const pad = { l: 30, r: 10, t: 10, b: 20 };
  const x = (i: number) => pad.l + (i / (points.length - 1)) * (w - pad.l - pad.r);
  const y = (score: number) => pad.t + (1 - score / 100) * (h - pad.t - pad.b);
  const d = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`)
    .join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <svg
      viewBox={`0 0 ${w} ${h}`}
      width="100%"
      role="img"
      aria-label={`Score went from ${first?.score} to ${last?.score} over ${points.length} assessments`}
      data-testid="score-history"
    >
      {[0, 25, 50, 75, 100].map((v) => (
        <g key={v}>
          <line
            x1={pad.l}
            x2={w - pad.r}
            y1={y(v)}
            y2={y(v)}
            stroke="var(--mantine-color-gray-3)"
            strokeWidth={1}
          />
          <text x={pad.l - 6} y={y(v) + 4} fontSize={10} textAnchor="end" fill="var(--mantine-color-gray-6)">
            {v}
          </text>
        </g>
      ))}
      <path d={d} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth={2} />
      {points.map((p, i) => (
        <circle
          key={p.assessedAt}
          cx={x(i)}
          cy={y(p.score)}
          r={4}
          fill={`var(--mantine-color-${BAND_COLORS[p.band]}-6)`}
        >
          <title>{`${formatDateTime(p.assessedAt)}: ${p.score} (${p.band})`}</title>
        </circle>
      ))}
    </svg>
  );
}
