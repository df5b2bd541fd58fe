// consistency.location — the claimed location disagrees with other data about where the person is.
// Built as a list of sources, each giving what it could check and where it disagrees, so further sources
// (phone country, address, time zone) can be added beside the IP ones. The IP sources: the application's
// address and the addresses of gatecheck's own verification sessions (`verifications[].result.ip` or
// `verifications[].ip`). Allow-listed addresses say nothing; an address behind a VPN, proxy, Tor or a
// hosting network hides the location, which the explanation says instead of claiming a mismatch.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector, DetectorContext } from '../../types.ts';
import { contextLookup } from '../network/bundle-analysis.ts';
import { fireDetailed } from '../network/explain.ts';
import { addressText, placeText } from '../network/geo.ts';
import { hidesCountry, type ResolvedLogin, resolveLogin } from '../network/resolve.ts';
import { found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isObject, listText, stringField } from '../util.ts';

const def = requireSignal('consistency.location');

/** One piece of data about where the person is, compared with the claimed country. */
export type LocationFact = {
  /** What it is, in words: "the application IP", "the liveness session IP". */
  what: string;
  /** Evidence path, e.g. `application.ip`. */
  path: string;
  /** The country it points to, when it points to one. */
  country?: string;
  /** How it reads in an explanation: "175.45.178.1 (Pyongyang, KP)". */
  text: string;
  /** The fact cannot tell the country (anonymizer) — said, never counted as a mismatch. */
  hidden?: string;
  ip?: string;
};

/** A source of location facts; `undefined` when the bundle has nothing of its kind. */
export type LocationSource = (bundle: CaseBundle, ctx: DetectorContext) => LocationFact[] | undefined;

function ipFact(
  ip: string,
  what: string,
  path: string,
  ctx: DetectorContext,
  at?: string,
): LocationFact | undefined {
  const r: ResolvedLogin = resolveLogin({ at: at ?? '1970-01-01T00:00:00Z', ip }, contextLookup(ctx));
  if (r.allowListed !== undefined) return undefined;
  const fact: LocationFact = { what, path, ip, text: addressText(r) };
  if (hidesCountry(r)) {
    fact.hidden = `${r.provider ?? r.kind}${r.kind === 'hosting' ? ' hosting network' : ''}`;
    return fact;
  }
  if (r.country) fact.country = r.country;
  return fact;
}

/** The application's IP address. */
const applicationIp: LocationSource = (bundle, ctx) => {
  const ip = bundle.application?.ip;
  if (!ip) return undefined;
  const fact = ipFact(ip, 'the application IP', 'application.ip', ctx, bundle.application?.submittedAt);
  return fact ? [fact] : [];
};

/** The IP addresses of verification sessions (liveness, identity document checks). */
const verificationIps: LocationSource = (bundle, ctx) => {
  const facts: LocationFact[] = [];
  let any = false;
  (bundle.verifications ?? []).forEach((v, i) => {
    const fromResult = isObject(v.result) ? stringField(v.result, 'ip') : undefined;
    const own = stringField(v, 'ip');
    const ip = fromResult ?? own;
    if (!ip) return;
    any = true;
    const path = fromResult ? `verifications[${i}].result.ip` : `verifications[${i}].ip`;
    const fact = ipFact(ip, `the ${v.kind ?? 'verification'} session IP`, path, ctx, v.at);
    if (fact) facts.push(fact);
  });
  return any ? facts : undefined;
};

/** The sources checked today; issue 5 adds phone country, address and time zone. */
export const LOCATION_SOURCES: readonly LocationSource[] = [applicationIp, verificationIps];

export const location: Detector = {
  signal: def.id,
  detect(bundle, ctx) {
    const claimed = bundle.subject.claimedLocation;
    if (!claimed?.country) return notEvaluated('no claimed country to compare with');
    const facts: LocationFact[] = [];
    let checked = false;
    for (const source of LOCATION_SOURCES) {
      const got = source(bundle, ctx);
      if (got === undefined) continue;
      checked = true;
      facts.push(...got);
    }
    if (!checked) return notEvaluated('no application or verification IP address to compare with');
    const located = facts.filter((f) => f.country !== undefined || f.hidden !== undefined);
    if (located.length === 0 && facts.length > 0)
      return notEvaluated(
        ctx.intel.ip
          ? 'the application and verification IP addresses could not be located'
          : 'IP intelligence is not loaded, so the application and verification IP addresses cannot be located',
      );
    const mismatches = facts.filter((f) => f.country !== undefined && f.country !== claimed.country);
    if (mismatches.length === 0) return nothing();
    const hidden = facts.filter((f) => f.hidden !== undefined);
    const detail =
      hidden.length > 0
        ? `${listText(hidden.map((f) => `${f.what} ${f.ip} goes through ${f.hidden}, which hides the location`))}.`
        : '';
    return found(
      fireDetailed(
        def,
        'medium',
        mismatches.map((f) => f.path),
        {
          claimed: claimed.country,
          mismatches: mismatches.map((f) => ({
            what: f.what,
            path: f.path,
            ip: f.ip ?? null,
            country: f.country,
          })),
          hidden: hidden.map((f) => ({ what: f.what, path: f.path, ip: f.ip ?? null, via: f.hidden })),
        },
        {
          claimed: placeText(claimed),
          detail: listText(mismatches.map((f) => `${f.what} ${f.text}`)),
        },
        detail.length > 0 ? `${detail.charAt(0).toUpperCase()}${detail.slice(1)}` : '',
      ),
    );
  },
};
