// A tiny reader for the UN consolidated list, for tests and the bench only (the real importer lives in
// src/intel/sanctions/importers): names and aliases, list type, nationality and dates of birth by regex.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IndexEntryInput } from '../../src/intel/sanctions/matching/index.ts';

export const DATASETS = path.resolve(import.meta.dirname, '../../../shared/datasets');
export const UN_XML = path.join(DATASETS, 'sanctions/un/UN_consolidated_2026-02-27.xml');
export const OFAC_SDN_CSV = path.join(DATASETS, 'sanctions/ofac/sdn_csv_2024-05-03/sdn.csv');

function tags(block: string, tag: string): string[] {
  const re = new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g');
  return [...block.matchAll(re)].map((m) => (m[1] ?? '').trim()).filter((v) => v.length > 0);
}

const decode = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** UN entries (individuals and entities); `dprkOnly` keeps UN_LIST_TYPE DPRK. */
export function readUnEntries(dprkOnly = false): IndexEntryInput[] {
  const xml = readFileSync(UN_XML, 'utf8');
  const entries: IndexEntryInput[] = [];
  for (const kind of ['INDIVIDUAL', 'ENTITY'] as const) {
    const re = new RegExp(`<${kind}>([\\s\\S]*?)</${kind}>`, 'g');
    for (const m of xml.matchAll(re)) {
      const block = m[1] ?? '';
      const listType = tags(block, 'UN_LIST_TYPE')[0] ?? '';
      if (dprkOnly && listType !== 'DPRK') continue;
      const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
        .flatMap((t) => tags(block, t))
        .join(' ');
      const names: IndexEntryInput['names'] = primary ? [{ name: decode(primary), quality: 'strong' }] : [];
      for (const alias of block.matchAll(
        /<(?:INDIVIDUAL|ENTITY)_ALIAS>([\s\S]*?)<\/(?:INDIVIDUAL|ENTITY)_ALIAS>/g,
      )) {
        const a = alias[1] ?? '';
        const name = tags(a, 'ALIAS_NAME')[0];
        if (!name) continue;
        const quality = tags(a, 'QUALITY')[0] === 'Low' ? 'weak' : 'strong';
        names.push({ name: decode(name), quality });
      }
      if (names.length === 0) continue;
      const dobs = [
        ...block.matchAll(/<INDIVIDUAL_DATE_OF_BIRTH>([\s\S]*?)<\/INDIVIDUAL_DATE_OF_BIRTH>/g),
      ].flatMap((d) => [...tags(d[1] ?? '', 'DATE'), ...tags(d[1] ?? '', 'YEAR')]);
      const nationalities = [...block.matchAll(/<NATIONALITY>([\s\S]*?)<\/NATIONALITY>/g)].flatMap((n) =>
        tags(n[1] ?? '', 'VALUE'),
      );
      const documents = [
        ...block.matchAll(/<INDIVIDUAL_DOCUMENT>([\s\S]*?)<\/INDIVIDUAL_DOCUMENT>/g),
      ].flatMap((d) => tags(d[1] ?? '', 'NUMBER'));
      entries.push({
        entryId: tags(block, 'REFERENCE_NUMBER')[0] ?? tags(block, 'DATAID')[0] ?? String(entries.length),
        list: `UN ${listType}`,
        kind: kind === 'INDIVIDUAL' ? 'person' : 'organization',
        names,
        datesOfBirth: dobs,
        nationalities,
        documents,
        addresses: [],
      });
    }
  }
  return entries;
}

/** OFAC SDN primary names ("LAST, First" as listed) with a simple CSV split (no aliases). */
export function readOfacEntries(): IndexEntryInput[] {
  const csv = readFileSync(OFAC_SDN_CSV, 'utf8');
  const entries: IndexEntryInput[] = [];
  for (const line of csv.split(/\r?\n/)) {
    const m = /^(\d+),"([^"]*)",([^,]*),"([^"]*)"/.exec(line);
    if (!m) continue;
    entries.push({
      entryId: `OFAC-${m[1]}`,
      list: `OFAC ${m[4] ?? ''}`,
      kind: (m[3] ?? '').includes('individual') ? 'person' : 'organization',
      names: [{ name: m[2] ?? '', quality: 'strong' }],
      datesOfBirth: [],
      nationalities: [],
      documents: [],
      addresses: [],
    });
  }
  return entries;
}
