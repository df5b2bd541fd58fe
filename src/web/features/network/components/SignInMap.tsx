// Where a subject signs in from, on an offline world map (SVG): one dot per place sized by the number of
// sign-ins and coloured by network kind, a faint ring for how far off the place may be, the country the
// person says they live in, and impossible-travel pairs as arcs with their speed.
import { Group, Stack, Text } from '@mantine/core';
import {
  type GeoProjection,
  geoArea,
  geoCentroid,
  geoCircle,
  geoGraticule10,
  geoNaturalEarth1,
  geoPath,
} from 'd3-geo';
import type { Feature, MultiPoint, Polygon, Position } from 'geojson';
import { type ReactNode, useMemo } from 'react';
import { countryName } from '../../../ui/countries.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { type CountryFeature, worldCountries } from '../atlas.ts';
import {
  type DisplayKind,
  describeTravel,
  displayKind,
  KIND_COLORS,
  KIND_LABELS,
  kindWithOperator,
  type LoginItem,
  type LoginPlace,
  placeDisplayKind,
  placeLabel,
  type TravelPair,
} from '../model.ts';
import { ChartFrame, useChartTooltip } from './ChartTooltip.tsx';
import { DbIpAttribution, KindLegend } from './KindBadge.tsx';

const WIDTH = 960;
const HEIGHT = 500;
const KM_PER_DEGREE = 111.2;

export type ClaimedLocation = { city?: string; region?: string; country?: string };

type IpStat = {
  ip: string;
  count: number;
  kind: DisplayKind;
  provider: string | null;
  org: string | null;
  firstAt: string;
  lastAt: string;
};

/** Per-address counts and kinds from the sign-ins, for the tooltips. */
function ipStats(items: LoginItem[]): Map<string, IpStat> {
  const out = new Map<string, IpStat>();
  for (const item of items) {
    if (!item.ip) continue;
    const stat = out.get(item.ip);
    if (!stat) {
      out.set(item.ip, {
        ip: item.ip,
        count: 1,
        kind: displayKind(item.networkKind, item.allowListed),
        provider: item.provider,
        org: item.org,
        firstAt: item.at,
        lastAt: item.at,
      });
      continue;
    }
    stat.count += 1;
    if (item.at < stat.firstAt) stat.firstAt = item.at;
    if (item.at > stat.lastAt) stat.lastAt = item.at;
  }
  return out;
}

/** The largest piece of a country, so a marker for "Canada" lands on the mainland, not an island. */
function mainlandCentroid(country: CountryFeature): [number, number] {
  const g = country.geometry;
  if (g.type !== 'MultiPolygon') return geoCentroid(country);
  let best: Feature<Polygon> | null = null;
  let bestArea = -1;
  for (const coordinates of g.coordinates) {
    const piece: Feature<Polygon> = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates },
    };
    const area = geoArea(piece);
    if (area > bestArea) {
      best = piece;
      bestArea = area;
    }
  }
  return best ? geoCentroid(best) : geoCentroid(country);
}

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\(.*\)/, '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .trim();
  return norm(a) === norm(b);
}

/**
 * Fits the projection to what there is to see: the whole world when places are far apart (or there are
 * none), else a window around them at least ~40° wide so a single city still shows its surroundings.
 */
function fitProjection(points: Position[]): GeoProjection {
  const projection = geoNaturalEarth1();
  const world = () =>
    projection.fitExtent(
      [
        [8, 8],
        [WIDTH - 8, HEIGHT - 8],
      ],
      { type: 'Sphere' },
    );
  if (points.length === 0) return world();
  const lons = points.map((p) => p[0] ?? 0);
  const lats = points.map((p) => p[1] ?? 0);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  if (maxLon - minLon > 140 || maxLat - minLat > 70) return world();
  const cLon = (minLon + maxLon) / 2;
  const cLat = (minLat + maxLat) / 2;
  const halfLon = Math.max((maxLon - minLon) / 2 + 8, 30);
  const halfLat = Math.max((maxLat - minLat) / 2 + 6, 16);
  const box: Feature<MultiPoint> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [cLon - halfLon, Math.max(-85, cLat - halfLat)],
        [cLon + halfLon, Math.min(85, cLat + halfLat)],
        [cLon - halfLon, Math.min(85, cLat + halfLat)],
        [cLon + halfLon, Math.max(-85, cLat - halfLat)],
      ],
    },
  };
  return projection.fitExtent(
    [
      [16, 16],
      [WIDTH - 16, HEIGHT - 16],
    ],
    box,
  );
}

