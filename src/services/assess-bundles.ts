// Stateless assessment: bundles in, assessments out (the exact `assess --json` shape); nothing stored.
// The bundles form one population and are scored with the stored policy. Used by POST /api/v1/assess.
import { assessPopulation, toPublicAssessment } from '../core/assess.ts';
import type { CaseBundle } from '../core/bundle/schema.ts';
import { type Problem, validateBundle } from '../core/bundle/validate.ts';
import { DomainError } from '../core/errors.ts';
import type { Assessment } from '../core/types.ts';
import type { Actor, AppContext } from './context.ts';
import { prepareIntel } from './internal/sanctions.ts';
import { getPolicy } from './update-policy.ts';

function validateAll(values: readonly unknown[]): CaseBundle[] {
  const bundles: CaseBundle[] = [];
  const problems: Problem[] = [];
  values.forEach((value, index) => {
    const checked = validateBundle(value);
    if (checked.ok) bundles.push(checked.bundle);
    else
      for (const p of checked.problems)
        problems.push({ path: `bundles[${index}].${p.path}`, message: p.message });
  });
  if (problems.length > 0) {
    throw new DomainError('validation', 'Some bundles are not valid; nothing was assessed', problems);
  }
  return bundles;
}

export async function assessBundles(
  app: AppContext,
  actor: Actor,
  input: { bundles: readonly unknown[]; at?: string | undefined },
): Promise<{ assessments: Assessment[] }> {
  // getPolicy authorises (subjects:read) before anything is evaluated.
  const policy = await getPolicy(app, actor);
  const bundles = validateAll(input.bundles);
  const now = input.at === undefined ? app.clock.now() : new Date(input.at);
  await prepareIntel(app);
  const results = assessPopulation(bundles, { now, policy, intel: app.intel });
  return { assessments: results.map(toPublicAssessment) };
}
