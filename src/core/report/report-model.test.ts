// The report model from a snapshot, without a database: evidence paths read back, identifiers with full values
// and where they were found, the authority forms filled where known and "not known" elsewhere, CSV cell guard.
import { describe, expect, it } from 'vitest';
import { assessPopulation } from '../assess.ts';
import type { CaseBundle } from '../bundle/schema.ts';
import { getSignal } from '../catalog/signals.ts';
import { SOURCES } from '../catalog/sources.ts';
import { safeCell, withoutCaseExport } from './case-export.ts';
import { describeEvidence, valueAtPath } from './evidence.ts';
import { buildReport, reportIdentifiers } from './report-model.ts';
import type { CaseSnapshot } from './snapshot.ts';

const NOW = new Date('2026-04-01T00:00:00Z');
const HASH = 'ab'.repeat(32);

const bundle: CaseBundle = {
  format: 'gatecheck.case-bundle/v1',
  subject: {
    id: 'emp-1',
    kind: 'employee',
    name: 'Kyle Anderson',
    aliases: ['K. Anderson'],
    email: 'Kyle.Anderson@Example.com',
    phone: '+1 416 555 0134',
    role: 'Developer',
    claimedLocation: { city: 'Toronto', country: 'CA' },
    profiles: [{ kind: 'github', url: 'https://github.com/kyle-a' }],
  },
  interviews: [
    {
      at: '2026-01-05T14:00:00-05:00',
      plannedMode: 'video',
      actualMode: 'chat',
      cameraOn: false,
      excuse: 'broken camera',
    },
    {
      at: '2026-01-08T14:00:00-05:00',
      plannedMode: 'video',
      actualMode: 'chat',
      cameraOn: false,
      excuse: 'broken camera',
    },
  ],
  payments: [
    {
      at: '2026-03-01T09:00:00-05:00',
      kind: 'payroll',
      method: 'bank',
      destination: 'GB82WEST12345698765432',
      amount: 6000,
      currency: 'USD',
    },
    {
      at: '2026-03-15T09:00:00-05:00',
      kind: 'payroll',
      method: 'bank',
      destination: 'GB82WEST12345698765432',
      amount: 6000,
      currency: 'USD',
    },
    {
      at: '2026-03-20T09:00:00-05:00',
      kind: 'request',
      method: 'crypto',
      asset: 'USDT',
      destination: '0x52908400098527886E0F7030069857D2E4169EE7',
      amount: 8000,
      currency: 'USD',
    },
  ],
  logins: [
    { at: '2026-03-11T01:00:00Z', ip: '175.45.176.3', app: 'okta', account: 'kyle@acme.example' },
    { at: '2026-03-11T02:00:00Z', ip: '10.0.0.5', app: 'vpn' },
    { at: '2026-03-11T03:00:00Z', ip: '192.0.2.10', app: 'okta', allowListed: true },
  ],
  references: [{ name: 'Ref One', email: 'ref@mail.example', outcome: 'unverifiable' }],
};

function snapshotOf(b: CaseBundle): CaseSnapshot {
  const [assessment] = assessPopulation([b], { now: NOW });
  const who = { kind: 'user', id: 'u1', name: 'Ines' };
  return {
    id: 'snap-1',
    subjectId: b.subject.id,
    createdAt: NOW.toISOString(),
    createdBy: who,
    reason: 'test',
    manifestHash: HASH,
    manifest: {
      algorithm: 'sha256',
      canonicalization: 'json-sorted-keys',
      snapshotId: 'snap-1',
      subjectId: b.subject.id,
      createdAt: NOW.toISOString(),
      createdBy: who,
      reason: 'test',
      parts: { bundle: HASH, assessment: HASH, screenings: HASH, case: HASH, timeline: HASH, files: HASH },
    },
    parts: {
      bundle: b,
      assessment: assessment ? { id: 'a1', createdAt: NOW.toISOString(), trigger: 'test', assessment } : null,
      screenings: { available: false, listVersion: null, parties: [], wallets: [], dismissals: [] },
      case: {
        status: 'escalated',
        assignee: null,
        openedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        events: [],
        notes: [],
        checklist: null,
      },
      timeline: [{ at: '2026-01-05T14:00:00-05:00', kind: 'interviews', title: 'Video interview → chat' }],
      files: [],
    },
  };
}

describe('evidence paths', () => {
  it('reads nested paths and describes objects in one line', () => {
    expect(valueAtPath(bundle, 'payments[2].destination')).toBe('0x52908400098527886E0F7030069857D2E4169EE7');
    expect(valueAtPath(bundle, 'subject.claimedLocation.city')).toBe('Toronto');
    expect(valueAtPath(bundle, 'interviews[9]')).toBeUndefined();
    expect(describeEvidence(valueAtPath(bundle, 'interviews[0]'))).toBe(
      'at: 2026-01-05T14:00:00-05:00; plannedMode: video; actualMode: chat; cameraOn: false; excuse: broken camera',
    );
    expect(describeEvidence(undefined)).toBe('(no longer in the evidence)');
  });
});

