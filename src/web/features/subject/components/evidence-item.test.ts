import { describe, expect, it } from 'vitest';
import { buildItem } from './evidence-item.ts';
import { EVIDENCE_SPECS } from './evidence-specs.ts';

const spec = (kind: string) => {
  const s = EVIDENCE_SPECS.find((x) => x.kind === kind);
  if (!s) throw new Error(`no spec for ${kind}`);
  return s;
};

describe('evidence forms → bundle items', () => {
  it('builds an interview with nested checks, booleans, lines and an offset time', () => {
    const item = buildItem(spec('interviews'), {
      at: '2026-01-20T09:00',
      plannedMode: 'video',
      actualMode: 'chat',
      status: 'held',
      cameraOn: 'no',
      excuse: ' camera broken ',
      'checks.handOcclusion': 'artifact',
      'checks.locationSmallTalk': 'not_done',
      'checks.scriptedAnswers': '',
      'checks.environment': 'virtual_background',
      observations: 'froze when hand passed\n\n long pauses ',
    });
    expect(item).toMatchObject({
      plannedMode: 'video',
      actualMode: 'chat',
      cameraOn: false,
      excuse: 'camera broken',
      checks: { handOcclusion: 'artifact', locationSmallTalk: 'not_done', environment: 'virtual_background' },
      observations: ['froze when hand passed', 'long pauses'],
    });
    expect(item.at).toMatch(/^2026-01-20T09:00:00(Z|[+-]\d{2}:\d{2})$/);
    expect(item).not.toHaveProperty('checks.scriptedAnswers');
  });

  it('only sends the fields shown for the kind of change', () => {
    const item = buildItem(spec('changes'), {
      field: 'bank_account',
      at: '2026-03-06T02:41',
      'to.bank': 'Wise',
      'to.country': 'CA',
      'to.line1': 'ignored: address fields are hidden for bank changes',
    });
    expect(item.to).toEqual({ bank: 'Wise', country: 'CA' });
    expect(item.field).toBe('bank_account');
  });

  it('leaves out empty values instead of sending empty strings', () => {
    const item = buildItem(spec('payments'), {
      kind: 'request',
      method: 'bank',
      amount: '',
      destination: '',
    });
    expect(item).toEqual({ kind: 'request', method: 'bank' });
  });
});
