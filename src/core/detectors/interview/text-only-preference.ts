// interview.text-only-preference — the candidate asks to replace calls with chat, email or Slack.
import type { Detector } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { normalizeText } from '../util.ts';

const def = requireSignal('interview.text-only-preference');

// A request ("can we", "I prefer", "instead of") + a text channel + something about a call/interview.
const ASK =
  /\b(can|could|may|shall) (we|i|you)\b|\bprefer|\brather\b|\binstead of\b|\bplease\b|\bwould like\b|\bwant to\b/;
const TEXT_CHANNEL =
  /\b(chat|e-?mail|slack|telegram|whatsapp|signal|discord|skype chat|teams chat|text(ing| messages?)?|in writing|written|messages?|messaging)\b/;
const CONVERSATION =
  /\b(interview|call|calls|meeting|talk|discuss|video|voice|phone|questions?|conversation)\b/;
const CANDIDATE_REQUEST =
  /\b(at (his|her|their|the candidate'?s) request|(he|she|they|candidate) (asked|requested|insisted)|requested by (the )?candidate)\b/;
const CHANNEL_NAMES = /\b(chat|e-?mail|slack|telegram|whatsapp|discord|text)\b/;

export const textOnlyPreference: Detector = {
  signal: def.id,
  detect(bundle) {
    const interviews = bundle.interviews ?? [];
    const comms = bundle.communications ?? [];
    if (interviews.length === 0 && comms.length === 0)
      return notEvaluated('no interviews or messages recorded');
    const evidence: string[] = [];
    const channels = new Set<string>();
    for (let i = 0; i < interviews.length; i++) {
      const iv = interviews[i]!;
      if (iv.actualMode !== 'chat' && iv.actualMode !== 'email') continue;
      if (iv.plannedMode === iv.actualMode) continue;
      const notes = normalizeText((iv.observations ?? []).join(' '));
      if (!CANDIDATE_REQUEST.test(notes)) continue;
      evidence.push(`interviews[${i}]`);
      const named = CHANNEL_NAMES.exec(notes);
      channels.add(named ? named[1]! : iv.actualMode);
    }
    for (let i = 0; i < comms.length; i++) {
      const c = comms[i]!;
      if (c.direction === 'outbound' || !c.text) continue;
      const text = normalizeText(c.text);
      if (!ASK.test(text) || !CONVERSATION.test(text)) continue;
      const channel = TEXT_CHANNEL.exec(text);
      if (!channel) continue;
      evidence.push(`communications[${i}]`);
      channels.add(channel[1]!.replace('e-mail', 'email'));
    }
    if (evidence.length === 0) return nothing();
    const list = [...channels];
    return found(
      fire(def, 'low', evidence, { count: evidence.length, channels: list }, { channels: list.join(', ') }),
    );
  },
};
