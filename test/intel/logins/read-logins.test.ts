// readLogins over real Okta events (Panther's rule-test logs) in every container layout, broken input,
// slow streams, gzip, encodings and the size caps.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors.ts';
import { detectLoginFormat } from '../../../src/intel/logins/detect.ts';
import type { ReadItem } from '../../../src/intel/logins/model.ts';
import { normalizeOktaEvent } from '../../../src/intel/logins/normalize-okta.ts';
import { readLogins } from '../../../src/intel/logins/read-logins.ts';
import {
  chunked,
  collect,
  ENTRA_SAMPLE,
  eventsOf,
  GOOGLE_SAMPLE,
  pantherLogs,
  problemsOf,
  skippedOf,
} from './helpers.ts';

/** The Okta rule-test logs that are sign-in events (33 of them), as Okta writes them. */
const OKTA = pantherLogs()
  .filter((t) => t.logType === 'Okta.SystemLog')
  .map((t) => t.log)
  .filter((log) => normalizeOktaEvent(log).ok);
const NDJSON = `${OKTA.map((e) => JSON.stringify(e)).join('\n')}\n`;

async function expectedEvents() {
  return eventsOf(await collect(NDJSON, { format: 'okta' }));
}

describe('readLogins: JSON containers', () => {
  it('reads the 33 Okta sign-in events from NDJSON with each event on its own line', async () => {
    const items = await collect(NDJSON);
    expect(OKTA).toHaveLength(33);
    expect(problemsOf(items)).toEqual([]);
    expect(items.map((i) => i.line)).toEqual(OKTA.map((_, index) => index + 1));
    const first = eventsOf(items)[0];
    expect(first).toMatchObject({ source: 'okta', account: 'homer@springfield.gov', ip: '1.1.1.1' });
  });

  it('gives identical events for NDJSON, JSON arrays, Graph {value}, {items}, {records}, an Event Hook and pretty concatenated objects', async () => {
    const expected = await expectedEvents();
    const layouts: Record<string, string> = {
      minifiedArray: JSON.stringify(OKTA),
      prettyArray: JSON.stringify(OKTA, null, 2),
      graphValue: JSON.stringify({
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns',
        value: OKTA,
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x',
      }),
      googleItems: JSON.stringify({ kind: 'admin#reports#activities', etag: '"x"', items: OKTA }, null, 1),
      azureRecords: JSON.stringify({ records: OKTA }),
      eventHook: JSON.stringify(
        {
          eventType: 'com.okta.event_hook',
          eventTypeVersion: '1.0',
          cloudEventsVersion: '0.1',
          source: 'https://example.okta.com/api/v1/eventHooks/who8vt36qfNpCGz9H1e6',
          eventId: 'b5a188b9-5ece-4636-b041-482ffda96311',
          data: { events: OKTA },
          eventTime: '2024-01-01T00:00:00.000Z',
          contentType: 'application/json',
        },
        null,
        2,
      ),
      concatenatedPretty: OKTA.map((e) => JSON.stringify(e, null, 2)).join('\n'),
      ndjsonOfPages: `${JSON.stringify({ records: OKTA.slice(0, 10) })}\n${JSON.stringify({ records: OKTA.slice(10) })}\n`,
    };
    for (const [layout, text] of Object.entries(layouts)) {
      const items = await collect(text);
      expect(problemsOf(items), layout).toEqual([]);
      expect(eventsOf(items), layout).toEqual(expected);
    }
  });

  it('reports the line each element of a pretty-printed array starts on', async () => {
    const items = await collect(JSON.stringify(OKTA.slice(0, 3), null, 2));
    const lines = JSON.stringify(OKTA.slice(0, 3), null, 2).split('\n');
    const starts = lines.flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    expect(items.map((i) => i.line)).toEqual(starts);
    expect(starts[0]).toBe(2);
  });

  it('finds the same records whatever the chunk boundaries (1 byte to 64 KB, UTF-8 cut mid-character)', async () => {
    const withUnicode = OKTA.slice(0, 6).map((e, i) =>
      i === 2 ? { ...e, actor: { ...(e.actor as object), displayName: 'Zoë \\"Ünal\\" 李 🙂' } } : e,
    );
    const text = JSON.stringify({ value: withUnicode }, null, 2);
    const reference = await collect(chunked(text, 1 << 16));
    expect(eventsOf(reference)).toHaveLength(6);
    expect(eventsOf(reference)[2]?.accountName).toBe('Zoë \\"Ünal\\" 李 🙂');
    for (const size of [1, 2, 3, 5, 7, 13, 64, 333, 4096]) {
      expect(await collect(chunked(text, size)), `chunks of ${size}`).toEqual(reference);
    }
    const ndjson = withUnicode.map((e) => JSON.stringify(e)).join('\r\n');
    const ndReference = await collect(chunked(ndjson, 1 << 16));
    for (const size of [1, 2, 3, 7, 100]) {
      expect(await collect(chunked(ndjson, size)), `ndjson chunks of ${size}`).toEqual(ndReference);
    }
  });

  it('gives the same event ids on every read, also for records without a provider id (SHA-1 of the record)', async () => {
    const withoutIds = OKTA.slice(0, 5).map(({ uuid: _uuid, ...rest }) => rest);
    const first = eventsOf(await collect(withoutIds.map((e) => JSON.stringify(e)).join('\n')));
    const again = eventsOf(await collect(withoutIds.map((e) => JSON.stringify(e)).join('\n')));
    const asArray = eventsOf(await collect(JSON.stringify(withoutIds, null, 4)));
    expect(first.map((e) => e.eventId)).toEqual(again.map((e) => e.eventId));
    expect(asArray.map((e) => e.eventId)).toEqual(first.map((e) => e.eventId));
    expect(first[0]?.eventId).toMatch(/^[0-9a-f]{40}$/);
    const ids = eventsOf(await collect(NDJSON)).map((e) => e.eventId);
    expect(eventsOf(await collect(NDJSON)).map((e) => e.eventId)).toEqual(ids);
    expect(ids).toContain('aac560bd-f125-11ee-9caa-cd5d09945def');
  });
});

