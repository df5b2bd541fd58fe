// contact.new-profile — every dated professional profile (subject.profiles[]: GitHub, LinkedIn, GitLab,
// portfolio…) was created recently, while the employment history claims a long career: a developer with
// 5+ years of work and no account older than a few months. "Recently" is RECENT_MONTHS (6) before the
// application (application.submittedAt) or, without one, before the assessment time; a profile created
// after that moment counts as recent too. One older profile is enough to clear it: some people simply
// never used a given platform. The career is measured from the earliest employment start to the same
// moment. Bundle data only; no network calls. The "nearly empty profile" half of the catalog text needs
// activity data the bundle does not carry, and is not checked.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { DAY_MS, isoDay, quote, round1 } from '../util.ts';

const def = requireSignal('contact.new-profile');

/** A profile created within this many months of the application is "new". Policy-free constant. */
export const RECENT_MONTHS = 6;
/** Careers at least this long make a brand-new professional profile worth a question. */
export const MIN_CAREER_YEARS = 5;

const YEAR_MS = 365.25 * DAY_MS;

/** Start of a YYYY, YYYY-MM or YYYY-MM-DD date, in UTC; NaN when unreadable. */
function dateMs(value: string | null | undefined): number {
  if (!value) return Number.NaN;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value.trim());
  if (!m) return Date.parse(value);
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
}

function monthsBefore(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

export const newProfile: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const dated = (bundle.subject.profiles ?? []).flatMap((p, index) => {
      const at = dateMs(p.createdAt);
      return Number.isNaN(at) ? [] : [{ profile: p, index, at }];
    });
    if (dated.length === 0) return notEvaluated('no profile with a creation date recorded');
    const submitted = Date.parse(bundle.application?.submittedAt ?? '');
    const asOf = Number.isNaN(submitted) ? ctx.now.getTime() : submitted;
    const starts = (bundle.employment ?? [])
      .map((e) => dateMs(e.start))
      .filter((ms) => !Number.isNaN(ms) && ms <= asOf);
    if (starts.length === 0) return notEvaluated('no employment history with start dates');
    const careerStart = Math.min(...starts);
    const years = (asOf - careerStart) / YEAR_MS;
    if (years < MIN_CAREER_YEARS) return nothing();
    const since = monthsBefore(asOf, RECENT_MONTHS);
    if (dated.some((d) => d.at < since)) return nothing();
    const newest = [...dated].sort((a, b) => a.at - b.at);
    const first = newest[0]!;
    const kindOf = (p: (typeof dated)[number]) => p.profile.kind?.trim() || 'online';
    const when = Number.isNaN(submitted) ? 'the assessment' : `the application (${isoDay(submitted)})`;
    const listed = dated
      .map(
        (d) =>
          `${quote(kindOf(d), 30).slice(1, -1)} ${d.profile.url ? `${quote(d.profile.url, 100)} ` : ''}created ${d.profile.createdAt}`,
      )
      .join('; ');
    const signal = fire(
      def,
      'low',
      dated.map((d) => `subject.profiles[${d.index}]`),
      {
        years: round1(years),
        careerStart: isoDay(careerStart),
        asOf: isoDay(asOf),
        recentMonths: RECENT_MONTHS,
        profiles: dated.map((d) => ({
          index: d.index,
          kind: d.profile.kind ?? null,
          url: d.profile.url ?? null,
          createdAt: d.profile.createdAt ?? null,
        })),
      },
      {
        kind: quote(kindOf(first), 30).slice(1, -1),
        createdAt: first.profile.createdAt ?? isoDay(first.at),
        years: Math.floor(years),
      },
    );
    const detail =
      `Every dated profile was created ${RECENT_MONTHS} months or less before ${when}, or after it (${listed}); ` +
      `the employment history starts in ${isoDay(careerStart).slice(0, 7)}.`;
    return found({ ...signal, explanation: `${signal.explanation} ${detail}` });
  },
};
