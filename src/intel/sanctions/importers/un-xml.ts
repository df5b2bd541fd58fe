import { emptyEntry, type SanctionsEntry } from '../model.ts';
import { toCountryCode } from './country.ts';
import { SanctionsImportError } from './errors.ts';
import { child, childrenNamed, type ReadOptions, streamXmlRecords, textOf, type XmlNode } from './read.ts';

export type UnXmlResult = { entries: SanctionsEntry[]; publishedAt?: string };

function joinParts(node: XmlNode, keys: readonly string[]): string {
  return keys
    .map((key) => textOf(node, key))
    .filter((p) => p !== undefined)
    .join(', ');
}

function datesOfBirth(node: XmlNode): string[] {
  const dates: string[] = [];
  for (const dob of childrenNamed(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const date = textOf(dob, 'DATE');
    if (date !== undefined) dates.push(date.slice(0, 10));
    const year = textOf(dob, 'YEAR');
    if (year !== undefined) dates.push(year);
    const from = Number(textOf(dob, 'FROM_YEAR'));
    const to = Number(textOf(dob, 'TO_YEAR'));
    if (Number.isInteger(from) && Number.isInteger(to) && from > 0 && to >= from && to - from <= 20) {
      for (let y = from; y <= to; y += 1) dates.push(String(y));
    }
  }
  return [...new Set(dates)];
}

function toEntry(file: string, node: XmlNode, line: number): SanctionsEntry {
  const individual = node.name === 'INDIVIDUAL';
  const ref = textOf(node, 'REFERENCE_NUMBER');
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
    .map((key) => textOf(node, key))
    .filter((p) => p !== undefined)
    .join(' ');
  if (ref === undefined || name === '') {
    throw new SanctionsImportError(file, `${node.name} without REFERENCE_NUMBER or FIRST_NAME`, { line });
  }
  const entry = emptyEntry('un', ref, individual ? 'individual' : 'entity', name);
  const program = textOf(node, 'UN_LIST_TYPE');
  if (program !== undefined) entry.programs.push(program);
  const listedOn = textOf(node, 'LISTED_ON');
  if (listedOn !== undefined) entry.listedOn = listedOn.slice(0, 10);
  const remarks = textOf(node, 'COMMENTS1');
  if (remarks !== undefined) entry.remarks = remarks;
  const original = textOf(node, 'NAME_ORIGINAL_SCRIPT');
  if (original !== undefined) entry.aliases.push({ name: original, quality: 'strong' });
  for (const alias of childrenNamed(node, individual ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) {
    const aliasName = textOf(alias, 'ALIAS_NAME');
    if (aliasName === undefined) continue;
    entry.aliases.push({ name: aliasName, quality: textOf(alias, 'QUALITY') === 'Low' ? 'weak' : 'strong' });
  }
  for (const value of childrenNamed(child(node, 'NATIONALITY') ?? node, 'VALUE')) {
    if (value.text !== '') entry.nationalities.push(toCountryCode(value.text));
  }
  entry.datesOfBirth = datesOfBirth(node);
  for (const pob of childrenNamed(node, 'INDIVIDUAL_PLACE_OF_BIRTH')) {
    const place = joinParts(pob, ['CITY', 'STATE_PROVINCE', 'COUNTRY']);
    if (place !== '') entry.placesOfBirth.push(place);
  }
  for (const doc of childrenNamed(node, 'INDIVIDUAL_DOCUMENT')) {
    const number = textOf(doc, 'NUMBER');
    if (number === undefined) continue;
    const type = textOf(doc, 'TYPE_OF_DOCUMENT') ?? textOf(doc, 'TYPE_OF_DOCUMENT2') ?? 'Document';
    const country = textOf(doc, 'ISSUING_COUNTRY') ?? textOf(doc, 'COUNTRY_OF_ISSUE');
    entry.documents.push(
      country === undefined ? { type, number } : { type, number, country: toCountryCode(country) },
    );
  }
  for (const address of childrenNamed(node, individual ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS')) {
    const text = joinParts(address, ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY', 'NOTE']);
    if (text === '') continue;
    const country = textOf(address, 'COUNTRY');
    entry.addresses.push(country === undefined ? { text } : { text, country: toCountryCode(country) });
  }
  return entry;
}

/** Imports the UN Security Council Consolidated List XML. */
export async function importUnXml(file: string, options: ReadOptions = {}): Promise<UnXmlResult> {
  const entries: SanctionsEntry[] = [];
  const result: UnXmlResult = { entries };
  await streamXmlRecords(file, options, {
    onRoot: (name, attrs) => {
      if (name !== 'CONSOLIDATED_LIST') {
        throw new SanctionsImportError(file, `not a UN consolidated list (root <${name}>)`, { line: 1 });
      }
      const generated = attrs.dateGenerated;
      if (generated !== undefined) result.publishedAt = generated.slice(0, 10);
    },
    isRecord: (name, depth) => depth === 2 && (name === 'INDIVIDUAL' || name === 'ENTITY'),
    onRecord: (node, line) => entries.push(toEntry(file, node, line)),
  });
  return result;
}
