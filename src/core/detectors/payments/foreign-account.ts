// payments.foreign-account — a payroll account is in another country than the one the person claims to live in
// (the country read from the IBAN, the BIC, a Canadian transit or a US routing number, else as declared), or it
// is held in another person's name. Fairness: the account is compared with the claimed residence, never with a
// nationality; a holder name that is a transliteration, another word order or a declared alias is the same person.
import { accountCountry, COUNTRY_VIA_WORDS, readBankAccount } from '../../payroll/bank-account.ts';
import type { Detector } from '../../types.ts';
import { compareNames } from '../consistency/names.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { isoDay, isTime, listText, toMs } from '../util.ts';

const def = requireSignal('payments.foreign-account');

type Finding = { path: string; at?: number; country?: string; via?: string; holder?: string; why: string };

export const foreignAccount: Detector = {
  signal: def.id,
  detect(bundle) {
    const accounts: { path: string; at: number; value: unknown }[] = [];
    (bundle.changes ?? []).forEach((c, i) => {
      if (c.field === 'bank_account') accounts.push({ path: `changes[${i}]`, at: toMs(c.at), value: c.to });
    });
    (bundle.payments ?? []).forEach((p, i) => {
      if (p.kind === 'payroll') accounts.push({ path: `payments[${i}]`, at: toMs(p.at), value: p });
    });
    if (accounts.length === 0) return notEvaluated('no payroll account recorded');
    const claimed = bundle.subject.claimedLocation?.country;
    const name = bundle.subject.name;
    if (!claimed && !name) return notEvaluated('no claimed country of residence or name to compare with');
    const aliases = bundle.subject.aliases ?? [];
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const a of accounts) {
      const account = readBankAccount(a.value);
      if (!account) continue;
      const where = accountCountry(account);
      const reasons: string[] = [];
      let holderDiffers: string | undefined;
      if (where && claimed && where.country !== claimed.toUpperCase())
        reasons.push(`in ${where.country} (from ${COUNTRY_VIA_WORDS[where.via]})`);
      if (account.holder && name) {
        const cmp = compareNames(account.holder, name, aliases);
        if (cmp.verdict === 'different') {
          holderDiffers = account.holder;
          reasons.push(`held by "${account.holder}", not by ${name}`);
        }
      }
      if (reasons.length === 0) continue;
      const key = `${where?.country ?? ''}|${holderDiffers ?? ''}`;
      const first = !seen.has(key);
      seen.add(key);
      findings.push({
        path: a.path,
        at: isTime(a.at) ? a.at : undefined,
        country: where && claimed && where.country !== claimed.toUpperCase() ? where.country : undefined,
        via: where?.via,
        holder: holderDiffers,
        why: first ? `${isTime(a.at) ? `from ${isoDay(a.at)}: ` : ''}an account ${listText(reasons)}` : '',
      });
    }
    if (findings.length === 0) return nothing();
    const countries = [...new Set(findings.flatMap((f) => (f.country ? [f.country] : [])))];
    const holders = [...new Set(findings.flatMap((f) => (f.holder ? [f.holder] : [])))];
    const detail = findings
      .map((f) => f.why)
      .filter((w) => w !== '')
      .join('; ');
    const signal = fire(
      def,
      'medium',
      findings.map((f) => f.path),
      {
        count: findings.length,
        countries,
        claimed: claimed ?? null,
        holders,
        accountCountryVia: findings[0]!.via ?? null,
      },
      {
        country: countries.length > 0 ? listText(countries) : 'the claimed country',
        claimed: claimed ?? 'an unknown country',
      },
    );
    // The catalog sentence speaks of the country; the holder name and the detail are said after it.
    const explanation =
      countries.length > 0
        ? `${signal.explanation} ${capitalise(detail)}.`
        : `The payroll account is held in another person's name: ${detail}.`;
    return found({ ...signal, explanation });
  },
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
