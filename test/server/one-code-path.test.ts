// One assessment function serves the CLI, the API and the UI: the stateless API, the stored assessment
// and core itself must give the same result for the same bundles and moment.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessPopulation, toPublicAssessment } from '../../src/core/assess.ts';
import { validateBundle } from '../../src/core/bundle/validate.ts';
import { createTestServer, type TestServer } from './helpers.ts';

const AT = '2026-06-01T00:00:00.000Z';
const names = ['01-clean-legitimate', '02-clear-infiltrator', '03-ambiguous'];
const raw: unknown[] = names.map((n) =>
  JSON.parse(readFileSync(new URL(`../../../shared/examples/${n}.json`, import.meta.url), 'utf8')),
);

describe('one code path', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer('sqlite');
  }, 60_000);
  afterAll(() => t.close());

  it('POST /assess equals core assessPopulation, and a stored assessment at the same moment agrees', async () => {
    const bundles = raw.map((value) => {
      const checked = validateBundle(value);
      if (!checked.ok) throw new Error('example does not validate');
      return checked.bundle;
    });
    const expected = assessPopulation(bundles, { now: new Date(AT) }).map(toPublicAssessment);

    const recruiter = await t.signIn('recruiter');
    const res = await recruiter.request('/api/v1/assess', { method: 'POST', json: { bundles: raw, at: AT } });
    expect(res.status).toBe(200);
    expect((await res.json()).assessments).toEqual(expected);

    const imported = await recruiter.request('/api/v1/subjects/import', {
      method: 'POST',
      json: { bundles: raw },
    });
    expect(imported.status).toBe(200);
    const stored = await recruiter.request('/api/v1/subjects/emp-0207/assess', {
      method: 'POST',
      json: { at: AT },
    });
    expect(stored.status).toBe(200);
    const detailed = await stored.json();
    const mine = expected[1];
    expect({ score: detailed.score, band: detailed.band }).toEqual({ score: mine?.score, band: mine?.band });
    expect(detailed.signals.map((s: { id: string }) => s.id)).toEqual(mine?.signals.map((s) => s.id));
  });
});
