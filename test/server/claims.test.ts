// GET /subjects/{id}/claims in-process: the stored bundle laid out by source, with the assessment's
// consistency.employment signal linked to the employer row it concerns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimsTable } from '../../src/core/claims/build-claims.ts';
import { createTestServer, type TestServer } from './helpers.ts';

let t: TestServer;

beforeAll(async () => {
  t = await createTestServer();
});
afterAll(() => t.close());

const bundle = {
  format: 'gatecheck.case-bundle/v1',
  subject: { id: 'cand-claims', kind: 'candidate', name: 'Kim Min-jun' },
  application: { answers: { legalName: 'Minjun Kim' } },
  employment: [
    {
      employer: 'Shopwise Inc.',
      title: 'Backend Developer',
      start: '2019-04',
      end: '2022-08',
      source: 'resume',
    },
    {
      employer: 'Shopwise',
      title: 'Backend Developer',
      start: '2021-01',
      end: '2022-08',
      source: 'application',
    },
  ],
};

describe('GET /subjects/{id}/claims', () => {
  it('answers the table for a viewer, with the employment signal on the employer row', async () => {
    const recruiter = await t.signIn('recruiter');
    const created = await recruiter.request('/api/v1/subjects', { method: 'POST', json: bundle });
    expect(created.status, await created.clone().text()).toBe(201);

    const viewer = await t.signIn('viewer');
    const res = await viewer.request('/api/v1/subjects/cand-claims/claims');
    expect(res.status).toBe(200);
    const table: ClaimsTable = await res.json();
    const name = table.rows.find((r) => r.field === 'name');
    expect(name?.status).toBe('agree');
    expect(name?.values.map((v) => v.column)).toEqual(['application', 'record']);
    const employer = table.rows.find((r) => r.field === 'employer');
    expect(employer?.status).toBe('differ');
    expect(employer?.comparisons[0]?.reason).toBe(
      'start 2019-04 in the resume but 2021-01 in the application',
    );
    expect(employer?.signals.map((s) => s.id)).toEqual(['consistency.employment']);
    expect(table.counts.differ).toBe(1);
  });

  it('is 404 for a subject that does not exist', async () => {
    const viewer = await t.signIn('viewer');
    const res = await viewer.request('/api/v1/subjects/nobody/claims');
    expect(res.status).toBe(404);
  });
});
