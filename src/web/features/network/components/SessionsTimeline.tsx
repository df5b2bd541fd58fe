// Sign-ins over time (SVG): one row per internet address, a dot per sign-in coloured by network kind
// (hollow when it failed), a bar for how long a session stayed open, and impossible-travel jumps joined.
import { Group, Stack, Text } from '@mantine/core';
import { type ReactNode, useMemo } from 'react';
import { countryName } from '../../../ui/countries.ts';
import { formatDateTime } from '../../../ui/format.ts';
import {
  type DisplayKind,
  describeTravel,
  displayKind,
  KIND_COLORS,
  kindWithOperator,
  type LoginItem,
  OUTCOME_LABELS,
  placeLabel,
  type TravelPair,
} from '../model.ts';
import { ChartFrame, useChartTooltip } from './ChartTooltip.tsx';
import { KindLegend } from './KindBadge.tsx';

const WIDTH = 960;
const LABEL_W = 250;
const RIGHT = 20;
const TOP = 34;
const ROW_H = 34;
const MAX_ROWS = 12;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  91 * DAY,
  182 * DAY,
  365 * DAY,
];

type Row = {
  key: string;
  ip: string | null;
  label: string;
  sub: string;
  kind: DisplayKind;
  items: LoginItem[];
};

/** Rows by address in order of first use; beyond MAX_ROWS the least used share an "other addresses" row. */
export function timelineRows(items: LoginItem[]): Row[] {
  const byIp = new Map<string, LoginItem[]>();
  for (const item of [...items].sort((a, b) => a.at.localeCompare(b.at))) {
    const key = item.ip ?? '';
    const list = byIp.get(key);
    if (list) list.push(item);
    else byIp.set(key, [item]);
  }
  const rows: Row[] = [...byIp.entries()].map(([key, list]) => {
    const first = list[0] as LoginItem;
    return {
      key,
      ip: key || null,
      label: key || 'No address recorded',
      sub: placeLabel(first, countryName),
      kind: displayKind(first.networkKind, first.allowListed),
      items: list,
    };
  });
  if (rows.length <= MAX_ROWS) return rows;
  const keep = new Set(
    [...rows]
      .sort((a, b) => b.items.length - a.items.length)
      .slice(0, MAX_ROWS - 1)
      .map((r) => r.key),
  );
  const rest = rows.filter((r) => !keep.has(r.key));
  return [
    ...rows.filter((r) => keep.has(r.key)),
    {
      key: '__other',
      ip: null,
      label: `${rest.length} other addresses`,
      sub: 'used less often',
      kind: 'unknown',
      items: rest.flatMap((r) => r.items),
    },
  ];
}

function endOf(item: LoginItem): number {
  const start = Date.parse(item.at);
  return item.sessionMinutes && item.sessionMinutes > 0 ? start + item.sessionMinutes * MINUTE : start;
}

function tickLabel(t: number, step: number, previous: number | null): string {
  const d = new Date(t);
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }).format(d);
  if (step >= DAY) return day;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(d);
  const newDay = previous === null || new Date(previous).toDateString() !== d.toDateString();
  return newDay ? `${day} ${time}` : time;
}

