// The IP intelligence routes over HTTP: lookup shape, 400 for a non-address, list import as the raw text
// body (admin only, CSRF applies), removal, and the databases with their attribution.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachIpIntel, GOOGLE_DNS_VIEW, TOR_EXITS } from '../ip-fixture.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

describe('IP intelligence routes', () => {
  let t: TestServer;
  let admin: Client;
  let viewer: Client;
  let investigatorToken: Client;

  beforeAll(async () => {
    t = await createTestServer();
    attachIpIntel(t.app);
    admin = await t.signIn('admin');
    viewer = await t.signIn('viewer');
    investigatorToken = await t.withToken('investigator');
  });
  afterAll(() => t.close());

  it('GET /ip/{address}: every field, unknown values null', async () => {
    const res = await viewer.request('/api/v1/ip/8.8.8.8');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(GOOGLE_DNS_VIEW);
    const reserved = await (await viewer.request('/api/v1/ip/192.168.1.10')).json();
    expect(reserved).toMatchObject({ country: null, lat: null, asn: null, kind: 'unknown', provider: null });
    const v6 = await viewer.request(`/api/v1/ip/${encodeURIComponent('2001:4860:4860::8888')}`);
    expect(((await v6.json()) as { asn: number }).asn).toBe(15169);
  });

  it('GET /ip/{address} with a non-address: 400 problem', async () => {
    const res = await viewer.request('/api/v1/ip/not-an-address');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('validation');
  });

  it('POST /intel/ip/lists: the body is the list; 201 with the list and its bad lines', async () => {
    const body = `${readFileSync(TOR_EXITS, 'utf8')}bogus line\n`;
    const res = await admin.request('/api/v1/intel/ip/lists?name=tor-exits&kind=tor&provider=Tor', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(res.status).toBe(201);
    const json = (await res.json()) as Record<string, unknown>;
    expect(json.list).toMatchObject({ name: 'tor-exits', kind: 'tor', provider: 'Tor', entries: 1746 });
    expect(json.problems).toEqual([
      { line: 1747, message: '"bogus line": one address, block, range or ASN per line' },
    ]);
    const looked = (await (await viewer.request('/api/v1/ip/101.99.92.179')).json()) as { kind: string };
    expect(looked.kind).toBe('tor');
  });

  it('POST /intel/ip/lists: a file with no valid entry is a 422 with the line problems', async () => {
    const res = await admin.request('/api/v1/intel/ip/lists?name=junk&kind=vpn', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello\n',
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { problems: unknown[] }).problems).toEqual([
      { path: 'line 1', message: '"hello" is not an IP address, CIDR block, range or ASN' },
    ]);
  });

  it('POST /intel/ip/lists: a bad kind or missing name is a 400; a cookie without CSRF is refused', async () => {
    const bad = await admin.request('/api/v1/intel/ip/lists?name=x&kind=isp', {
      method: 'POST',
      body: '1.1.1.1\n',
    });
    expect(bad.status).toBe(400);
    const noName = await admin.request('/api/v1/intel/ip/lists?kind=vpn', {
      method: 'POST',
      body: '1.1.1.1\n',
    });
    expect(noName.status).toBe(400);
    const noCsrf = await admin.request('/api/v1/intel/ip/lists?name=x&kind=vpn', {
      method: 'POST',
      body: '1.1.1.1\n',
      csrf: false,
    });
    expect(noCsrf.status).toBe(403);
  });

  it('only admins import or remove; viewers and investigators get 403', async () => {
    for (const client of [viewer, investigatorToken]) {
      const res = await client.request('/api/v1/intel/ip/lists?name=x&kind=vpn', {
        method: 'POST',
        body: '1.1.1.1\n',
      });
      expect(res.status).toBe(403);
      expect((await client.request('/api/v1/intel/ip/lists/tor-exits', { method: 'DELETE' })).status).toBe(
        403,
      );
    }
  });

  it('GET /intel/ip: databases with licence and DB-IP attribution, and the lists', async () => {
    const res = await viewer.request('/api/v1/intel/ip');
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      databases: { id: string; licence: string; url: string; attribution: string }[];
      lists: { name: string; entries: number }[];
    };
    expect(json.databases.map((d) => [d.id, d.licence])).toEqual([
      ['dbip-city', 'CC BY 4.0'],
      ['asn', 'CC BY 4.0'],
    ]);
    expect(json.databases[0]?.url).toBe('https://db-ip.com');
    expect(json.databases[0]?.attribution).toContain('IP Geolocation by DB-IP');
    expect(json.lists.map((l) => [l.name, l.entries])).toEqual([['tor-exits', 1746]]);
  });

  it('DELETE /intel/ip/lists/{name}: 204, then 404', async () => {
    expect((await admin.request('/api/v1/intel/ip/lists/tor-exits', { method: 'DELETE' })).status).toBe(204);
    expect((await admin.request('/api/v1/intel/ip/lists/tor-exits', { method: 'DELETE' })).status).toBe(404);
    const looked = (await (await viewer.request('/api/v1/ip/101.99.92.179')).json()) as { kind: string };
    expect(looked.kind).not.toBe('tor');
  });
});