describe('readLogins: damaged input', () => {
  it('reports malformed NDJSON lines by number and keeps the good lines before and after', async () => {
    const lines = [
      JSON.stringify(OKTA[0]),
      '{"eventType": "user.session.start", "published": ',
      JSON.stringify(OKTA[1]),
      '',
      '[1, 2',
      JSON.stringify(OKTA[2]),
      '"just a string"',
      'not json at all',
      JSON.stringify(OKTA[3]),
    ];
    const items = await collect(lines.join('\n'));
    expect(eventsOf(items).map((e) => e.eventId)).toEqual(
      eventsOf(
        await collect([OKTA[0], OKTA[1], OKTA[2], OKTA[3]].map((e) => JSON.stringify(e)).join('\n')),
      ).map((e) => e.eventId),
    );
    expect(items.filter((i) => i.kind === 'event').map((i) => i.line)).toEqual([1, 3, 6, 9]);
    const problems = problemsOf(items);
    expect(problems.map((p) => p.line)).toEqual([2, 5, 7, 8]);
    expect(problems[0]?.message).toMatch(/^not valid JSON/);
    expect(problems[2]?.message).toBe('not a JSON object; skipped');
  });

  it('finds the container after long or hostile keys cut across chunks', async () => {
    const longKey = 'k'.repeat(3 * 1024 * 1024);
    const text = `{"${longKey}": 1, "val\\u0075e": 2, "@odata.context": "x", "value": ${JSON.stringify(OKTA.slice(0, 4))}}`;
    const items = await collect(chunked(text, 4096));
    expect(problemsOf(items)).toEqual([]);
    expect(eventsOf(items)).toHaveLength(4);
  });

  it('reports a malformed element of an array at the line it starts on and keeps the others', async () => {
    const good = OKTA.slice(0, 3).map((e) => JSON.stringify(e, null, 2).replace(/\n/g, '\n  '));
    const text = `[\n  ${good[0]},\n  {\n    "eventType": "user.session.start",\n    "published": 2024-01-01\n  },\n  ${good[1]},\n  ${good[2]}\n]\n`;
    const items = await collect(text);
    expect(eventsOf(items)).toHaveLength(3);
    const badLine = text.split('\n').indexOf('    "published": 2024-01-01') - 1;
    expect(badLine).toBeGreaterThan(20);
    expect(problemsOf(items)).toEqual([{ line: badLine, message: expect.stringMatching(/^not valid JSON/) }]);
  });

  it('reports a truncated array: the events before it are kept', async () => {
    const text = JSON.stringify(OKTA.slice(0, 4), null, 2);
    const items = await collect(text.slice(0, Math.floor(text.length * 0.8)));
    expect(eventsOf(items)).toHaveLength(3);
    expect(problemsOf(items)).toEqual([
      {
        line: expect.any(Number),
        message: expect.stringMatching(/ends inside the record that starts on line \d+/),
      },
    ]);
  });

  it('skips a record over the size cap with a problem and reads on (NDJSON and arrays)', async () => {
    const huge = JSON.stringify({ ...OKTA[0], padding: 'x'.repeat(1_200_000) });
    const ndjson = [JSON.stringify(OKTA[0]), huge, JSON.stringify(OKTA[1])].join('\n');
    const items = await collect(chunked(ndjson, 50_000));
    expect(eventsOf(items)).toHaveLength(2);
    expect(problemsOf(items)).toEqual([{ line: 2, message: 'line 2 is larger than 1 MB; skipped' }]);

    const array = `[\n${JSON.stringify(OKTA[0])},\n${huge},\n${JSON.stringify(OKTA[1])}\n]`;
    const fromArray = await collect(chunked(array, 50_000));
    expect(eventsOf(fromArray)).toHaveLength(2);
    expect(problemsOf(fromArray)).toEqual([
      { line: 3, message: 'the record on line 3 is larger than 1 MB; skipped' },
    ]);

    const capped = await collect(ndjson, { maxRecordBytes: 4096 });
    expect(problemsOf(capped).map((p) => p.line)).toEqual([2]);
  });

  it('does not hold a hostile endless line: a 30 MB line without a newline is one problem', async () => {
    const piece = Buffer.alloc(1 << 20, 'a');
    async function* endless() {
      yield Buffer.from(`${JSON.stringify(OKTA[0])}\n{"x":"`);
      for (let i = 0; i < 30; i++) yield piece;
      yield Buffer.from(`"}\n${JSON.stringify(OKTA[1])}\n`);
    }
    const items = await collect(Readable.from(endless()));
    expect(eventsOf(items)).toHaveLength(2);
    expect(problemsOf(items)).toEqual([{ line: 2, message: 'line 2 is larger than 1 MB; skipped' }]);
  });

  it('survives a record nested too deep to hash: one problem, the rest is read', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const hostile = `{"eventType":"user.session.start","published":"2024-01-01T00:00:00Z","x":${deep}}`;
    const items = await collect([JSON.stringify(OKTA[0]), hostile, JSON.stringify(OKTA[1])].join('\n'));
    expect(eventsOf(items)).toHaveLength(2);
    expect(problemsOf(items)).toEqual([{ line: 2, message: 'record nested too deeply to read; skipped' }]);
    expect(normalizeOktaEvent(JSON.parse(hostile))).toEqual({
      ok: false,
      reason: 'record nested too deeply to read; skipped',
    });
  });

  it('skips non-sign-in records with their reason (not problems) and reads on', async () => {
    const admin = pantherLogs().find((t) => t.rule === 'Okta.AdminRoleAssigned')?.log;
    const items = await collect([OKTA[0], admin, OKTA[1]].map((e) => JSON.stringify(e)).join('\n'));
    expect(eventsOf(items)).toHaveLength(2);
    expect(problemsOf(items)).toEqual([]);
    expect(skippedOf(items)).toEqual([
      { line: 2, reason: 'Okta event type user.account.privilege.grant is not a sign-in' },
    ]);
  });

  it('an Okta export of every Panther Okta log: other event types skipped, only broken records are problems', async () => {
    const all = pantherLogs()
      .filter((t) => t.logType === 'Okta.SystemLog')
      .map((t) => JSON.stringify(t.log));
    const items = await collect(`${all.join('\n')}\n`, { format: 'okta' });
    expect(items).toHaveLength(all.length);
    expect(eventsOf(items)).toHaveLength(33);
    expect(skippedOf(items)).toHaveLength(46);
    expect(new Set(skippedOf(items).map((s) => s.reason))).toContain(
      'Okta event type user.session.impersonation.grant is not a sign-in',
    );
    for (const s of skippedOf(items)) expect(s.reason).toMatch(/^Okta event type \S+ is not a sign-in$/);
    // "redacted" or missing times, and one record that is not an Okta event at all
    expect(problemsOf(items).map((p) => p.message.replace(/^Okta [\w.]+ event/, 'Okta … event'))).toEqual(
      expect.arrayContaining([
        'unreadable time "redacted"',
        'Okta … event without a time (published)',
        'not an Okta System Log event (no eventType)',
      ]),
    );
    expect(problemsOf(items)).toHaveLength(8);
  });

  it('a sign-in event type without a time is a problem; a hostile event type is cut short in the reason', async () => {
    const { published: _published, ...timeless } = OKTA[0] as Record<string, unknown>;
    const huge = { ...(OKTA[1] as Record<string, unknown>), eventType: `x.${'y'.repeat(100_000)}` };
    const items = await collect([timeless, huge].map((e) => JSON.stringify(e)).join('\n'));
    expect(problemsOf(items)).toEqual([
      { line: 1, message: expect.stringMatching(/^Okta [\w.]+ event without a time \(published\)$/) },
    ]);
    const [skipped] = skippedOf(items);
    expect(skipped?.line).toBe(2);
    expect(skipped?.reason).toBe(`Okta event type x.${'y'.repeat(98)}… is not a sign-in`);
  });

  it('yields nothing for an empty or blank file', async () => {
    expect(await collect('')).toEqual([]);
    expect(await collect('\n\r\n  \n')).toEqual([]);
  });

  it('refuses CSV when a JSON format is asked for, naming what the file starts with', async () => {
    await expect(collect('Date (UTC),Request ID\n', { format: 'okta' })).rejects.toThrow(
      /format okta expects JSON .* starts with "Date \(UTC\),Request ID"/,
    );
  });
});