/**
 * A travel pair as a curved line on the flat map (a quadratic curve bowed upwards) rather than the great
 * circle: it reads as "from here to there" and never splits at the map's edge. `mid` is where the label goes.
 */
function arcBetween(
  projection: GeoProjection,
  pair: TravelPair,
): { d: string; mid: [number, number] } | null {
  const a = projection([pair.from.lon, pair.from.lat]);
  const b = projection([pair.to.lon, pair.to.lat]);
  if (!a || !b) return null;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len < 1) return { d: `M${a[0]},${a[1]}`, mid: a };
  let nx = -dy / len;
  let ny = dx / len;
  if (ny > 0) {
    nx = -nx;
    ny = -ny;
  }
  const bow = Math.min(len * 0.25, 110);
  const c: [number, number] = [(a[0] + b[0]) / 2 + nx * bow, (a[1] + b[1]) / 2 + ny * bow];
  const mid: [number, number] = [
    0.25 * a[0] + 0.5 * c[0] + 0.25 * b[0],
    0.25 * a[1] + 0.5 * c[1] + 0.25 * b[1],
  ];
  return { d: `M${a[0]},${a[1]} Q${c[0]},${c[1]} ${b[0]},${b[1]}`, mid };
}

function radiusFor(count: number): number {
  return Math.min(22, 5 + Math.sqrt(count) * 2.4);
}

