import { emptyEntry, type SanctionsEntry, type SanctionsEntryKind, type SanctionsListId } from '../model.ts';
import { toCountryCode } from './country.ts';
import { SanctionsImportError } from './errors.ts';
import { parseDocumentValue, parseOfacDate, parseWalletFeature } from './ofac-remarks.ts';
import { child, childrenNamed, type ReadOptions, streamXmlRecords, textOf, type XmlNode } from './read.ts';

export const SDN_LIST_NAMESPACE = 'http://tempuri.org/sdnList.xsd';

export type OfacXmlResult = { entries: SanctionsEntry[]; publishedAt?: string; recordCount?: number };

/** idTypes of the classic XML that are documents or identifiers worth matching on. */
const DOCUMENT_ID =
  /passport|national id|identification|cedula|ssn|tax id|registration|company number|business number|license|c\.u\.r\.p|r\.f\.c|nit #|ruc #|d\.n\.i|swift|imo|mmsi|serial number|tail number|uscc|legal entity/i;

function kindOf(type: string | undefined): SanctionsEntryKind {
  switch (type) {
    case 'Individual':
      return 'individual';
    case 'Entity':
      return 'entity';
    case 'Vessel':
      return 'vessel';
    case 'Aircraft':
      return 'aircraft';
    default:
      return 'unknown';
  }
}

function personName(node: XmlNode): string | undefined {
  const last = textOf(node, 'lastName');
  const first = textOf(node, 'firstName');
  if (last === undefined) return first;
  return first === undefined ? last : `${last}, ${first}`;
}

function toEntry(file: string, node: XmlNode, line: number, list: SanctionsListId): SanctionsEntry {
  const uid = textOf(node, 'uid');
  const name = personName(node);
  if (uid === undefined || name === undefined) {
    throw new SanctionsImportError(file, 'sdnEntry without uid or lastName', { line });
  }
  const entry = emptyEntry(list, uid, kindOf(textOf(node, 'sdnType')), name);
  const remarks = textOf(node, 'remarks');
  if (remarks !== undefined) entry.remarks = remarks;
  for (const program of childrenNamed(child(node, 'programList') ?? node, 'program')) {
    if (program.text !== '') entry.programs.push(program.text);
  }
  for (const aka of childrenNamed(child(node, 'akaList') ?? node, 'aka')) {
    const akaName = personName(aka);
    if (akaName === undefined) continue;
    entry.aliases.push({ name: akaName, quality: textOf(aka, 'category') === 'weak' ? 'weak' : 'strong' });
  }
  for (const id of childrenNamed(child(node, 'idList') ?? node, 'id')) {
    const type = textOf(id, 'idType') ?? '';
    const number = textOf(id, 'idNumber');
    if (number === undefined) continue;
    const wallet = parseWalletFeature(`${type} ${number}`);
    if (wallet) {
      entry.wallets.push(wallet);
      continue;
    }
    if (!DOCUMENT_ID.test(type)) continue;
    const document = parseDocumentValue(type, number);
    if (document === undefined) continue;
    const country = textOf(id, 'idCountry');
    entry.documents.push(country === undefined ? document : { ...document, country: toCountryCode(country) });
  }
  for (const item of childrenNamed(child(node, 'dateOfBirthList') ?? node, 'dateOfBirthItem')) {
    entry.datesOfBirth.push(...parseOfacDate(textOf(item, 'dateOfBirth') ?? ''));
  }
  for (const item of childrenNamed(child(node, 'placeOfBirthList') ?? node, 'placeOfBirthItem')) {
    const place = textOf(item, 'placeOfBirth');
    if (place !== undefined) entry.placesOfBirth.push(place);
  }
  for (const [listName, itemName] of [
    ['nationalityList', 'nationality'],
    ['citizenshipList', 'citizenship'],
  ] as const) {
    for (const item of childrenNamed(child(node, listName) ?? node, itemName)) {
      const country = textOf(item, 'country');
      if (country !== undefined) entry.nationalities.push(toCountryCode(country));
    }
  }
  entry.nationalities = [...new Set(entry.nationalities)];
  for (const address of childrenNamed(child(node, 'addressList') ?? node, 'address')) {
    const parts = ['address1', 'address2', 'address3', 'city', 'stateOrProvince', 'postalCode', 'country']
      .map((key) => textOf(address, key))
      .filter((p) => p !== undefined);
    if (parts.length === 0) continue;
    const country = textOf(address, 'country');
    const text = parts.join(', ');
    entry.addresses.push(country === undefined ? { text } : { text, country: toCountryCode(country) });
  }
  return entry;
}

/** Imports the classic OFAC `sdnList` XML (sdn.xml, consolidated.xml). */
export async function importOfacXml(
  file: string,
  list: Extract<SanctionsListId, 'ofac-sdn' | 'ofac-cons'>,
  options: ReadOptions = {},
): Promise<OfacXmlResult> {
  const entries: SanctionsEntry[] = [];
  const result: OfacXmlResult = { entries };
  await streamXmlRecords(file, options, {
    onRoot: (name, attrs) => {
      if (name !== 'sdnList' || attrs.xmlns !== SDN_LIST_NAMESPACE) {
        throw new SanctionsImportError(file, `not an OFAC sdnList document (root <${name}>)`, { line: 1 });
      }
    },
    isRecord: (name, depth) => depth === 1 && (name === 'sdnEntry' || name === 'publshInformation'),
    onRecord: (node, line) => {
      if (node.name === 'publshInformation') {
        const date = parseOfacDate(textOf(node, 'Publish_Date') ?? '')[0];
        if (date !== undefined) result.publishedAt = date;
        const count = textOf(node, 'Record_Count');
        if (count !== undefined) result.recordCount = Number(count);
        return;
      }
      entries.push(toEntry(file, node, line, list));
    },
  });
  return result;
}