describe('readLogins: streaming', () => {
  it('hands out the first event before the input has ended', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let ended = false;
    async function* slow() {
      yield Buffer.from(`${JSON.stringify(OKTA[0])}\n`);
      await gate;
      yield Buffer.from(`${JSON.stringify(OKTA[1])}\n`);
      ended = true;
    }
    const iterator = readLogins(Readable.from(slow()), { format: 'auto' })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(ended).toBe(false);
    expect(first.done).toBe(false);
    expect((first.value as ReadItem).kind).toBe('event');
    release();
    const second = await iterator.next();
    expect((second.value as ReadItem).line).toBe(2);
    expect((await iterator.next()).done).toBe(true);
    expect(ended).toBe(true);
  });

  it('closes the input when the caller stops early (plain and gzip)', async () => {
    for (const bytes of [Buffer.from(NDJSON.repeat(20)), gzipSync(Buffer.from(NDJSON.repeat(20)))]) {
      const input = chunked(bytes, 1000);
      let seen = 0;
      for await (const item of readLogins(input, { format: 'auto' })) {
        expect(item.kind).toBe('event');
        if (++seen === 2) break;
      }
      expect(input.destroyed).toBe(true);
    }
  });

  it('reports progress in raw bytes read', async () => {
    const seen: number[] = [];
    const bytes = Buffer.from(NDJSON);
    await collect(chunked(bytes, 1000), { onBytes: (n) => seen.push(n) });
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBe(Math.ceil(bytes.length / 1000));
  });

  it('says which format it detected', async () => {
    const formats: string[] = [];
    await collect(readFileSync(ENTRA_SAMPLE), { onFormat: (f) => formats.push(f) });
    await collect(readFileSync(GOOGLE_SAMPLE), { onFormat: (f) => formats.push(f) });
    await collect(NDJSON, { onFormat: (f) => formats.push(f) });
    expect(formats).toEqual(['entra', 'google', 'okta']);
  });
});