export function SignInMap({
  places,
  items,
  pairs,
  claimed,
}: {
  places: LoginPlace[];
  items: LoginItem[];
  pairs: TravelPair[];
  claimed: ClaimedLocation | null;
}) {
  const tooltip = useChartTooltip();
  const { countries, byCode } = worldCountries();
  const stats = useMemo(() => ipStats(items), [items]);
  const allowListedIps = useMemo(
    () => new Set(items.filter((i) => i.allowListed && i.ip).map((i) => i.ip as string)),
    [items],
  );

  const claimedCountry = claimed?.country ? (byCode.get(claimed.country) ?? null) : null;
  // The claimed place: a sign-in place in that city when there is one, else the middle of the country.
  const claimedPoint = useMemo((): [number, number] | null => {
    if (!claimed?.country) return null;
    const inCity = places.find((p) => p.country === claimed.country && sameText(p.city, claimed.city));
    if (inCity) return [inCity.lon, inCity.lat];
    return claimedCountry ? mainlandCentroid(claimedCountry) : null;
  }, [claimed, claimedCountry, places]);

  const projection = useMemo(() => {
    const pts: Position[] = places.map((p) => [p.lon, p.lat]);
    for (const pair of pairs) pts.push([pair.from.lon, pair.from.lat], [pair.to.lon, pair.to.lat]);
    if (claimedPoint) pts.push(claimedPoint);
    return fitProjection(pts);
  }, [places, pairs, claimedPoint]);
  const path = geoPath(projection);

  const dots = places
    .map((p) => ({ place: p, kind: placeDisplayKind(p, allowListedIps), xy: projection([p.lon, p.lat]) }))
    .filter((d): d is typeof d & { xy: [number, number] } => d.xy !== null)
    .sort((a, b) => b.place.count - a.place.count);

  const legendKinds = [...new Set(dots.map((d) => d.kind))];
  const claimedXy = claimedPoint ? projection(claimedPoint) : null;
  const claimedText = claimed ? placeLabel(claimed, countryName) : '';

  const placeTip = (p: LoginPlace, kind: DisplayKind) => (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {placeLabel(p, countryName)}
      </Text>
      <Text size="xs">
        {p.count} sign-in{p.count === 1 ? '' : 's'} · mostly {KIND_LABELS[kind].toLowerCase()}
      </Text>
      {p.firstAt ? (
        <Text size="xs" c="dimmed">
          First {formatDateTime(p.firstAt)}
          {p.lastAt && p.lastAt !== p.firstAt ? ` · last ${formatDateTime(p.lastAt)}` : ''}
        </Text>
      ) : null}
      {p.accuracyKm ? (
        <Text size="xs" c="dimmed">
          The real place may be up to {Math.round(p.accuracyKm)} km away.
        </Text>
      ) : null}
      {p.ips.slice(0, 6).map((ip) => {
        const s = stats.get(ip);
        return (
          <Text size="xs" key={ip} ff="monospace">
            {ip}
            <Text span size="xs" ff="body">
              {s ? ` — ${kindWithOperator(s.kind, s.provider, s.org)}, ${s.count}×` : ''}
            </Text>
          </Text>
        );
      })}
      {p.ips.length > 6 ? (
        <Text size="xs" c="dimmed">
          and {p.ips.length - 6} more addresses
        </Text>
      ) : null}
    </Stack>
  );

  const pairTip = (pair: TravelPair) => (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        Impossible travel
      </Text>
      <Text size="xs">
        {placeLabel(pair.from, countryName)} ({pair.from.ip ?? 'no address'}) at{' '}
        {formatDateTime(pair.from.at)}
      </Text>
      <Text size="xs">
        then {placeLabel(pair.to, countryName)} ({pair.to.ip ?? 'no address'}) at {formatDateTime(pair.to.at)}
      </Text>
      <Text size="xs" fw={600}>
        {describeTravel(pair)}
      </Text>
      <Text size="xs" c="dimmed">
        No one travels this fast: one of the two hides the real location, or two people use the account.
      </Text>
    </Stack>
  );

  /** Tooltip content for the mark under the pointer (`data-tip` keys: place-<i>, pair-<i>, claimed). */
  const tipFor = (key: string): ReactNode => {
    const [kind, n] = key.split('-');
    const i = Number(n);
    if (kind === 'place') {
      const d = dots[i];
      return d ? placeTip(d.place, d.kind) : null;
    }
    if (kind === 'pair') {
      const pair = pairs[i];
      return pair ? pairTip(pair) : null;
    }
    if (kind === 'claimed') {
      return (
        <Text size="sm">
          Says they live in <b>{claimedText}</b>
        </Text>
      );
    }
    return null;
  };

  return (
    <Stack gap="xs">
      <ChartFrame tooltip={tooltip} width={290} testId="map-tooltip">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          role="img"
          aria-label={`Map of sign-in places: ${dots.length} place${dots.length === 1 ? '' : 's'}${
            pairs.length ? `, ${pairs.length} impossible-travel pair${pairs.length === 1 ? '' : 's'}` : ''
          }`}
          data-testid="signin-map"
          style={{ display: 'block', borderRadius: 8, background: '#e9f1f8' }}
          onMouseLeave={tooltip.hide}
          onMouseMove={tooltip.follow(tipFor)}
        >
          <defs>
            <clipPath id="signin-map-clip">
              <rect width={WIDTH} height={HEIGHT} rx={8} />
            </clipPath>
            <marker
              id="signin-map-arrow"
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#c92a2a" />
            </marker>
          </defs>
          <g clipPath="url(#signin-map-clip)">
            <path d={path({ type: 'Sphere' }) ?? ''} fill="#e9f1f8" />
            <path d={path(geoGraticule10()) ?? ''} fill="none" stroke="#d5e2ee" strokeWidth={0.5} />
            {countries.map((c, i) => (
              <path
                // biome-ignore lint/suspicious/noArrayIndexKey: the atlas is static; some shapes share no id
                key={i}
                d={path(c) ?? ''}
                fill={c === claimedCountry ? '#d3f9d8' : '#f8f9fa'}
                stroke={c === claimedCountry ? '#2f9e44' : '#ced4da'}
                strokeWidth={c === claimedCountry ? 1.2 : 0.5}
                data-testid={c === claimedCountry ? 'map-claimed-country' : undefined}
              />
            ))}
            {dots.map(({ place, kind }) =>
              place.accuracyKm && place.accuracyKm > 0 ? (
                <path
                  key={`acc-${place.lat},${place.lon}`}
                  d={
                    path(
                      geoCircle()
                        .center([place.lon, place.lat])
                        .radius(place.accuracyKm / KM_PER_DEGREE)(),
                    ) ?? ''
                  }
                  fill={KIND_COLORS[kind]}
                  fillOpacity={0.1}
                  stroke={KIND_COLORS[kind]}
                  strokeOpacity={0.45}
                  strokeDasharray="3 3"
                  data-testid="map-accuracy"
                  pointerEvents="none"
                />
              ) : null,
            )}
            {pairs.map((pair, i) => {
              const arc = arcBetween(projection, pair);
              if (!arc) return null;
              const d = arc.d;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: pairs come in a fixed order from the signal
                <g key={`arc-${i}`}>
                  <path d={d} fill="none" stroke="#fff" strokeWidth={5} strokeOpacity={0.8} />
                  <path
                    d={d}
                    fill="none"
                    stroke="#c92a2a"
                    strokeWidth={2.2}
                    strokeDasharray="7 4"
                    markerEnd="url(#signin-map-arrow)"
                    data-testid="map-travel-arc"
                    data-kmh={Math.round(pair.kmh)}
                  />
                  {/* A wide invisible stroke makes the thin arc easy to hover. */}
                  <path d={d} fill="none" stroke="transparent" strokeWidth={14} data-tip={`pair-${i}`} />
                </g>
              );
            })}
            {claimedXy ? (
              <g
                transform={`translate(${claimedXy[0]},${claimedXy[1]})`}
                data-testid="map-claimed"
                data-tip="claimed"
              >
                <path
                  d="M0,-22 C-8,-22 -11,-15 -11,-11 C-11,-4 0,0 0,0 C0,0 11,-4 11,-11 C11,-15 8,-22 0,-22 Z"
                  fill="#2f9e44"
                  stroke="#fff"
                  strokeWidth={1.5}
                />
                <circle cy={-12} r={3.5} fill="#fff" />
              </g>
            ) : null}
            {dots.map(({ place, kind, xy }, index) => (
              // biome-ignore lint/a11y/useSemanticElements: an SVG mark cannot be a <button>; it is focusable and labelled
              <circle
                key={`dot-${place.lat},${place.lon}`}
                cx={xy[0]}
                cy={xy[1]}
                r={radiusFor(place.count)}
                fill={KIND_COLORS[kind]}
                fillOpacity={0.88}
                stroke="#fff"
                strokeWidth={1.5}
                role="button"
                tabIndex={0}
                aria-label={`${placeLabel(place, countryName)}: ${place.count} sign-ins, ${KIND_LABELS[kind]}`}
                data-testid="map-dot"
                data-kind={kind}
                data-count={place.count}
                data-country={place.country ?? ''}
                style={{ cursor: 'pointer', outline: 'none' }}
                data-tip={`place-${index}`}
                onFocus={(e) => tooltip.showAt(e.currentTarget, placeTip(place, kind))}
                onBlur={tooltip.hide}
              />
            ))}
            {dots.slice(0, 8).map(({ place, xy }) =>
              place.city || place.country ? (
                <text
                  key={`name-${place.lat},${place.lon}`}
                  x={xy[0] + radiusFor(place.count) + 4}
                  y={xy[1] + 4}
                  fontSize={12}
                  fontWeight={600}
                  fill="#343a40"
                  stroke="#fff"
                  strokeWidth={3}
                  paintOrder="stroke"
                  pointerEvents="none"
                  data-testid="map-place-label"
                >
                  {(place.city ?? countryName(place.country)).replace(/\s*\(.*\)$/, '')}
                </text>
              ) : null,
            )}
            {pairs.map((pair, i) => {
              const xy = arcBetween(projection, pair)?.mid;
              if (!xy) return null;
              return (
                <text
                  // biome-ignore lint/suspicious/noArrayIndexKey: pairs come in a fixed order from the signal
                  key={`label-${i}`}
                  x={xy[0]}
                  y={xy[1] - 8}
                  textAnchor="middle"
                  fontSize={13}
                  fontWeight={700}
                  fill="#c92a2a"
                  stroke="#fff"
                  strokeWidth={4}
                  paintOrder="stroke"
                  data-testid="map-travel-label"
                  pointerEvents="none"
                >
                  {`${Math.round(pair.kmh).toLocaleString('en')} km/h`}
                </text>
              );
            })}
          </g>
        </svg>
      </ChartFrame>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6} style={{ flex: 1, minWidth: 280 }}>
          <KindLegend kinds={legendKinds} />
          <Text size="xs" c="dimmed">
            A bigger circle means more sign-ins from that place. The faint dashed ring shows how far off the
            place may be: internet addresses give only an approximate location.
            {claimedXy ? ' The green pin and country mark where the person says they live.' : ''}
            {pairs.length > 0
              ? ' A red dashed line joins two sign-ins too far apart for the time between them, with the speed it would take.'
              : ''}
          </Text>
        </Stack>
        <DbIpAttribution />
      </Group>
    </Stack>
  );
}
