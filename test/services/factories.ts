import type { CaseBundle } from '../../src/core/bundle/schema.ts';

export function buildBundle(
  overrides: Partial<CaseBundle> & { id?: string; name?: string } = {},
): CaseBundle {
  const { id = 'cand-0001', name = 'Daniel Moreau', ...rest } = overrides;
  return {
    format: 'gatecheck.case-bundle/v1',
    subject: {
      id,
      kind: 'candidate',
      name,
      email: `${id}@example.com`,
      role: 'Senior Developer',
      claimedLocation: { city: 'Toronto', country: 'CA', timezone: 'America/Toronto' },
    },
    ...rest,
  };
}

/** A bundle with the classic pattern: camera refused, crypto payment request, overdue passport. */
export function buildRiskyBundle(id = 'emp-0207', name = 'Kyle Anderson'): CaseBundle {
  return buildBundle({
    id,
    name,
    interviews: [
      {
        at: '2026-01-05T14:00:00-07:00',
        plannedMode: 'video',
        actualMode: 'chat',
        status: 'held',
        cameraOn: false,
        excuse: 'camera broken',
      },
      {
        at: '2026-01-08T14:00:00-07:00',
        plannedMode: 'video',
        actualMode: 'video',
        status: 'held',
        cameraOn: false,
        excuse: 'camera broken',
      },
    ],
    documents: [
      { kind: 'passport', requestedAt: '2026-01-10T09:00:00-07:00', dueAt: '2026-01-14T17:00:00-07:00' },
    ],
    payments: [
      {
        at: '2026-03-10T09:00:00-07:00',
        kind: 'request',
        method: 'crypto',
        asset: 'USDT',
        destination: '0x52908400098527886E0F7030069857D2E4169EE7',
        amount: 8000,
        currency: 'USD',
      },
    ],
    logins: [
      { at: '2026-03-11T01:00:00Z', ip: '203.0.113.7', country: 'CN', app: 'okta' },
      { at: '2026-03-11T02:00:00Z', ip: '203.0.113.7', country: 'CN', app: 'slack' },
      { at: '2026-03-11T03:00:00Z', ip: '198.51.100.4', country: 'US', app: 'okta', outcome: 'failure' },
    ],
  });
}
