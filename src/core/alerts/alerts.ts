// Alerts, the pure part: when an assessment is news (the band rose, or a critical signal appeared that the
// previous assessment did not have), the dedupe key, the retry schedule, the messages and the webhook signature
// format. No I/O and no clock: time arrives as a parameter.
import { BANDS, type Band, type DetailedAssessment } from '../types.ts';

export type AlertKind = 'band-rise' | 'critical-signal';

export type AlertDecision = {
  kind: AlertKind;
  previousBand: Band;
  band: Band;
  /** Signal ids of the new assessment, sorted. */
  signals: string[];
  /** Critical signals the previous assessment did not have, sorted. */
  newCritical: string[];
};

export function bandRank(band: Band): number {
  return BANDS.indexOf(band);
}

/**
 * Whether a new assessment deserves an alert. A subject assessed for the first time (no previous assessment)
 * never does: importing a thousand subjects is not a thousand alerts; its band is on the subject list.
 */
export function decideAlert(
  previous: { band: Band; signals: readonly string[]; criticalSignals: readonly string[] } | null,
  next: Pick<DetailedAssessment, 'band' | 'signals'>,
): AlertDecision | null {
  if (previous === null) return null;
  const signals = [...new Set(next.signals.map((s) => s.id))].sort();
  const before = new Set(previous.criticalSignals);
  const newCritical = [
    ...new Set(next.signals.filter((s) => s.severity === 'critical' && !before.has(s.id)).map((s) => s.id)),
  ].sort();
  const rose = bandRank(next.band) > bandRank(previous.band);
  if (!rose && newCritical.length === 0) return null;
  return {
    kind: rose ? 'band-rise' : 'critical-signal',
    previousBand: previous.band,
    band: next.band,
    signals,
    newCritical,
  };
}

/** Same subject, same band, same signal set → the same key; one alert per key within DEDUPE_WINDOW_MS. */
export function dedupeText(subjectId: string, band: Band, signals: readonly string[]): string {
  return [subjectId, band, [...signals].sort().join(',')].join('\n');
}

export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Tries per delivery (the first and seven retries) before it is marked failed. */
export const MAX_ATTEMPTS = 8;
/** The wait after the first failed try; each later wait is three times the one before. */
export const FIRST_RETRY_MS = 60 * 1000;

/**
 * When to try again after `attempts` failed tries (1-based), or null when the delivery has failed for good.
 * 1 min, 3, 9, 27, 81 min, ~4 h, ~12 h: the eighth try comes about 18 hours after the first.
 */
export function nextAttemptAt(attempts: number, failedAt: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return new Date(failedAt.getTime() + FIRST_RETRY_MS * 3 ** (attempts - 1));
}

/** `t=<unix seconds>,v1=<hex>`; v1 is HMAC-SHA256 under the destination's secret of `<t>.<body>`. */
export const SIGNATURE_HEADER = 'X-Gatecheck-Signature';

export function signedPayload(unixSeconds: number, body: string): string {
  return `${unixSeconds}.${body}`;
}

export function formatSignatureHeader(unixSeconds: number, hexDigest: string): string {
  return `t=${unixSeconds},v1=${hexDigest}`;
}

/** Parses a signature header; null when it is not in the expected form. */
export function parseSignatureHeader(header: string): { t: number; v1: string } | null {
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || v1 === undefined || !/^[0-9a-f]{64}$/.test(v1)) return null;
  return { t, v1 };
}

/** What a message says about one alert. */
export type AlertMessageInput = {
  id: string;
  kind: AlertKind;
  subjectId: string;
  subjectName: string | null;
  previousBand: Band | null;
  band: Band;
  score: number;
  newCritical: readonly string[];
  reasons: readonly string[];
  createdAt: string;
  /** Link to the subject's page. */
  url: string;
};

export function alertHeadline(a: AlertMessageInput): string {
  const who = a.subjectName ? `${a.subjectName} (${a.subjectId})` : a.subjectId;
  if (a.kind === 'band-rise')
    return `${who}: risk rose from ${a.previousBand ?? 'none'} to ${a.band} (score ${a.score})`;
  return `${who}: new critical signal ${a.newCritical.join(', ')} (risk ${a.band}, score ${a.score})`;
}

export function alertText(a: AlertMessageInput): string {
  const reasons = a.reasons.slice(0, 5).map((r) => `• ${r}`);
  return [`Gatecheck alert — ${alertHeadline(a)}`, ...reasons, a.url].join('\n');
}

/** Slack-compatible incoming webhook body: `text` for notifications, `blocks` for the message itself. */
export function slackAlertBody(a: AlertMessageInput): { text: string; blocks: unknown[] } {
  const reasons = a.reasons.slice(0, 5).map((r) => `• ${r}`);
  return {
    text: `Gatecheck alert — ${alertHeadline(a)}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Gatecheck alert* — ${alertHeadline(a)}` } },
      ...(reasons.length > 0
        ? [{ type: 'section', text: { type: 'mrkdwn', text: reasons.join('\n') } }]
        : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${a.url}|Open in Gatecheck>` }] },
    ],
  };
}

/** The generic webhook's JSON body for one alert. */
export function webhookAlertBody(a: AlertMessageInput) {
  return {
    type: 'alert' as const,
    id: a.id,
    kind: a.kind,
    createdAt: a.createdAt,
    subject: { id: a.subjectId, name: a.subjectName, url: a.url },
    previousBand: a.previousBand,
    band: a.band,
    score: a.score,
    newCriticalSignals: [...a.newCritical],
    reasons: [...a.reasons],
    text: alertText(a),
  };
}

/** One day's digest: the changes of the 24 hours before `until`. */
export type Digest = { day: string; since: string; until: string; alerts: AlertMessageInput[] };

export function digestText(d: Digest): string {
  const lines = d.alerts.map((a) => `• ${alertHeadline(a)} — ${a.url}`);
  return [
    `Gatecheck daily digest for ${d.day}: ${d.alerts.length} change(s) since ${d.since}`,
    ...lines,
  ].join('\n');
}

export function slackDigestBody(d: Digest): { text: string } {
  return { text: digestText(d) };
}

export function webhookDigestBody(d: Digest) {
  return {
    type: 'digest' as const,
    day: d.day,
    since: d.since,
    until: d.until,
    alerts: d.alerts.map(webhookAlertBody),
    text: digestText(d),
  };
}
