// CSV: the Entra admin center's sign-in download, generic CSV with guessed or given column mappings,
// quoting, broken rows and the errors that name what is missing.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/core/errors.ts';
import { chunked, collect, eventsOf, problemsOf, skippedOf } from './helpers.ts';

/** The columns of the Entra sign-in CSV download (interactive user sign-ins), as the admin center writes them. */
const ENTRA_HEADER =
  'Date (UTC),Request ID,User agent,Correlation ID,User ID,User,Username,User type,Cross tenant access type,' +
  'Incoming token type,Authentication Protocol,Unique token identifier,Original transfer method,' +
  'Client credential type,Token Protection - Sign In Session,Token Protection - Sign In Session StatusCode,' +
  'Application,Application ID ,App owner tenant ID,Resource,Resource ID ,Resource tenant ID,' +
  'Resource owner tenant ID,Home tenant ID,Home tenant name,IP address,Location,Status,Sign-in error code,' +
  'Failure reason,Client app,Device ID,Browser,Operating System,Compliant,Managed,Join Type,' +
  'Multifactor authentication result,Multifactor authentication auth method,' +
  'Multifactor authentication auth detail,Authentication requirement,Sign-in identifier,Session ID,' +
  'IP address (seen by resource),Through Global Secure Access,Global Secure Access IP address,' +
  'Autonomous system  number,Flagged for review,Token issuer type,Incoming token type,Token issuer name,' +
  'Latency,Conditional Access,Managed Identity type,Associated Resource Id,Federated Token Id,' +
  'Federated Token Issuer';

function entraRow(values: Record<string, string>): string {
  const columns = ENTRA_HEADER.split(',');
  return columns
    .map((column) => {
      const value = values[column.trim()] ?? '';
      return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    })
    .join(',');
}

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0';