describe('identifiers', () => {
  it('lists full values once each with where they were found, marking references and weak addresses', () => {
    const ids = reportIdentifiers(bundle);
    const byKind = (k: string) => ids.filter((i) => i.kind === k).map((i) => i.value);
    expect(byKind('email')).toEqual(['kyle.anderson@example.com', 'ref@mail.example']);
    expect(byKind('phone')).toEqual(['+14165550134']);
    expect(byKind('wallet')).toEqual(['0x52908400098527886E0F7030069857D2E4169EE7']);
    expect(byKind('bank')).toEqual(['GB82WEST12345698765432']);
    // Every address used, allow-listed ones left out; private ranges said so.
    expect(byKind('ip')).toEqual(['175.45.176.3', '10.0.0.5']);
    expect(ids.find((i) => i.value === '10.0.0.5')?.note).toContain('private');
    expect(ids.find((i) => i.value === 'ref@mail.example')?.note).toContain('reference');
    expect(byKind('account')).toEqual(['https://github.com/kyle-a', 'kyle@acme.example']);
    expect(ids.find((i) => i.value === 'GB82WEST12345698765432')?.path).toBe('payments[0].destination');
  });
});

describe('report model', () => {
  const model = buildReport(snapshotOf(bundle), '2026-04-02T00:00:00.000Z');

  it('summarises the band with plain reasons and lists every signal with its evidence, most severe first', () => {
    expect(model.format).toBe('gatecheck.report/v1');
    expect(model.snapshot.manifestHash).toBe(HASH);
    const assessed = snapshotOf(bundle).parts.assessment?.assessment;
    expect(assessed?.band).toBe('high');
    expect(model.summary.band).toBe('high');
    expect(model.summary.score).toBe(assessed?.score ?? -1);
    expect(model.summary.headline.length).toBeGreaterThan(20);
    const order = { critical: 0, high: 1, medium: 2, low: 3 };
    const ranks = model.signals.map((s) => order[s.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const camera = model.signals.find((s) => s.id === 'interview.camera-refusal');
    expect(camera?.evidence.map((e) => e.path)).toEqual(['interviews[0]', 'interviews[1]']);
    expect(camera?.sources.map((x) => x.key)).toEqual(getSignal('interview.camera-refusal')?.sources);
    for (const x of camera?.sources ?? [])
      expect(x.title).toBe(SOURCES[x.key as keyof typeof SOURCES]?.title);
    expect(model.case.statusLabel).toBe('Escalated');
    expect(model.checklistNote).toMatch(/No due-diligence checklist/);
  });

  it('fills the authority forms with what is known and leaves the rest to fill in', () => {
    const forms = model.jurisdictions.flatMap((j) => j.forms.map((f) => [j.country, f] as const));
    expect(forms.map(([c, f]) => `${c}: ${f.authority}`)).toEqual([
      'CA: RCMP and Canadian Anti-Fraud Centre',
      'CA: Canadian Centre for Cyber Security',
      'CA: FINTRAC',
      'US: FBI Internet Crime Complaint Center (IC3)',
      'UK: Office of Financial Sanctions Implementation (OFSI, HM Treasury)',
      'UK: National Crime Agency (UK Financial Intelligence Unit)',
    ]);
    const ic3 = forms.find(([c]) => c === 'US')?.[1];
    const value = (label: string) => ic3?.fields.find((f) => f.label === label)?.value;
    expect(value('Subject name')).toBe('Kyle Anderson');
    expect(value('Subject other names used')).toBe('K. Anderson');
    expect(value('Financial transactions: amount paid')).toBe('12000 USD');
    expect(value('Financial transactions: dates')).toBe('2026-03-01 to 2026-03-20');
    expect(value('Who received the money (accounts)')).toBe('GB82WEST12345698765432');
    expect(value('Subject IP addresses')).toContain('175.45.176.3');
    expect(value('Subject date of birth')).toBeNull();
    expect(value('Victim (your organisation): name, address, phone, email')).toBeNull();
    expect(value('Description of the incident')).toContain(HASH);
    // Reference contacts are not the subject's.
    expect(value('Subject email addresses')).toBe('kyle.anderson@example.com');
  });
});

describe('exports', () => {
  it('defuses spreadsheet formulas and strips the case record from an imported export', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('+44 20')).toBe("'+44 20");
    expect(safeCell('-2')).toBe("'-2");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('\tx')).toBe("'\tx");
    expect(safeCell('Kyle')).toBe('Kyle');
    expect(safeCell(42)).toBe('42');
    expect(safeCell(null)).toBe('');
    const exported = { ...bundle, caseExport: { exportedAt: 'x' } } as CaseBundle;
    expect(withoutCaseExport(exported)).toEqual(bundle);
    expect(withoutCaseExport(bundle)).toBe(bundle);
  });
});
