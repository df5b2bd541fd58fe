// interview.scripted-answers — long pauses, reading eye movements, plausible-but-wrong answers, live AI help.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText, quote } from '../util.ts';

const def = requireSignal('interview.scripted-answers');

const SCRIPTED =
  /\b(long pauses?|paus(ed|ing) (before|after) (every|each)|reading (from|off|answers?|the screen|a script)|eyes? (moving|darting|reading|tracking)|reads? (his|her|their|the) answers?|typing (before|while) answering|ai[- ]assist\w*|chatgpt|copilot|(an|the) ai (tool|assistant)|someone (else )?(feeding|whispering|prompting)|off-screen (help|prompt\w*)|plausible but wrong|confidently wrong|scripted|rehearsed|generic answers?|echo(ed|es|ing) the question)\b/;

export const scriptedAnswers: Detector = {
  signal: def.id,
  detect(bundle) {
    const interviews = bundle.interviews;
    if (!interviews || interviews.length === 0) return notEvaluated('no interviews recorded');
    const held = interviews.filter((iv) => iv.status === undefined || iv.status === 'held').length;
    if (held === 0) return notEvaluated('no interview was held');
    const evidence: string[] = [];
    const what: string[] = [];
    for (let i = 0; i < interviews.length; i++) {
      const iv = interviews[i]!;
      if (iv.checks?.scriptedAnswers === false) continue;
      const note = (iv.observations ?? []).find((o) => SCRIPTED.test(normalizeText(o)));
      if (iv.checks?.scriptedAnswers === true || note) {
        evidence.push(`interviews[${i}]`);
        what.push(note ? quote(note, 80) : 'marked as scripted by the interviewer');
      }
    }
    if (evidence.length === 0) return nothing();
    return found(fire(def, 'medium', evidence, { count: evidence.length }, { what: what.join('; ') }));
  },
};