describe('Entra admin center sign-in CSV download', () => {
  const csv = [
    ENTRA_HEADER,
    entraRow({
      'Date (UTC)': '2025-12-04T08:19:41Z',
      'Request ID': 'f3f8c2a4-61a5-4d9b-9a5e-2b8d3c1e0a01',
      'User agent': UA,
      User: 'Lee, Dana',
      Username: 'Dana.Lee@Contoso.com',
      Application: 'Microsoft Teams',
      'IP address': '203.0.113.7',
      Location: 'Redmond, Washington, US',
      Status: 'Success',
      'Sign-in error code': '0',
      Browser: 'Chrome 124.0.0',
      'Operating System': 'Windows 10',
      'Session ID': '00aa11bb-22cc-33dd-44ee-55ff66aa77bb',
      'Autonomous system  number': '8075',
    }),
    entraRow({
      'Date (UTC)': '2025-12-04T08:21:02Z',
      'Request ID': 'a1b2c3d4-0000-4000-8000-000000000002',
      User: 'Lee, Dana',
      Username: 'dana.lee@contoso.com',
      'IP address': '198.51.100.23',
      Location: 'Pyongyang, KP',
      Status: 'Failure',
      'Sign-in error code': '50126',
      'Failure reason':
        'Error validating credentials due to invalid username or password.\nSecond line, "quoted".',
    }),
    entraRow({
      'Date (UTC)': '12/4/2025, 9:05:11 PM',
      'Request ID': 'a1b2c3d4-0000-4000-8000-000000000003',
      Username: 'dana.lee@contoso.com',
      'IP address': '2001:DB8::1',
      Status: 'Interrupted',
      'Sign-in error code': '50074',
    }),
  ].join('\r\n');

  it('is detected by its header and read row by row, quoted commas and line breaks included', async () => {
    const formats: string[] = [];
    const items = await collect(chunked(csv, 97), { onFormat: (f) => formats.push(f) });
    expect(formats).toEqual(['entra-csv']);
    expect(problemsOf(items)).toEqual([]);
    expect(items.map((i) => i.line)).toEqual([2, 3, 5]);
    const [first, second, third] = eventsOf(items);
    expect(first).toEqual({
      source: 'entra',
      eventId: 'f3f8c2a4-61a5-4d9b-9a5e-2b8d3c1e0a01',
      at: '2025-12-04T08:19:41.000Z',
      account: 'dana.lee@contoso.com',
      accountName: 'Lee, Dana',
      ip: '203.0.113.7',
      outcome: 'success',
      eventType: 'signIn',
      app: 'Microsoft Teams',
      userAgent: UA,
      device: 'Windows 10 · Chrome 124.0.0',
      sessionId: '00aa11bb-22cc-33dd-44ee-55ff66aa77bb',
      reported: { city: 'Redmond', region: 'Washington', country: 'US', asn: 8075 },
    });
    expect(second).toMatchObject({
      outcome: 'failure',
      ip: '198.51.100.23',
      reported: { region: 'Pyongyang', country: 'KP' },
    });
    expect(third).toMatchObject({ at: '2025-12-04T21:05:11.000Z', outcome: 'challenge', ip: '2001:db8::1' });
  });

  it('skips an application (service principal) row with its reason; a row without a time is a problem', async () => {
    const header = `${ENTRA_HEADER},Service principal ID,Service principal name`;
    const row = (values: Record<string, string>, sp: string) =>
      `${entraRow(values)},${sp},${sp ? 'CI deploy' : ''}`;
    const lines = [
      header,
      row({ 'Date (UTC)': '2025-12-04T08:19:41Z', 'Request ID': 'r1', Username: 'dana.lee@contoso.com' }, ''),
      row({ 'Date (UTC)': '2025-12-04T08:20:00Z', 'Request ID': 'r2', 'IP address': '20.1.2.3' }, 'sp-1'),
      // an application's row is skipped whatever its date says
      row({ 'Date (UTC)': 'yesterday', 'Request ID': 'r3' }, 'sp-1'),
      row({ 'Request ID': 'r4', Username: 'dana.lee@contoso.com' }, ''),
    ];
    const items = await collect(lines.join('\n'), { format: 'entra-csv' });
    expect(eventsOf(items).map((e) => e.eventId)).toEqual(['r1']);
    expect(skippedOf(items)).toEqual([
      { line: 3, reason: "an application's sign-in (service principal), not a person's" },
      { line: 4, reason: "an application's sign-in (service principal), not a person's" },
    ]);
    expect(problemsOf(items)).toEqual([{ line: 5, message: 'no time in "Date (UTC)"' }]);
  });

  it('keeps rows after a broken one and reports the broken row by line', async () => {
    const lines = csv.split('\r\n');
    const broken = [
      lines[0],
      lines[1],
      '2025-12-04T09:00:00Z,"bad"quote,x',
      lines[2],
      lines[3],
      lines[4],
    ].join('\n');
    const items = await collect(broken, { format: 'entra-csv' });
    expect(eventsOf(items)).toHaveLength(3);
    expect(problemsOf(items)).toEqual([
      { line: 3, message: 'malformed CSV: unexpected "q" after a closing quote; skipped this line' },
    ]);
  });
});

describe('Entra CSV asked for, something else given', () => {
  it('says which Entra columns are missing and lists the ones there are', async () => {
    await expect(
      collect('time,user,ip\n2024-05-01T10:00:00Z,ana,203.0.113.5\n', { format: 'entra-csv' }),
    ).rejects.toThrow(
      'not an Entra sign-in CSV download: no "Date (UTC)" or "Username" column; the columns are "time", "user", "ip"',
    );
  });
});

