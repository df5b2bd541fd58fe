// interview.environment — virtual/stock background, call-centre noise, refusal to show the room.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText, quote } from '../util.ts';

const def = requireSignal('interview.environment');

/** `checks.environment` values that mean nothing unusual. */
const NORMAL = new Set([
  '',
  'normal',
  'ok',
  'passed',
  'none',
  'home',
  'home_office',
  'office',
  'plain',
  'real',
  'not_done',
]);
const DESCRIBE: Record<string, string> = {
  virtual_background: 'virtual background',
  stock_background: 'stock background',
  blurred_background: 'blurred background',
  call_centre_noise: 'call-centre noise',
  call_center_noise: 'call-centre noise',
  refused_room: 'refused to show the room',
  refused_window: 'refused to point the camera out of a window',
};
const NOTE =
  /\b((virtual|fake|stock|green[- ]screen|blurr?ed) background|call[- ]?cent(er|re)|other voices|voices in the background|background (voices|chatter|conversations?)|many people talking|refused to (show|turn|point|move)|would not (show|turn|point|move)|wouldn'?t (show|turn|point|move))\b/;

export const environment: Detector = {
  signal: def.id,
  detect(bundle) {
    const interviews = bundle.interviews;
    if (!interviews || interviews.length === 0) return notEvaluated('no interviews recorded');
    let seen = 0;
    const evidence: string[] = [];
    const what: string[] = [];
    for (let i = 0; i < interviews.length; i++) {
      const iv = interviews[i]!;
      const value = iv.checks?.environment?.trim().toLowerCase();
      const note = (iv.observations ?? []).find((o) => NOTE.test(normalizeText(o)));
      if (iv.cameraOn === true || value !== undefined || note) seen++;
      const unusual = value !== undefined && !NORMAL.has(value);
      if (!unusual && !note) continue;
      evidence.push(`interviews[${i}]`);
      what.push(unusual ? (DESCRIBE[value] ?? value.replace(/_/g, ' ')) : quote(note!, 80));
    }
    if (seen === 0) return notEvaluated('no interview with the camera on recorded the surroundings');
    if (evidence.length === 0) return nothing();
    return found(fire(def, 'low', evidence, { count: evidence.length }, { what: what.join('; ') }));
  },
};
