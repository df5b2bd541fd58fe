// The session over time, in plain SVG: head yaw and pitch (degrees) on top, the face score and hands in view
// below; each challenge's window shaded green (passed) or red (failed) and labelled; the moments findings
// and failed challenges cite marked with a line (solid red: strong, dashed amber: weak).
import { Group, Stack, Text } from '@mantine/core';
import type { VerificationResult, VerificationTraceSeries } from '../../../api/types.ts';
import { type ChartGeometry, chartGeometry, poseTickY } from '../model.ts';

const COLORS = {
  yaw: '#1c7ed6',
  pitch: '#f76707',
  score: '#2b8a3e',
  hands: '#adb5bd',
  passed: 'rgba(64, 192, 87, 0.12)',
  failed: 'rgba(250, 82, 82, 0.18)',
  unknown: 'rgba(134, 142, 150, 0.12)',
  strong: '#e03131',
  weak: '#f59f00',
  grid: '#e9ecef',
  axis: '#868e96',
};

function Legend() {
  const item = (color: string, label: string, dashed = false) => (
    <Group gap={6} wrap="nowrap">
      <svg width="22" height="8" aria-hidden="true">
        <line
          x1="0"
          y1="4"
          x2="22"
          y2="4"
          stroke={color}
          strokeWidth="2.5"
          strokeDasharray={dashed ? '4 3' : undefined}
        />
      </svg>
      <Text size="xs">{label}</Text>
    </Group>
  );
  return (
    <Group gap="md" wrap="wrap">
      {item(COLORS.yaw, 'Head turn left/right (yaw, °)')}
      {item(COLORS.pitch, 'Head up/down (pitch, °)')}
      {item(COLORS.score, 'Face score (0–1; 0 = face lost)')}
      {item(COLORS.hands, 'Hand in view')}
      {item(COLORS.strong, 'Strong finding / failed challenge')}
      {item(COLORS.weak, 'Weak finding', true)}
      <Group gap={6} wrap="nowrap">
        <svg width="12" height="10" aria-hidden="true">
          <path d="M6,10 l-5,-9 h10 z" fill={COLORS.axis} />
        </svg>
        <Text size="xs">Captured frame (red: does not match)</Text>
      </Group>
    </Group>
  );
}

function Axes({ g }: { g: ChartGeometry }) {
  const right = g.left + g.plotWidth;
  return (
    <g fontSize="10" fill={COLORS.axis}>
      {[-90, -45, 0, 45, 90].map((deg) => {
        const y = poseTickY(g, deg);
        return (
          <g key={deg}>
            <line
              x1={g.left}
              x2={right}
              y1={y}
              y2={y}
              stroke={COLORS.grid}
              strokeDasharray={deg === 0 ? undefined : '2 3'}
            />
            <text x={g.left - 6} y={y + 3} textAnchor="end">
              {deg}°
            </text>
          </g>
        );
      })}
      {[0, 0.5, 1].map((s) => {
        const y = g.score.top + (1 - s) * g.score.height;
        return (
          <g key={s}>
            <line x1={g.left} x2={right} y1={y} y2={y} stroke={COLORS.grid} strokeDasharray="2 3" />
            <text x={g.left - 6} y={y + 3} textAnchor="end">
              {s}
            </text>
          </g>
        );
      })}
      {g.xTicks.map((t) => (
        <text key={t.label} x={t.x} y={g.score.top + g.score.height + 14} textAnchor="middle">
          {t.label}
        </text>
      ))}
    </g>
  );
}

export function SessionChart({
  series,
  result,
}: {
  series: VerificationTraceSeries;
  result: VerificationResult | null;
}) {
  const g = chartGeometry(series, result);
  const bottom = g.score.top + g.score.height;
  const height = bottom + 22;
  const handHeight = g.score.height * 0.35;
  return (
    <Stack gap={6}>
      <svg
        viewBox={`0 0 ${g.width} ${height}`}
        width="100%"
        role="img"
        aria-label={`Session over ${Math.round(series.durationMs / 1000)} seconds: head pose, face score and hands, with ${g.windows.length} challenge windows and ${g.markers.length} marked moments`}
        data-testid="session-chart"
        data-points={g.counts.yaw}
        style={{ display: 'block', background: 'white' }}
      >
        {g.windows.map((w) => (
          <g key={w.stepId} data-testid="chart-window" data-passed={String(w.passed)}>
            <rect
              x={w.x}
              y={g.pose.top}
              width={w.width}
              height={bottom - g.pose.top}
              fill={w.passed === null ? COLORS.unknown : w.passed ? COLORS.passed : COLORS.failed}
            >
              <title>{`${w.label}: ${w.passed === null ? 'no verdict' : w.passed ? 'passed' : 'failed'}`}</title>
            </rect>
            <text
              x={w.x + 2}
              y={g.pose.top - 16}
              fontSize="10"
              fill={w.passed === false ? COLORS.strong : COLORS.axis}
              fontWeight={w.passed === false ? 700 : 400}
            >
              {w.label}
            </text>
          </g>
        ))}
        <Axes g={g} />
        {g.handBars.map((b) => (
          <rect
            key={b.x}
            x={b.x}
            y={bottom - handHeight * Math.min(2, b.hands) * 0.5}
            width={b.width}
            height={handHeight * Math.min(2, b.hands) * 0.5}
            fill={COLORS.hands}
          />
        ))}
        <path d={g.yawPath} fill="none" stroke={COLORS.yaw} strokeWidth="1.6" data-testid="chart-yaw" />
        <path d={g.pitchPath} fill="none" stroke={COLORS.pitch} strokeWidth="1.3" data-testid="chart-pitch" />
        <path d={g.scorePath} fill="none" stroke={COLORS.score} strokeWidth="1.6" data-testid="chart-score" />
        {g.markers.map((m, i) => (
          <line
            // biome-ignore lint/suspicious/noArrayIndexKey: markers are derived and never reorder
            key={i}
            x1={m.x}
            x2={m.x}
            y1={g.pose.top}
            y2={bottom}
            stroke={m.strong ? COLORS.strong : COLORS.weak}
            strokeWidth="1.5"
            strokeDasharray={m.strong ? undefined : '4 3'}
            data-testid="chart-marker"
          >
            <title>{`${m.label} at ${(m.t / 1000).toFixed(1)} s`}</title>
          </line>
        ))}
        {g.frames.map((f) => (
          <path
            key={f.index}
            d={`M${f.x.toFixed(1)},${g.pose.top} l-5,-9 h10 z`}
            fill={f.agrees ? COLORS.axis : COLORS.strong}
            data-testid="chart-keyframe"
          >
            <title>{`Captured frame ${f.index + 1} at ${(f.t / 1000).toFixed(1)} s: ${f.agrees ? 'matches the measurements' : 'does not match the measurements'}`}</title>
          </path>
        ))}
      </svg>
      <Legend />
      <Text size="xs" c="dimmed">
        {series.frames} frames measured in the candidate's browser
        {series.points.length < series.frames ? `, shown as ${series.points.length} points` : ''}. Shaded
        bands are the challenge windows (green passed, red failed).
      </Text>
    </Stack>
  );
}