describe('readLogins: gzip and encodings', () => {
  it('reads gzip input (by its magic bytes) with progress in compressed bytes', async () => {
    const gz = gzipSync(Buffer.from(JSON.stringify(OKTA, null, 2)));
    let last = 0;
    const items = await collect(chunked(gz, 777), { onBytes: (n) => (last = n) });
    expect(eventsOf(items)).toEqual(await expectedEvents());
    expect(last).toBe(gz.length);
    expect(detectLoginFormat(gz.subarray(0, 4000))).toBe('okta');
  });

  it('stops a decompression bomb at the output limit with a clear error', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"x":"'), Buffer.alloc(50 * 1024 * 1024, 'a')]));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const run = collect(bomb, { maxDecompressedBytes: 10 * 1024 * 1024 });
    await expect(run).rejects.toBeInstanceOf(DomainError);
    await expect(collect(bomb, { maxDecompressedBytes: 10 * 1024 * 1024 })).rejects.toThrow(
      /expands to more than 10485760 bytes/,
    );
  });

  it('reports damaged gzip data as such', async () => {
    const gz = gzipSync(Buffer.from(NDJSON));
    const damaged = Buffer.concat([gz.subarray(0, 200), Buffer.alloc(200, 0x41), gz.subarray(400)]);
    await expect(collect(damaged)).rejects.toThrow(/the gzip data is damaged/);
  });

  it('accepts a UTF-8 byte-order mark and CRLF line ends', async () => {
    const text = `\uFEFF${OKTA.map((e) => JSON.stringify(e)).join('\r\n')}\r\n`;
    expect(eventsOf(await collect(text))).toEqual(await expectedEvents());
    const array = `\uFEFF${JSON.stringify(OKTA, null, 2).replace(/\n/g, '\r\n')}`;
    expect(eventsOf(await collect(array))).toEqual(await expectedEvents());
  });

  it('reads UTF-16 text (with its byte-order mark) as saved by spreadsheet tools', async () => {
    const csv = 'timestamp,user,ip\n2024-05-01T09:30:00Z,Zoë@Example.com,203.0.113.9\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    const events = eventsOf(await collect(chunked(utf16, 7)));
    expect(events).toEqual([
      expect.objectContaining({
        at: '2024-05-01T09:30:00.000Z',
        account: 'zoë@example.com',
        ip: '203.0.113.9',
      }),
    ]);
  });
});

describe('detectLoginFormat', () => {
  it('tells the formats apart from the first bytes', () => {
    expect(detectLoginFormat(NDJSON.slice(0, 3000))).toBe('okta');
    expect(detectLoginFormat(JSON.stringify({ value: OKTA }).slice(0, 9000))).toBe('okta');
    expect(detectLoginFormat(readFileSync(ENTRA_SAMPLE).subarray(0, 2000))).toBe('entra');
    expect(detectLoginFormat(readFileSync(GOOGLE_SAMPLE))).toBe('google');
    expect(detectLoginFormat('Date (UTC),Request ID,User,Username,IP address,Location\n')).toBe('entra-csv');
    expect(detectLoginFormat('\uFEFFtimestamp;user;ip\n')).toBe('csv');
    expect(detectLoginFormat('{"at":"2024-05-01T09:30:00Z","account":"a@b.c","ip":"203.0.113.9"}\n')).toBe(
      'ndjson',
    );
    expect(detectLoginFormat('')).toBeUndefined();
    expect(detectLoginFormat('[{"eventType": "user.session.start", "pub')).toBeUndefined();
  });
});