describe('generic CSV', () => {
  it('guesses the columns from common names (BOM, CRLF, quoted fields, ; delimiter)', async () => {
    const csv =
      '\uFEFFTimestamp;User Email;Client IP;Result;Country;User Agent\r\n' +
      '2024-05-01T09:30:00Z;Kim@Example.com;203.0.113.9;success;"Korea, Republic of";"Mozilla/5.0; x"\r\n' +
      '1714556400;kim@example.com;198.51.100.1;FAILED;Russia;\r\n';
    const items = await collect(csv);
    expect(problemsOf(items)).toEqual([]);
    expect(eventsOf(items)).toEqual([
      {
        source: 'generic',
        eventId: expect.stringMatching(/^[0-9a-f]{40}$/),
        at: '2024-05-01T09:30:00.000Z',
        account: 'kim@example.com',
        ip: '203.0.113.9',
        outcome: 'success',
        userAgent: 'Mozilla/5.0; x',
        reported: { country: 'KR' },
      },
      expect.objectContaining({
        at: '2024-05-01T09:40:00.000Z',
        outcome: 'failure',
        reported: { country: 'RU' },
      }),
    ]);
  });

  it('uses a given mapping and reports unreadable times per row', async () => {
    const csv = 'when,who,addr,sid\n2024-05-01 10:00:00,ana,203.0.113.5,s1\n05/01/2024,ana,203.0.113.5,s2\n';
    const items = await collect(csv, {
      format: 'csv',
      mapping: { at: 'when', account: 'who', ip: 'addr', sessionId: 'sid' },
    });
    expect(eventsOf(items)).toEqual([
      expect.objectContaining({ at: '2024-05-01T10:00:00.000Z', sessionId: 's1' }),
    ]);
    expect(problemsOf(items)).toEqual([
      { line: 3, message: expect.stringMatching(/^unreadable time "05\/01\/2024" in "when" \(use ISO 8601/) },
    ]);
  });

  it('names the missing columns and lists the ones the file has when nothing can be guessed', async () => {
    const run = collect('day,person,address\n2024-05-01,ana,203.0.113.5\n', { format: 'csv' });
    await expect(run).rejects.toBeInstanceOf(DomainError);
    await expect(
      collect('day,person,address\n2024-05-01,ana,203.0.113.5\n', { format: 'csv' }),
    ).rejects.toThrow(
      'cannot tell which column holds a time (timestamp, time, datetime, date (utc), date…) and an account (username, user_name, userPrincipalName, upn, login…); the columns are "day", "person", "address"',
    );
    await expect(
      collect('when,who\n2024-05-01,ana\n', {
        format: 'csv',
        mapping: { at: 'when', account: 'user', ip: 'ip' },
      }),
    ).rejects.toThrow(
      'the mapping names columns the file does not have: account → "user", ip → "ip"; the columns are "when", "who"',
    );
  });

  it('keeps the error short for a header of thousands of columns', async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',');
    const run = collect(`${header}\n${'x,'.repeat(4999)}x\n`, { format: 'csv' });
    await expect(run).rejects.toThrow(/"c38", "c39" … and 4960 more\. Pass a mapping/);
  });

  it('reports a row with an unclosed quote and resumes on the next line', async () => {
    const csv = [
      'time,user,ip',
      '2024-05-01T10:00:00Z,ana,203.0.113.5',
      '2024-05-01T10:01:00Z,"ben,203.0.113.6',
      '2024-05-01T10:02:00Z,cy,203.0.113.7',
      '2024-05-01T10:03:00Z,di,203.0.113.8',
    ].join('\n');
    const items = await collect(csv, { maxRecordBytes: 60 });
    expect(eventsOf(items).map((e) => e.account)).toEqual(['ana', 'cy', 'di']);
    expect(problemsOf(items)).toEqual([
      { line: 3, message: 'the record on line 3 is larger than 60 bytes; skipped' },
    ]);
    const atEnd = await collect(
      'time,user,ip\n2024-05-01T10:00:00Z,ana,203.0.113.5\n2024-05-01T10:01:00Z,"ben\n',
    );
    expect(eventsOf(atEnd).map((e) => e.account)).toEqual(['ana']);
    expect(problemsOf(atEnd)).toEqual([
      { line: 3, message: 'malformed CSV: a quoted field is never closed; skipped this line' },
    ]);
  });
});

describe('generic NDJSON', () => {
  it('guesses dotted paths from the first record', async () => {
    const text = [
      {
        ts: 1714556400000,
        user: { email: 'Ana@Example.com', name: 'Ana' },
        src_ip: '203.0.113.5',
        result: 'ok',
      },
      { ts: 1714556460000, user: { email: 'ana@example.com' }, src_ip: '203.0.113.6' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const formats: string[] = [];
    const events = eventsOf(await collect(text, { onFormat: (f) => formats.push(f) }));
    expect(formats).toEqual(['ndjson']);
    expect(events.map((e) => [e.at, e.account, e.ip, e.outcome])).toEqual([
      ['2024-05-01T09:40:00.000Z', 'ana@example.com', '203.0.113.5', 'success'],
      ['2024-05-01T09:41:00.000Z', 'ana@example.com', '203.0.113.6', 'unknown'],
    ]);
  });

  it('lists the fields it found when no time or account field can be told', async () => {
    await expect(collect('{"a": 1, "b": {"c": "x"}}\n')).rejects.toThrow(
      /^cannot tell which field holds a time .* and an account .*; the fields are "a", "b.c"/,
    );
  });
});
