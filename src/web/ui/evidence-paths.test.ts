import { describe, expect, it } from 'vitest';
import type { CaseBundle } from '../api/types.ts';
import { describePath, parsePath, resolvePath } from './evidence-paths.ts';

const bundle: CaseBundle = {
  format: 'gatecheck.case-bundle/v1',
  subject: { id: 'emp-1', name: 'Kyle', claimedLocation: { country: 'CA' } },
  interviews: [{ at: '2026-01-20T09:00:00-07:00', plannedMode: 'video' }],
  logins: [
    { at: '2026-03-01T08:00:00Z', ip: '1.2.3.4' },
    { at: '2026-03-02T23:30:00-07:00', ip: '5.6.7.8' },
  ],
  documents: [{ kind: 'passport', receivedAt: '2026-02-24T03:12:00-07:00' }],
};

describe('evidence paths', () => {
  it('parses indices and keys', () => {
    expect(parsePath('logins[3].ip')).toEqual(['logins', 3, 'ip']);
    expect(parsePath('subject.claimedLocation.country')).toEqual(['subject', 'claimedLocation', 'country']);
  });

  it('labels list items with their number and the date as written', () => {
    expect(describePath(bundle, 'interviews[0]')).toBe('Interview 1 (20 Jan 2026)');
    expect(describePath(bundle, 'logins[1].ip')).toBe('Login 2 (2 Mar 2026, 5.6.7.8) · IP');
    expect(describePath(bundle, 'documents[0]')).toBe('Document 1 (Passport, 24 Feb 2026)');
    expect(describePath(bundle, 'subject.claimedLocation.country')).toBe(
      'Personal details · Claimed location · Country',
    );
  });

  it('still labels paths that point past the data', () => {
    expect(describePath(bundle, 'payments[2]')).toBe('Payment 3');
    expect(resolvePath(bundle, 'payments[2]')).toBeUndefined();
    expect(resolvePath(bundle, 'logins[1].ip')).toBe('5.6.7.8');
  });
});
