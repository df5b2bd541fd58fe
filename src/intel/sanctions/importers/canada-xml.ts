import { emptyEntry, type SanctionsEntry, type SanctionsEntryKind } from '../model.ts';
import { SanctionsImportError } from './errors.ts';
import { type ReadOptions, streamXmlRecords, textOf, type XmlNode } from './read.ts';

export type CanadaXmlResult = { entries: SanctionsEntry[]; schema: 'old' | 'current' | 'empty' };

/** Canada renamed elements around 2023; each field lists the current name first, then the old one. */
const FIELDS = {
  entity: ['EntityOrShip', 'Entity'],
  title: ['TitleOrShip', 'Title'],
  dateOfBirth: ['DateOfBirthOrShipBuildDate', 'DateOfBirth'],
} as const;

function first(node: XmlNode, names: readonly string[]): string | undefined {
  for (const name of names) {
    const text = textOf(node, name);
    if (text !== undefined) return text;
  }
  return undefined;
}

function dates(text: string | undefined): string[] {
  if (text === undefined) return [];
  const found = text.match(/\d{4}(?:-\d{2}(?:-\d{2})?)?/g) ?? [];
  return [...new Set(found)];
}

function splitAliases(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/[;,]\s*/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

function toEntry(file: string, node: XmlNode, line: number, seen: Map<string, number>): SanctionsEntry {
  const regime = textOf(node, 'Country') ?? '';
  const schedule = textOf(node, 'Schedule') ?? '';
  const item = textOf(node, 'Item') ?? '';
  const entityName = first(node, FIELDS.entity);
  const last = textOf(node, 'LastName');
  const given = textOf(node, 'GivenName');
  const personName = [given, last].filter((p) => p !== undefined).join(' ');
  const name = entityName ?? personName;
  if (name === '') throw new SanctionsImportError(file, 'record without a name', { line });
  const imo = textOf(node, 'ShipIMONumber');
  let kind: SanctionsEntryKind = 'individual';
  if (entityName !== undefined) kind = imo === undefined ? 'entity' : 'vessel';
  const baseId = `${regime}|${schedule}|${item}`;
  const count = (seen.get(baseId) ?? 0) + 1;
  seen.set(baseId, count);
  const entry = emptyEntry('ca-sema', count === 1 ? baseId : `${baseId}#${count}`, kind, name);
  if (regime !== '') entry.programs.push(regime);
  entry.aliases = splitAliases(textOf(node, 'Aliases')).map((alias) => ({ name: alias, quality: 'strong' }));
  if (kind === 'individual') entry.datesOfBirth = dates(first(node, FIELDS.dateOfBirth));
  if (imo !== undefined) entry.documents.push({ type: 'IMO', number: imo });
  const title = first(node, FIELDS.title);
  if (title !== undefined) entry.remarks = title;
  const listed = dates(textOf(node, 'DateOfListing'))[0];
  if (listed !== undefined) entry.listedOn = listed;
  return entry;
}

/** Imports Canada's Consolidated Autonomous Sanctions List XML, old (2020) or current element names. */
export async function importCanadaXml(file: string, options: ReadOptions = {}): Promise<CanadaXmlResult> {
  const entries: SanctionsEntry[] = [];
  const seen = new Map<string, number>();
  let schema: CanadaXmlResult['schema'] = 'empty';
  await streamXmlRecords(file, options, {
    onRoot: (name) => {
      if (name !== 'data-set') {
        throw new SanctionsImportError(file, `not a Canada SEMA list (root <${name}>)`, { line: 1 });
      }
    },
    isRecord: (name, depth) => depth === 1 && name === 'record',
    onRecord: (node, line) => {
      const current = node.children.some((c) =>
        [
          'EntityOrShip',
          'TitleOrShip',
          'DateOfBirthOrShipBuildDate',
          'ShipIMONumber',
          'DateOfListing',
        ].includes(c.name),
      );
      if (current) schema = 'current';
      else if (schema === 'empty') schema = 'old';
      entries.push(toEntry(file, node, line, seen));
    },
  });
  return { entries, schema };
}
