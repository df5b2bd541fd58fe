// Links across people over HTTP, on SQLite and PostgreSQL: the clusters page's ranking (an address shared by
// several employees first), the kind filter, masking and declared households, and the graph around a subject
// with the stored photo matches on its edges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseBundle } from '../../src/core/bundle/schema.ts';
import { createSubject } from '../../src/services/create-subject.ts';
import { dialects } from '../db.ts';
import { buildBundle } from '../services/factories.ts';
import { recruiter as recruiterActor } from '../services/helpers.ts';
import { type Client, createTestServer, type TestServer } from './helpers.ts';

const at = '2026-03-01T09:00:00Z';
const FARM = '10 Downing Street, London SW1A 2AA';
const IBAN = 'GB82 WEST 1234 5698 7654 32';
const PHOTO = 'a'.repeat(64);

type Shared = { kind: string; display: string; label: string; household: boolean };
type Clusters = {
  items: {
    members: { id: string; kind: string | null }[];
    links: (Shared & { subjects: string[] })[];
    employeeAddress: boolean;
    reason: string;
  }[];
  total: number;
};
type Graph = {
  centre: string;
  nodes: { id: string; hops: number }[];
  edges: { source: string; target: string; shared: Shared[]; household: boolean }[];
  truncated: boolean;
};

function person(id: string, name: string, extra: Partial<CaseBundle> = {}, subject: object = {}): CaseBundle {
  const b = buildBundle({ id, name, ...extra });
  return { ...b, subject: { ...b.subject, ...subject } };
}

const shipTo = (to: string) => ({ changes: [{ at, field: 'shipping_address' as const, to }] });

for (const dialect of dialects) {
  describe(`links over HTTP (${dialect})`, () => {
    let t: TestServer;
    let viewer: Client;

    beforeAll(async () => {
      t = await createTestServer(dialect);
      viewer = await t.withToken('viewer');
      const people = [
        // Two candidates with one phone, one bank account and one photo file: a persona farm.
        person(
          'cand-1',
          'Ana Silva',
          { payments: [{ destination: IBAN, method: 'bank' }] },
          { phone: '+1 416 555 0134', photos: [{ sha256: PHOTO, source: 'resume' }] },
        ),
        person(
          'cand-2',
          'Boris Ivanov',
          { payments: [{ destination: IBAN, method: 'bank' }] },
          { phone: '(416) 555-0134', photos: [{ sha256: PHOTO, source: 'profile' }] },
        ),
        // Two employees whose laptops ship to one address.
        person('emp-1', 'Chen Wei', shipTo(FARM), { kind: 'employee' }),
        person('emp-2', 'Dara Khan', shipTo('10 downing st london sw1a2aa'), { kind: 'employee' }),
        // A declared couple at one address: not a cluster.
        person('emp-3', 'Eva Novak', shipTo('1 Main St, Toronto ON M5H 1A1'), {
          kind: 'employee',
          household: [{ subjectId: 'emp-4', relationship: 'spouse' }],
        }),
        person('emp-4', 'Filip Novak', shipTo('1 Main St, Toronto ON M5H 1A1'), { kind: 'employee' }),
      ];
      for (const p of people) await createSubject(t.app, recruiterActor, p);
    });
    afterAll(() => t.close());

    it('ranks the employees sharing a shipping address first, masks bank accounts, leaves households out', async () => {
      const res = await viewer.request('/api/v1/links/clusters');
      expect(res.status).toBe(200);
      const body = (await res.json()) as Clusters;
      expect(body.total).toBe(2);
      expect(body.items.map((c) => c.members.map((m) => m.id).sort())).toEqual([
        ['emp-1', 'emp-2'],
        ['cand-1', 'cand-2'],
      ]);
      expect(body.items[0]).toMatchObject({ employeeAddress: true });
      expect(body.items[0]!.links).toEqual([
        {
          kind: 'address',
          display: FARM,
          label: 'same shipping address',
          household: false,
          subjects: ['emp-1', 'emp-2'],
        },
      ]);
      expect(body.items[0]!.reason).toMatch(/laptop farm/);
      const kinds = body.items[1]!.links.map((l) => l.kind);
      expect(kinds).toEqual(expect.arrayContaining(['bank', 'phone', 'photo']));
      expect(body.items[1]!.links.find((l) => l.kind === 'bank')!.display).toBe('IBAN GB ending 5432');
      expect(JSON.stringify(body)).not.toMatch(/WEST ?1234/);
      expect(JSON.stringify(body)).not.toContain('emp-3');
    });

    it('filters by kind and limits', async () => {
      const phone = (await (await viewer.request('/api/v1/links/clusters?kind=phone')).json()) as Clusters;
      expect(phone.items.map((c) => c.links.map((l) => l.kind))).toEqual([['phone']]);
      const one = (await (await viewer.request('/api/v1/links/clusters?limit=1')).json()) as Clusters;
      expect(one).toMatchObject({ total: 2 });
      expect(one.items).toHaveLength(1);
      const bad = await viewer.request('/api/v1/links/clusters?kind=shoe');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('kind');
    });

    it('draws the graph around a subject, with household edges marked, and 404 for an unknown one', async () => {
      const res = await viewer.request('/api/v1/subjects/cand-2/links');
      expect(res.status).toBe(200);
      const graph = (await res.json()) as Graph;
      expect(graph.nodes.map((n) => [n.id, n.hops])).toEqual([
        ['cand-2', 0],
        ['cand-1', 1],
      ]);
      expect(graph.edges).toHaveLength(1);
      expect(graph.edges[0]!.shared.map((s) => s.label)).toEqual(
        expect.arrayContaining(['same bank account', 'same phone', 'same photo']),
      );
      const couple = (await (await viewer.request('/api/v1/subjects/emp-3/links')).json()) as Graph;
      expect(couple.edges).toEqual([
        expect.objectContaining({ source: 'emp-3', target: 'emp-4', household: true }),
      ]);
      expect((await viewer.request('/api/v1/subjects/nobody/links')).status).toBe(404);
      // Someone new with the same phone: the kept index is rebuilt, they appear.
      await createSubject(t.app, recruiterActor, person('cand-5', 'Gil Roy', {}, { phone: '+14165550134' }));
      const after = (await (await viewer.request('/api/v1/subjects/cand-2/links')).json()) as Graph;
      expect(after.nodes.map((n) => n.id)).toContain('cand-5');
      expect((await t.anonymous.request('/api/v1/subjects/cand-1/links')).status).toBe(401);
    });
  });
}