export function SessionsTimeline({ items, pairs }: { items: LoginItem[]; pairs: TravelPair[] }) {
  const tooltip = useChartTooltip();
  const rows = useMemo(() => timelineRows(items), [items]);

  const times = items.map((i) => Date.parse(i.at)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return null;
  let start = Math.min(...times);
  let end = Math.max(...items.map(endOf).filter((t) => !Number.isNaN(t)));
  if (end - start < HOUR) {
    const mid = (start + end) / 2;
    start = mid - HOUR / 2;
    end = mid + HOUR / 2;
  }
  const pad = (end - start) * 0.03;
  start -= pad;
  end += pad;
  const plotW = WIDTH - LABEL_W - RIGHT;
  const x = (t: number) => LABEL_W + ((t - start) / (end - start)) * plotW;
  const height = TOP + rows.length * ROW_H + 8;
  const rowY = (i: number) => TOP + i * ROW_H + ROW_H / 2;
  const byId = new Map(items.map((i) => [i.id, i]));
  const rowOf = new Map<string, number>();
  rows.forEach((r, i) => {
    for (const item of r.items) rowOf.set(item.id, i);
  });

  const step = STEPS.find((s) => (end - start) / s <= 8) ?? 365 * DAY;
  // Ticks on whole steps in the viewer's zone (offset taken at the start, fine for a label grid).
  const offset = new Date(start).getTimezoneOffset() * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil((start - offset) / step) * step + offset; t <= end; t += step) ticks.push(t);

  const itemTip = (item: LoginItem) => {
    const kind = displayKind(item.networkKind, item.allowListed);
    return (
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {formatDateTime(item.at)}
        </Text>
        <Text size="xs" c="dimmed">
          {new Date(item.at).toISOString().replace('T', ' ').slice(0, 16)} UTC
        </Text>
        <Text size="xs">
          <Text span ff="monospace" size="xs">
            {item.ip ?? 'no address'}
          </Text>{' '}
          · {placeLabel(item, countryName)}
        </Text>
        <Text size="xs">{kindWithOperator(kind, item.provider, item.org)}</Text>
        <Text size="xs">
          {OUTCOME_LABELS[item.outcome]}
          {item.app ? ` · ${item.app}` : ''}
          {item.sessionMinutes ? ` · session open ${formatMinutes(item.sessionMinutes)}` : ''}
        </Text>
        {item.account ? (
          <Text size="xs" c="dimmed">
            {item.account}
          </Text>
        ) : null}
      </Stack>
    );
  };

  const jumps = pairs
    .map((pair) => {
      const find = (p: TravelPair['from']) =>
        items.find((i) => i.ip === p.ip && Math.abs(Date.parse(i.at) - Date.parse(p.at)) < MINUTE);
      const a = find(pair.from);
      const b = find(pair.to);
      if (!a || !b) return null;
      return { pair, a, b, ra: rowOf.get(a.id), rb: rowOf.get(b.id) };
    })
    .filter((j) => j !== null && j.ra !== undefined && j.rb !== undefined);

  const kinds = [...new Set(rows.map((r) => r.kind))];

  const tipFor = (key: string): ReactNode => {
    const item = byId.get(key);
    if (item) return itemTip(item);
    const jump = jumps.find((j) => j && `jump-${j.a.id}` === key);
    return jump ? <Text size="xs">Impossible travel: {describeTravel(jump.pair)}</Text> : null;
  };

  return (
    <Stack gap="xs">
      <ChartFrame tooltip={tooltip} width={270}>
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          role="img"
          aria-label={`Timeline of ${items.length} sign-ins from ${rows.length} addresses`}
          data-testid="sessions-timeline"
          style={{ display: 'block' }}
          onMouseLeave={tooltip.hide}
          onMouseMove={tooltip.follow(tipFor)}
        >
          {rows.map((r, i) => (
            <rect
              key={`band-${r.key}`}
              x={0}
              y={TOP + i * ROW_H}
              width={WIDTH}
              height={ROW_H}
              fill={i % 2 === 0 ? '#f8f9fa' : '#ffffff'}
            />
          ))}
          {ticks.map((t, i) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={TOP - 4} y2={height - 8} stroke="#dee2e6" strokeWidth={1} />
              <text x={x(t)} y={TOP - 10} fontSize={11} textAnchor="middle" fill="#495057">
                {tickLabel(t, step, i > 0 ? (ticks[i - 1] ?? null) : null)}
              </text>
            </g>
          ))}
          {rows.map((r, i) => (
            <g key={`label-${r.key}`} data-testid="timeline-row" data-ip={r.ip ?? ''}>
              <circle cx={12} cy={rowY(i)} r={5} fill={KIND_COLORS[r.kind]} />
              <text x={24} y={rowY(i) - 3} fontSize={12} fontFamily="ui-monospace, monospace" fill="#212529">
                {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
              </text>
              <text x={24} y={rowY(i) + 11} fontSize={10.5} fill="#868e96">
                {r.sub.length > 38 ? `${r.sub.slice(0, 37)}…` : r.sub}
              </text>
            </g>
          ))}
          {jumps.map((j) =>
            j ? (
              <line
                key={`jump-${j.a.id}-${j.b.id}`}
                x1={x(Date.parse(j.a.at))}
                y1={rowY(j.ra ?? 0)}
                x2={x(Date.parse(j.b.at))}
                y2={rowY(j.rb ?? 0)}
                stroke="#c92a2a"
                strokeWidth={1.8}
                strokeDasharray="5 3"
                data-testid="timeline-travel"
                data-tip={`jump-${j.a.id}`}
              />
            ) : null,
          )}
          {rows.map((r, i) =>
            r.items.map((item) => {
              const t = Date.parse(item.at);
              if (Number.isNaN(t)) return null;
              const kind = displayKind(item.networkKind, item.allowListed);
              const color = KIND_COLORS[kind];
              const failed = item.outcome === 'failure';
              const bar = item.sessionMinutes && item.sessionMinutes > 0 ? endOf(item) : null;
              return (
                <g
                  key={item.id}
                  data-tip={item.id}
                  data-testid="timeline-event"
                  data-outcome={item.outcome}
                  data-kind={kind}
                >
                  {bar !== null ? (
                    <rect
                      x={x(t)}
                      y={rowY(i) - 5}
                      width={Math.max(2, x(bar) - x(t))}
                      height={10}
                      rx={3}
                      fill={color}
                      fillOpacity={0.3}
                      stroke={color}
                      strokeOpacity={0.6}
                      data-testid="timeline-session"
                    />
                  ) : null}
                  <circle
                    cx={x(t)}
                    cy={rowY(i)}
                    r={5.5}
                    fill={failed ? '#fff' : color}
                    stroke={color}
                    strokeWidth={failed ? 2 : 1}
                  />
                </g>
              );
            }),
          )}
        </svg>
      </ChartFrame>
      <Group gap="lg" wrap="wrap" align="flex-start">
        <Stack gap={6} style={{ flex: 1, minWidth: 280 }}>
          <KindLegend kinds={kinds} />
        </Stack>
        <Stack gap={4} maw={340}>
          <Text size="xs">
            <b>●</b> filled dot: signed in · <b>○</b> hollow dot: the sign-in failed
          </Text>
          <Text size="xs">A pale bar after a dot: how long that session stayed open.</Text>
          {jumps.length > 0 ? (
            <Text size="xs">A red dashed line: an impossible jump between two places.</Text>
          ) : null}
          <Text size="xs" c="dimmed">
            Times are in your time zone; hover a dot for UTC.
          </Text>
        </Stack>
      </Group>
    </Stack>
  );
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(hours < 10 ? 1 : 0)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}
