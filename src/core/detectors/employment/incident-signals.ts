// employment.* — after-hire incidents recorded by HR or security, one signal per incident kind.
import type { CaseBundle } from '../../bundle/schema.ts';
import type { Detector, Severity } from '../../types.ts';
import { fire, found, notEvaluated, nothing, requireSignal } from '../signal.ts';
import { quote } from '../util.ts';

type IncidentKind = NonNullable<CaseBundle['incidents']>[number]['kind'];

/** A detector that fires on every incident of `kind` (severity from the catalog). */
export function incidentDetector(signalId: string, kind: IncidentKind): Detector {
  const def = requireSignal(signalId);
  const severity: Severity = def.defaultSeverity;
  return {
    signal: def.id,
    detect(bundle) {
      if (!bundle.incidents) return notEvaluated('no incidents recorded');
      const evidence: string[] = [];
      const texts: string[] = [];
      bundle.incidents.forEach((x, i) => {
        if (x.kind !== kind) return;
        evidence.push(`incidents[${i}]`);
        texts.push(
          x.text ? quote(x.text, 100) : `${kind.replace(/_/g, ' ')}${x.at ? ` on ${x.at.slice(0, 10)}` : ''}`,
        );
      });
      if (evidence.length === 0) return nothing();
      return found(fire(def, severity, evidence, { count: evidence.length }, { detail: texts.join('; ') }));
    },
  };
}
