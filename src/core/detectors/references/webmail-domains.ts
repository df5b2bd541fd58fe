// Free webmail providers: anyone can open an address there, so it does not show that the holder works at
// an organisation. Kept as data: exact domains, plus brands that exist under many country domains
// (yahoo.co.uk, hotmail.fr, yandex.kz…). Covers providers of every region alike; it says nothing about
// the person, only that the address is not the organisation's own.
// No maintained npm package was added for this (free-email-domains ships HubSpot's list, which mixes in
// ISP and corporate domains); extend the lists here.

export const WEBMAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Google, Microsoft, Yahoo, AOL, Apple
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'passport.com',
  'yahoo.com',
  'ymail.com',
  'rocketmail.com',
  'aol.com',
  'aim.com',
  'icloud.com',
  'me.com',
  'mac.com',
  // Privacy-focused
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tutanota.de',
  'tutamail.com',
  'tuta.io',
  'tuta.com',
  'mailfence.com',
  'posteo.de',
  'posteo.net',
  'hushmail.com',
  'skiff.com',
  'fastmail.com',
  'fastmail.fm',
  // General
  'mail.com',
  'email.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'zoho.com',
  'zohomail.com',
  'inbox.com',
  'hey.com',
  // Russia and neighbours
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'internet.ru',
  'ya.ru',
  'rambler.ru',
  'ukr.net',
  'i.ua',
  // China
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  '139.com',
  '189.cn',
  // Korea, Japan
  'naver.com',
  'daum.net',
  'hanmail.net',
  'kakao.com',
  // South Asia
  'rediffmail.com',
  // Europe
  'libero.it',
  'virgilio.it',
  'laposte.net',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'onet.pl',
  'abv.bg',
]);

/** Brands registered under many country domains: hotmail.co.uk, yahoo.fr, yandex.ru, outlook.de… */
export const WEBMAIL_BRANDS: ReadonlySet<string> = new Set([
  'gmail',
  'hotmail',
  'outlook',
  'live',
  'yahoo',
  'yandex',
  'gmx',
  'aol',
]);

/** The provider of a lower-case email domain when it is free webmail ("yahoo.co.uk" → "yahoo"). */
export function webmailProvider(domain: string): string | undefined {
  if (WEBMAIL_DOMAINS.has(domain)) return domain.split('.')[0];
  const labels = domain.split('.');
  // brand + a public suffix of one or two short labels: yahoo.fr, hotmail.co.uk, yandex.com.tr
  if (labels.length < 2 || labels.length > 4) return undefined;
  const [brand, ...suffix] = labels;
  if (!brand || !WEBMAIL_BRANDS.has(brand)) return undefined;
  if (suffix.length > 2 || !suffix.every((l) => /^[a-z]{2,3}$/.test(l))) return undefined;
  return brand;
}
