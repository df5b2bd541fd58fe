// Building fired signals and outcomes from the catalog, so every detector words and cites them alike.
import { requireSignal } from '../catalog/signals.ts';
import type { DetectorOutcome, Severity, Signal, SignalDefinition } from '../types.ts';

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders of a catalog template; unknown names stay visible (caught by tests). */
export function fillTemplate(template: string, values: Readonly<Record<string, unknown>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

const TIMES = ['never', 'once', 'twice'];

/** Words for a count: `times` (once, twice, 3 times) and counted nouns (1 interview, 2 interviews). */
function countWords(count: unknown): Record<string, string> {
  if (typeof count !== 'number') return {};
  const n = (one: string) => `${count} ${count === 1 ? one : `${one}s`}`;
  return {
    times: TIMES[count] ?? `${count} times`,
    interviews: n('interview'),
    documents: n('document'),
    references: n('reference'),
  };
}

/**
 * A fired signal: explanation from the catalog template filled with `text` (wording) and `data`
 * (the numbers, also kept on the signal), sources from the catalog.
 */
export function fire(
  def: SignalDefinition,
  severity: Severity,
  evidence: string[],
  data: Record<string, unknown>,
  text: Record<string, string | number> = {},
): Signal {
  return {
    id: def.id,
    severity,
    explanation: fillTemplate(def.explanation, { ...countWords(data.count), ...data, ...text }),
    evidence,
    sources: def.sources,
    data,
  };
}

export const nothing = (): DetectorOutcome => ({ status: 'evaluated', signals: [] });
export const found = (signal: Signal): DetectorOutcome => ({ status: 'evaluated', signals: [signal] });
export const notEvaluated = (reason: string): DetectorOutcome => ({ status: 'not_evaluated', reason });

export { requireSignal };
