/** Maps a country name as the lists write it to ISO 3166-1 alpha-2; unknown names come back unchanged. */

const EXTRA: Record<string, string> = {
  'korea, north': 'KP',
  'north korea': 'KP',
  "democratic people's republic of korea": 'KP',
  "korea, democratic people's republic of": 'KP',
  dprk: 'KP',
  'korea, south': 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'korea, republic of': 'KR',
  'russian federation': 'RU',
  russia: 'RU',
  iran: 'IR',
  'iran (islamic republic of)': 'IR',
  'syrian arab republic': 'SY',
  syria: 'SY',
  burma: 'MM',
  'viet nam': 'VN',
  "lao people's democratic republic": 'LA',
  'united states of america': 'US',
  'united kingdom of great britain and northern ireland': 'GB',
  'united kingdom': 'GB',
  'united republic of tanzania': 'TZ',
  'democratic republic of the congo': 'CD',
  'congo, democratic republic of the': 'CD',
  'republic of the congo': 'CG',
  'bolivia (plurinational state of)': 'BO',
  'venezuela (bolivarian republic of)': 'VE',
  'republic of moldova': 'MD',
  'china, people’s republic of': 'CN',
  "china, people's republic of": 'CN',
  'the former yugoslav republic of macedonia': 'MK',
  'north macedonia, the republic of': 'MK',
  turkey: 'TR',
  türkiye: 'TR',
  'cote d ivoire': 'CI',
  "côte d'ivoire": 'CI',
  "cote d'ivoire": 'CI',
  'state of palestine': 'PS',
  'west bank': 'PS',
  gaza: 'PS',
  palestinian: 'PS',
  'bosnia-herzegovina': 'BA',
  'the bahamas': 'BS',
  'the gambia': 'GM',
  'hong kong': 'HK',
  'cabo verde': 'CV',
  'czech republic': 'CZ',
  congo: 'CG',
};

let byName: Map<string, string> | undefined;

function nameTable(): Map<string, string> {
  if (byName !== undefined) return byName;
  const table = new Map<string, string>();
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const code = `${a}${b}`;
      const name = names.of(code);
      if (name !== undefined && name !== code) table.set(name.toLowerCase(), code);
    }
  }
  for (const [name, code] of Object.entries(EXTRA)) table.set(name, code);
  byName = table;
  return table;
}

export function toCountryCode(raw: string): string {
  const text = raw.trim().replace(/\s+/g, ' ');
  const key = text.toLowerCase().replace(/\.$/, '');
  const direct = nameTable().get(key) ?? nameTable().get(key.replace(/ and /g, ' & '));
  if (direct !== undefined) return direct;
  // Canada writes "Syria / Syrie": try the English half.
  const slash = key.indexOf(' / ');
  if (slash !== -1) {
    const english = nameTable().get(key.slice(0, slash).trim());
    if (english !== undefined) return english;
  }
  return text;
}
